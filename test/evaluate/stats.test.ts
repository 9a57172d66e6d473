// Statistics against scipy and against the formulas written out in the fixture script: the
// distributions to 1e-10, the corrected t-test, McNemar and DeLong p-values, and bootstrap
// intervals against scipy.stats.bootstrap within Monte Carlo error.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { InvalidInput } from "../../src/core/index.js";
import {
  binomialCdf,
  binomialPmf,
  bootstrapCi,
  chiSquareCdf,
  chiSquareSf,
  correctedTTest,
  delongTest,
  mcnemarFromCounts,
  mcnemarTest,
  normalCdf,
  normalQuantile,
  pairedBootstrap,
  studentTCdf,
  studentTQuantile,
  studentTSf,
} from "../../src/evaluate/stats/index.js";
import { assertClose, FIXTURE } from "./fixture.js";

/** Relative error for tail probabilities; absolute error for values of order one. */
function assertProb(actual: number, expected: number, what: string): void {
  const scale = expected !== 0 && Math.abs(expected) < 1 ? Math.abs(expected) : Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= 1e-10 * scale, `${what}: expected ${expected}, received ${actual}`);
}

describe("distributions equal scipy.stats to 1e-10", () => {
  const d = FIXTURE.distributions;
  test("normal CDF and quantile, into the far tails", () => {
    d.normal.x.forEach((x: number, i: number) => assertProb(normalCdf(x), d.normal.cdf[i], `Φ(${x})`));
    d.normal.p.forEach((p: number, i: number) => assertClose(normalQuantile(p), d.normal.ppf[i], 1e-10, `Φ⁻¹(${p})`));
  });
  test("Student t CDF, survival function and quantile, integer and fractional df", () => {
    for (const c of d.t) {
      c.x.forEach((x: number, i: number) => {
        assertProb(studentTCdf(x, c.df), c.cdf[i], `t${c.df} cdf(${x})`);
        assertProb(studentTSf(x, c.df), c.sf[i], `t${c.df} sf(${x})`);
      });
      c.p.forEach((p: number, i: number) => assertClose(studentTQuantile(p, c.df), c.ppf[i], 1e-10, `t${c.df} quantile(${p})`));
    }
  });
  test("chi-square CDF and survival function", () => {
    for (const c of d.chi2) {
      c.x.forEach((x: number, i: number) => {
        assertProb(chiSquareCdf(x, c.df), c.cdf[i], `χ²${c.df} cdf(${x})`);
        assertProb(chiSquareSf(x, c.df), c.sf[i], `χ²${c.df} sf(${x})`);
      });
    }
  });
  test("binomial CDF and PMF", () => {
    for (const c of d.binomial) {
      c.k.forEach((k: number, i: number) => {
        assertProb(binomialCdf(k, c.n, c.p), c.cdf[i], `Bin(${c.n}, ${c.p}) cdf(${k})`);
        assertProb(binomialPmf(k, c.n, c.p), c.pmf[i], `Bin(${c.n}, ${c.p}) pmf(${k})`);
      });
    }
  });
  test("bad arguments are named", () => {
    assert.throws(() => normalQuantile(1.2), (e: unknown) => e instanceof InvalidInput && /received 1.2/.test(e.message));
    assert.throws(() => studentTCdf(1, 0), /degrees of freedom > 0: received 0/);
  });
});

