// profile(): statistics checked against values computed once with numpy/scipy (noted beside
// each), alerts on tables built to trigger them, and leakage found where it is planted.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Frame, Rng, profile, type Column } from "../../src/index.js";
import { pearson, ranks, cramersV } from "../../src/data/profile/correlations.js";
import { binnedAuc } from "../../src/data/profile/target-association.js";
import { quantileSorted } from "../../src/data/profile/column-profile.js";
import { countDuplicateRows } from "../../src/data/profile/duplicates.js";

const num = (values: number[]): Column => ({ kind: "numeric", values: Float64Array.from(values) });
const int = (values: number[]): Column => ({ kind: "integer", values: Float64Array.from(values) });
const cat = (codes: number[], categories: string[]): Column => ({ kind: "categorical", codes: Int32Array.from(codes), categories });

describe("statistics", () => {
  it("matches scipy for Pearson and Spearman", () => {
    const x = Float64Array.from([1, 2, 3, 4, 5]);
    const y = Float64Array.from([2, 4, 5, 4, 5]);
    // scipy.stats.pearsonr / spearmanr on the same arrays
    assert.ok(Math.abs(pearson(x, y)! - 0.7745966692414835) < 1e-12);
    assert.ok(Math.abs(pearson(ranks(x), ranks(y))! - 0.7378647873726218) < 1e-12);
  });

  it("skips missing values pairwise and refuses constant columns", () => {
    const x = Float64Array.from([1, 2, NaN, 3, 4]);
    const y = Float64Array.from([2, 4, 100, 6, 8]);
    assert.ok(Math.abs(pearson(x, y)! - 1) < 1e-12);
    assert.equal(pearson(Float64Array.from([1, 1, 1, 1]), y.subarray(0, 4)), null);
  });

  it("gives Cramér's V of 1 for a bijection and 0 for independence", () => {
    const a = Int32Array.from([0, 0, 1, 1, 2, 2]);
    assert.ok(Math.abs(cramersV(a, 3, Int32Array.from([2, 2, 0, 0, 1, 1]), 3)! - 1) < 1e-12);
    const x = Int32Array.from([0, 0, 1, 1]);
    const y = Int32Array.from([0, 1, 0, 1]);
    assert.equal(cramersV(x, 2, y, 2), 0);
  });

  it("computes quantiles like numpy's default (linear)", () => {
    const sorted = Float64Array.from([1, 2, 2, 3, 10, 50]);
    // numpy.quantile([1,2,2,3,10,50], [0.25, 0.5, 0.9]) = [2, 2.5, 30]
    assert.equal(quantileSorted(sorted, 0.25), 2);
    assert.equal(quantileSorted(sorted, 0.5), 2.5);
    assert.ok(Math.abs(quantileSorted(sorted, 0.9) - 30) < 1e-12);
  });

  it("computes AUC over binned scores as the brute-force pair count does", () => {
    const rng = new Rng(3);
    const nBins = 7;
    const score = Float64Array.from({ length: nBins }, () => Math.floor(rng.next() * 4) / 4);
    const pos = Float64Array.from({ length: nBins }, () => rng.int(20));
    const neg = Float64Array.from({ length: nBins }, () => rng.int(20));
    let wins = 0;
    for (let a = 0; a < nBins; a++) for (let b = 0; b < nBins; b++) {
      const pairs = pos[a] * neg[b];
      wins += score[a] > score[b] ? pairs : score[a] === score[b] ? pairs / 2 : 0;
    }
    const total = pos.reduce((s, v) => s + v, 0) * neg.reduce((s, v) => s + v, 0);
    assert.ok(Math.abs(binnedAuc(score, pos, neg) - wins / total) < 1e-12);
  });

  it("counts repeated rows, treating missing values as equal", () => {
    const columns = [num([1, 2, 1, NaN, NaN, 1]), cat([0, 1, 0, -1, -1, 1], ["a", "b"])];
    assert.equal(countDuplicateRows(columns, 6), 2);
  });
});

