// Splitters against scikit-learn 1.2.1 where the algorithm is deterministic (KFold and
// StratifiedKFold without shuffle, GroupKFold, TimeSeriesSplit), and by their properties where it
// is seeded: every fold partitions the rows, sizes and class shares are as promised, the same seed
// gives the same folds.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { InvalidInput } from "../../src/core/index.js";
import {
  groupKFold,
  holdout,
  kFold,
  repeatedKFold,
  repeatedStratifiedKFold,
  stratifiedKFold,
  timeSeriesSplit,
  type Fold,
} from "../../src/evaluate/split/index.js";
import { FIXTURE } from "./fixture.js";

const plain = (folds: Fold[]): { train: number[]; test: number[] }[] => folds.map((f) => ({ train: [...f.train], test: [...f.test] }));

/** Each fold's train and test are disjoint, sorted, and cover 0..n−1; the tests cover each row once. */
function assertPartition(folds: Fold[], n: number, { everyRowTested = true } = {}): void {
  const seen = new Int32Array(n);
  for (const { train, test } of folds) {
    assert.ok(train instanceof Int32Array && test instanceof Int32Array);
    assert.equal(train.length + test.length, n);
    const all = [...train, ...test].sort((a, b) => a - b);
    assert.deepEqual(all, Array.from({ length: n }, (_, i) => i));
    assert.deepEqual([...test], [...test].sort((a, b) => a - b));
    for (const i of test) seen[i]++;
  }
  if (everyRowTested) assert.ok(seen.every((c) => c === 1), "every row is tested exactly once");
}

describe("splitters equal scikit-learn's", () => {
  test("kFold without shuffle is KFold", () => {
    for (const c of FIXTURE.splits.kFold) assert.deepEqual(plain(kFold(c.n, { nSplits: c.nSplits })), c.folds, `n ${c.n}, k ${c.nSplits}`);
  });
  test("stratifiedKFold without shuffle is StratifiedKFold (string and number labels)", () => {
    for (const c of FIXTURE.splits.stratifiedKFold) assert.deepEqual(plain(stratifiedKFold(c.y, { nSplits: c.nSplits })), c.folds);
  });
  test("groupKFold is GroupKFold", () => {
    for (const c of FIXTURE.splits.groupKFold) assert.deepEqual(plain(groupKFold(c.groups, { nSplits: c.nSplits })), c.folds, `k ${c.nSplits}`);
  });
  test("timeSeriesSplit is TimeSeriesSplit with gap, testSize and maxTrainSize", () => {
    for (const c of FIXTURE.splits.timeSeriesSplit) assert.deepEqual(plain(timeSeriesSplit(c.n, c.options)), c.folds, JSON.stringify(c.options));
  });
});