describe("paired tests", () => {
  test("corrected resampled t-test: statistic, df and p-value as in Nadeau & Bengio", () => {
    for (const c of FIXTURE.correctedTTest) {
      const r = correctedTTest(c.a, c.b, { nTrain: c.nTrain, nTest: c.nTest });
      assertClose(r.statistic, c.t, 1e-12, "t");
      assert.equal(r.df, c.df);
      assertProb(r.pValue, c.p, "p");
      assert.ok(r.low < r.meanDifference && r.meanDifference < r.high);
      // The interval excludes 0 exactly when the two-sided test rejects at 5%.
      assert.equal(r.low > 0 || r.high < 0, r.pValue < 0.05);
    }
  });

  test("the correction makes the test more cautious than the plain paired t-test", () => {
    const c = FIXTURE.correctedTTest[0];
    const corrected = correctedTTest(c.a, c.b, { nTrain: c.nTrain, nTest: c.nTest });
    const plain = correctedTTest(c.a, c.b, { nTrain: 1e12, nTest: 1 }); // correction term ≈ 0
    assert.ok(corrected.pValue > plain.pValue);
    assert.equal(correctedTTest([1, 2, 3], [1, 2, 3], { nTrain: 9, nTest: 1 }).pValue, 1);
    const oneSided = correctedTTest(c.a, c.b, { nTrain: c.nTrain, nTest: c.nTest, alternative: "greater" });
    assertClose(oneSided.pValue, corrected.statistic > 0 ? c.p / 2 : 1 - c.p / 2, 1e-12, "one-sided p");
  });

  test("McNemar: exact binomial p and corrected chi-square p", () => {
    for (const c of FIXTURE.mcnemar) {
      const exact = mcnemarFromCounts(c.b, c.c, { exact: true });
      assertProb(exact.pValue, c.exactP, `exact b=${c.b} c=${c.c}`);
      const chi = mcnemarFromCounts(c.b, c.c, { exact: false });
      assertClose(chi.statistic, c.chi2, 1e-12, "χ²");
      assertProb(chi.pValue, c.chi2P, `χ² p b=${c.b} c=${c.c}`);
      assert.equal(mcnemarFromCounts(c.b, c.c).method, c.b + c.c < 25 ? "exact" : "chi-square");
    }
  });

  test("McNemar from predictions counts the discordant rows", () => {
    const y = ["a", "b", "a", "b", "a", "a", "b", "b"];
    const A = ["a", "b", "a", "a", "a", "b", "b", "a"]; // wrong at 3, 5, 7
    const B = ["a", "a", "b", "b", "a", "b", "b", "b"]; // wrong at 1, 2, 5
    const r = mcnemarTest(y, A, B);
    assert.deepEqual([r.b, r.c], [2, 2]);
    assert.equal(r.pValue, 1);
  });

  test("DeLong: AUCs, covariance, z and p as Sun & Xu's algorithm in numpy (with ties)", () => {
    for (const c of FIXTURE.delong) {
      const r = delongTest(c.y, c.s1, c.s2);
      assertClose(r.aucA, c.auc[0], 1e-12, "aucA");
      assertClose(r.aucB, c.auc[1], 1e-12, "aucB");
      [0, 1, 3].forEach((k) => assertClose(r.covariance[k], c.cov[Math.floor(k / 2)][k % 2], 1e-12, `cov[${k}]`));
      assertClose(r.z, c.z, 1e-9, "z");
      assertProb(r.pValue, c.p, "p");
      assert.ok(r.ciDifference[0] < r.difference && r.difference < r.ciDifference[1]);
      assert.equal(r.ciDifference[0] > 0 || r.ciDifference[1] < 0, r.pValue < 0.05);
    }
  });

  test("DeLong: the AUC equals the share of correctly ordered pairs, and identical scores give p = 1", () => {
    const y = [0, 0, 1, 1, 0, 1, 0, 1, 1, 0];
    const s = [0.1, 0.4, 0.35, 0.8, 0.4, 0.9, 0.2, 0.4, 0.7, 0.05];
    let pairs = 0;
    for (let i = 0; i < 10; i++) for (let j = 0; j < 10; j++) if (y[i] === 1 && y[j] === 0) pairs += s[i] > s[j] ? 1 : s[i] === s[j] ? 0.5 : 0;
    const r = delongTest(y, s, s);
    assert.equal(r.aucA, pairs / 25);
    assert.equal(r.pValue, 1);
    assert.throws(() => delongTest(["x", "y", "x", "y"], [1, 2, 3, 4], [1, 2, 3, 4]), /cannot tell which label is positive/);
    assert.equal(delongTest(["x", "y", "x", "y"], [1, 2, 3, 4], [4, 3, 2, 1], { positiveLabel: "y" }).aucA, 0.75);
  });
});