describe("profile", () => {
  it("summarises numeric columns like scipy and numpy", () => {
    const frame = Frame.fromColumns({ v: num([1, 2, 2, 3, 10, 50]) });
    const [column] = profile(frame).columns;
    // scipy.stats.skew (biased) 1.6813486093404344; numpy.std(ddof=1) 19.221515722405105
    assert.ok(Math.abs(column.numeric!.skewness - 1.6813486093404344) < 1e-9);
    assert.ok(Math.abs(column.numeric!.std - 19.221515722405105) < 1e-9);
    assert.equal(column.numeric!.mean, 68 / 6);
    assert.equal(column.nDistinct, 5);
    assert.equal(column.numeric!.histogram.counts.reduce((a, b) => a + b, 0), 6);
  });

  it("raises the alerts a table calls for", () => {
    const n = 200;
    const rng = new Rng(1);
    const frame = Frame.fromColumns(
      {
        id: int(Array.from({ length: n }, (_, i) => i + 1)),
        constant: num(Array.from({ length: n }, () => 7)),
        sparse: num(Array.from({ length: n }, (_, i) => (i % 10 === 0 ? i : NaN))),
        skewed: num(Array.from({ length: n }, () => Math.exp(4 * rng.normal()))),
        noise: num(Array.from({ length: n }, () => rng.normal())),
      },
      { hints: { id: { isIdentifier: true } } },
    );
    const kinds = (column: string): string[] => profile(frame).alerts.filter((a) => a.column === column).map((a) => a.kind);
    assert.deepEqual(kinds("id"), ["identifier"]);
    assert.deepEqual(kinds("constant"), ["constant"]);
    assert.deepEqual(kinds("sparse"), ["missing"]);
    assert.ok(kinds("skewed").includes("skewed"));
    assert.deepEqual(kinds("noise"), []);
  });

  it("finds a planted leak and leaves honest columns alone", () => {
    const n = 4000;
    const rng = new Rng(9);
    const signal = Array.from({ length: n }, () => rng.normal());
    const label = signal.map((s) => (s + 1.5 * rng.normal() > 0 ? 1 : 0));
    const frame = Frame.fromColumns({
      signal: num(signal),
      noise: num(Array.from({ length: n }, () => rng.normal())),
      leak: num(label.map((y) => y * 10 + rng.next())),
      label: cat(label, ["no", "yes"]),
    });
    const result = profile(frame, { target: "label", seed: 1 });
    const leaks = result.alerts.filter((a) => a.kind === "leakage").map((a) => a.column);
    assert.deepEqual(leaks, ["leak"]);
    const byName = Object.fromEntries(result.targetAssociations.map((a) => [a.column, a]));
    assert.ok(byName.leak.predictivePower > 0.99);
    assert.ok(byName.signal.predictivePower > 0.6 && byName.signal.predictivePower < 0.9);
    assert.ok(Math.abs(byName.noise.predictivePower - 0.5) < 0.05);
    assert.equal(result.target?.task, "classification");
  });

  it("treats a many-valued numeric target as regression", () => {
    const rng = new Rng(2);
    const x = Array.from({ length: 1000 }, () => rng.normal());
    const frame = Frame.fromColumns({ x: num(x), y: num(x.map((v) => 2 * v + 0.1 * rng.normal())) });
    const result = profile(frame, { target: "y" });
    assert.equal(result.target?.task, "regression");
    assert.equal(result.targetAssociations[0].metric, "r2");
    assert.ok(result.targetAssociations[0].predictivePower > 0.9);
  });

  it("is reproducible for a seed", () => {
    const rng = new Rng(4);
    const frame = Frame.fromColumns({
      a: num(Array.from({ length: 500 }, () => rng.normal())),
      b: cat(Array.from({ length: 500 }, () => rng.int(3)), ["x", "y", "z"]),
    });
    const strip = (p: ReturnType<typeof profile>) => ({ ...p, elapsedMs: 0 });
    assert.deepEqual(strip(profile(frame, { target: "b", seed: 5 })), strip(profile(frame, { target: "b", seed: 5 })));
  });
});