describe("seeded splitters", () => {
  const y = Array.from({ length: 103 }, (_, i) => (i % 10 < 6 ? "no" : i % 10 < 9 ? "yes" : "maybe"));

  test("shuffled kFold partitions the rows into near-equal folds, same seed same folds", () => {
    const folds = kFold(103, { nSplits: 5, shuffle: true, seed: 3 });
    assertPartition(folds, 103);
    assert.deepEqual(folds.map((f) => f.test.length), [21, 21, 21, 20, 20]);
    assert.deepEqual(plain(kFold(103, { nSplits: 5, shuffle: true, seed: 3 })), plain(folds));
    assert.notDeepEqual(plain(kFold(103, { nSplits: 5, shuffle: true, seed: 4 })), plain(folds));
    assert.notDeepEqual(plain(kFold(103, { nSplits: 5 })), plain(folds), "shuffle changes the folds");
  });

  test("shuffled stratifiedKFold keeps each class's count per fold within one of its share", () => {
    const folds = stratifiedKFold(y, { nSplits: 4, shuffle: true, seed: 11 });
    assertPartition(folds, y.length);
    for (const label of ["no", "yes", "maybe"]) {
      const total = y.filter((v) => v === label).length;
      for (const { test } of folds) {
        const inFold = [...test].filter((i) => y[i] === label).length;
        assert.ok(Math.abs(inFold - total / 4) < 1, `${label}: ${inFold} of ${total} in a fold`);
      }
    }
    // Shuffling only reorders rows within a class: the per-fold class counts are the unshuffled ones.
    const counts = (fs: Fold[]): number[][] => fs.map((f) => ["no", "yes", "maybe"].map((l) => [...f.test].filter((i) => y[i] === l).length));
    assert.deepEqual(counts(folds), counts(stratifiedKFold(y, { nSplits: 4 })));
    assert.deepEqual(plain(stratifiedKFold(y, { nSplits: 4, shuffle: true, seed: 11 })), plain(folds));
  });

  test("groupKFold never splits a group and balances fold sizes", () => {
    const groups = Array.from({ length: 200 }, (_, i) => `patient-${(i * 7919) % 37}`);
    const folds = groupKFold(groups, { nSplits: 5 });
    assertPartition(folds, 200);
    for (const { train, test } of folds) {
      const testGroups = new Set([...test].map((i) => groups[i]));
      for (const i of train) assert.ok(!testGroups.has(groups[i]), `group ${groups[i]} on both sides`);
    }
    const sizes = folds.map((f) => f.test.length);
    assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 6, `fold sizes ${sizes}`);
  });

  test("repeated variants give nRepeats distinct partitions, reproducibly", () => {
    const folds = repeatedKFold(50, { nSplits: 5, nRepeats: 3, seed: 9 });
    assert.equal(folds.length, 15);
    for (let r = 0; r < 3; r++) assertPartition(folds.slice(5 * r, 5 * r + 5), 50);
    assert.notDeepEqual(plain(folds.slice(0, 5)), plain(folds.slice(5, 10)));
    assert.deepEqual(plain(repeatedKFold(50, { nSplits: 5, nRepeats: 3, seed: 9 })), plain(folds));
    const strat = repeatedStratifiedKFold(y, { nSplits: 3, nRepeats: 2, seed: 1 });
    assert.equal(strat.length, 6);
    assertPartition(strat.slice(3), y.length);
  });

  test("holdout: sizes as scikit-learn's (ceil of the test fraction), stratified shares, unshuffled tail", () => {
    const split = holdout(103, { testSize: 0.2, seed: 5 });
    assert.equal(split.test.length, 21);
    assertPartition([split], 103, { everyRowTested: false });
    assert.deepEqual(plain([holdout(103, { testSize: 0.2, seed: 5 })]), plain([split]));
    const strat = holdout(y.length, { testSize: 0.3, seed: 2, stratify: y });
    assert.equal(strat.test.length, 31);
    for (const label of ["no", "yes", "maybe"]) {
      const share = (0.3 * y.filter((v) => v === label).length);
      const inTest = [...strat.test].filter((i) => y[i] === label).length;
      assert.ok(Math.abs(inTest - share) < 1, `${label}: ${inTest} in test, share ${share}`);
    }
    assert.deepEqual([...holdout(10, { testSize: 3, shuffle: false }).test], [7, 8, 9]);
  });
});

describe("splitter errors say what is wrong", () => {
  test("more folds than samples", () => {
    assert.throws(() => kFold(3, { nSplits: 4 }), (e: unknown) => e instanceof InvalidInput && /4 folds from 3 samples/.test(e.message));
  });
  test("more folds than members of the smallest class names the class", () => {
    assert.throws(() => stratifiedKFold(["a", "a", "a", "b", "b", "a"], { nSplits: 3 }), (e: unknown) => e instanceof InvalidInput && /class "b".*only 2 members/.test(e.message));
  });
  test("fewer groups than folds", () => {
    assert.throws(() => groupKFold([1, 1, 2, 2], { nSplits: 3 }), (e: unknown) => e instanceof InvalidInput && /3 folds from 2 distinct groups/.test(e.message));
  });
  test("a time-series split that leaves nothing to train on", () => {
    assert.throws(() => timeSeriesSplit(10, { nSplits: 3, testSize: 3, gap: 1 }), (e: unknown) => e instanceof InvalidInput && /no rows to train on/.test(e.message));
  });
  test("nSplits below 2, a single-member class in a stratified holdout, a missing label", () => {
    assert.throws(() => kFold(10, { nSplits: 1 }), /nSplits must be an integer ≥ 2/);
    assert.throws(() => holdout(4, { stratify: ["a", "a", "b", "a"] }), /class "b" has a single member/);
    assert.throws(() => stratifiedKFold(["a", null, "b"], { nSplits: 2 }), /missing at row 1/);
    assert.throws(() => holdout(10, { testSize: 1.5 }), /testSize 1.5/);
  });
});