describe("bootstrap", () => {
  const x = Float64Array.from(FIXTURE.bootstrap.x as number[]);
  const mean = (v: ArrayLike<number>): number => Array.from(v).reduce((a, b) => a + b, 0) / v.length;
  const std = (v: ArrayLike<number>): number => Math.sqrt(Array.from(v).reduce((a, b) => a + (b - mean(v)) ** 2, 0) / v.length);
  const metrics = { mean, std } as Record<string, (v: ArrayLike<number>) => number>;

  test("percentile and BCa intervals agree with scipy.stats.bootstrap within Monte Carlo error", () => {
    for (const c of FIXTURE.bootstrap.cases) {
      // The metric sees the resampled "prediction"; yTrue is a dummy of the same length.
      const r = bootstrapCi(x, x, (_y, p) => metrics[c.statistic](p as Float64Array), { nBootstrap: 4000, confidence: 0.9, method: c.method, seed: 7 });
      const width = c.high - c.low;
      assert.ok(Math.abs(r.low - c.low) < 0.06 * width && Math.abs(r.high - c.high) < 0.06 * width, `${c.statistic} ${c.method}: [${r.low}, ${r.high}] vs scipy [${c.low}, ${c.high}]`);
      assert.equal(r.estimate, metrics[c.statistic](x));
    }
  });

  test("seeded: the same seed gives the same replicates, another seed others", () => {
    const run = (seed: number) => bootstrapCi(x, x, (_y, p) => mean(p as Float64Array), { nBootstrap: 200, seed });
    assert.deepEqual(run(3).replicates, run(3).replicates);
    assert.notDeepEqual(run(3).replicates, run(4).replicates);
    assert.throws(() => bootstrapCi(x, x, (_y, p) => mean(p as Float64Array), { method: "studentized" as never }), /"percentile" or "bca": received studentized/);
    assert.throws(() => bootstrapCi(x, x.subarray(1), (_y, p) => mean(p as Float64Array)), /prediction has 59 rows but yTrue has 60/);
  });

  test("stratified resampling keeps the class counts in every replicate", () => {
    const y = Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const positives = (yy: ArrayLike<unknown>): number => Array.from(yy).filter((v) => v === 1).length;
    const strat = bootstrapCi(y, y, (yy) => positives(yy), { nBootstrap: 100, stratify: true, method: "percentile" });
    assert.ok(strat.replicates.every((v) => v === 10));
    const plain = bootstrapCi(y, y, (yy) => positives(yy), { nBootstrap: 100, method: "percentile" });
    assert.ok(new Set(plain.replicates).size > 3);
  });

  test("paired bootstrap of an accuracy difference: a clearly better model, and two equal ones", () => {
    const n = 300;
    const y = Array.from({ length: n }, (_, i) => i % 2);
    const good = y.map((v, i) => (i % 10 === 0 ? 1 - v : v)); // 90 % right
    const poor = y.map((v, i) => (i % 3 === 0 ? 1 - v : v)); // 67 % right
    const accuracy = (yy: ArrayLike<unknown>, p: ArrayLike<unknown>): number => Array.from(p).filter((v, i) => v === yy[i]).length / p.length;
    const r = pairedBootstrap(y, { a: good, b: poor }, accuracy, { nBootstrap: 500, seed: 1 });
    assert.ok(Math.abs(r.estimate - (0.9 - 0.6667)) < 0.01);
    assert.ok(r.low > 0 && r.pValue < 0.01, `interval [${r.low}, ${r.high}], p ${r.pValue}`);
    const same = pairedBootstrap(y, { a: good, b: good }, accuracy, { nBootstrap: 100 });
    assert.deepEqual([same.estimate, same.low, same.high, same.pValue], [0, 0, 0, 1]);
  });

  test("a probability matrix is resampled by rows, weights with it", () => {
    const proba = { data: Float64Array.from([0.9, 0.1, 0.2, 0.8, 0.6, 0.4]), rows: 3, cols: 2 };
    const y = [0, 1, 0];
    const seen: number[] = [];
    bootstrapCi(y, proba, (yy, p, w) => {
      const m = p as typeof proba;
      for (let r = 0; r < m.rows; r++) seen.push(m.data[2 * r] + m.data[2 * r + 1], (w as Float64Array)[r] - (yy[r] === 1 ? 20 : 10));
      return 0;
    }, { nBootstrap: 5, sampleWeight: [10, 20, 10], method: "percentile" });
    assert.ok(seen.every((v, i) => (i % 2 === 0 ? Math.abs(v - 1) < 1e-15 : v === 0)), "rows stay whole and weights follow their rows");
  });
});
