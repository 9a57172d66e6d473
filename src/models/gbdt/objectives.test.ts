// Each objective against its own loss, written out here independently of objectives.ts: gradients
// and hessians by finite differences at random raw scores, base scores as minimisers of the
// weighted loss, then target checks, options, transforms at extreme scores, and softmax with two
// classes against binary logloss.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { InvalidInput, Rng } from "../../core/index.js";
import { METRIC_NAMES, createMetric } from "./metrics.js";
import type { ObjectiveName, ObjectiveOptions } from "./objective.js";
import { OBJECTIVE_NAMES, POISSON_MAX_DELTA_STEP, createObjective } from "./objectives.js";

/** A loss over one row's raw scores (length 1, or K class scores for softmax). */
type Loss = (y: number, raw: Float64Array) => number;

/** How an objective's hessian relates to its loss's second derivative L''. */
type Hessian = "exact" | "unit" | "poisson" | "twice";

interface Case {
  readonly label: string;
  readonly name: ObjectiveName;
  readonly options: ObjectiveOptions;
  readonly loss: Loss;
  readonly hessian: Hessian;
  /** Rows whose raw score is this close to a kink of the loss are left out of finite differences. */
  readonly kinkDistance?: (y: number, raw: number) => number;
  readonly target: (rng: Rng) => number;
  readonly rawScale: number;
}

const softplus = (x: number): number => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));
const logSumExp = (xs: Float64Array): number => {
  const max = Math.max(...xs);
  return max + Math.log(xs.reduce((s, x) => s + Math.exp(x - max), 0));
};
const huberLoss = (delta: number): Loss => (y, [raw]) => {
  const r = Math.abs(raw - y);
  return r <= delta ? 0.5 * r * r : delta * (r - 0.5 * delta);
};
const pinball = (alpha: number): Loss => (y, [raw]) => (y >= raw ? alpha * (y - raw) : (1 - alpha) * (raw - y));
const tweedieLoss = (p: number): Loss => (y, [raw]) => (-y * Math.exp((1 - p) * raw)) / (1 - p) + Math.exp((2 - p) * raw) / (2 - p);

const CASES: readonly Case[] = [
  { label: "squared-error", name: "squared-error", options: {}, loss: (y, [r]) => 0.5 * (r - y) ** 2, hessian: "exact", target: (g) => 3 * g.normal() + 1, rawScale: 3 },
  { label: "absolute-error", name: "absolute-error", options: {}, loss: (y, [r]) => Math.abs(r - y), hessian: "unit", kinkDistance: (y, r) => Math.abs(r - y), target: (g) => 3 * g.normal() + 1, rawScale: 3 },
  { label: "huber δ=1", name: "huber", options: {}, loss: huberLoss(1), hessian: "unit", kinkDistance: (y, r) => Math.abs(Math.abs(r - y) - 1), target: (g) => 3 * g.normal(), rawScale: 3 },
  { label: "huber δ=0.3", name: "huber", options: { huberDelta: 0.3 }, loss: huberLoss(0.3), hessian: "unit", kinkDistance: (y, r) => Math.abs(Math.abs(r - y) - 0.3), target: (g) => 3 * g.normal(), rawScale: 3 },
  { label: "quantile α=0.5", name: "quantile", options: {}, loss: pinball(0.5), hessian: "unit", kinkDistance: (y, r) => Math.abs(r - y), target: (g) => 3 * g.normal(), rawScale: 3 },
  { label: "quantile α=0.9", name: "quantile", options: { alpha: 0.9 }, loss: pinball(0.9), hessian: "unit", kinkDistance: (y, r) => Math.abs(r - y), target: (g) => 3 * g.normal(), rawScale: 3 },
  { label: "poisson", name: "poisson", options: {}, loss: (y, [r]) => Math.exp(r) - y * r, hessian: "poisson", target: (g) => g.int(7), rawScale: 1 },
  { label: "gamma", name: "gamma", options: {}, loss: (y, [r]) => y * Math.exp(-r) + r, hessian: "exact", target: (g) => Math.exp(g.normal()), rawScale: 1 },
  { label: "tweedie p=1.5", name: "tweedie", options: {}, loss: tweedieLoss(1.5), hessian: "exact", target: (g) => (g.next() < 0.4 ? 0 : Math.exp(g.normal())), rawScale: 1 },
  { label: "tweedie p=1.2", name: "tweedie", options: { tweedieVariancePower: 1.2 }, loss: tweedieLoss(1.2), hessian: "exact", target: (g) => (g.next() < 0.4 ? 0 : Math.exp(g.normal())), rawScale: 1 },
  { label: "binary-logloss", name: "binary-logloss", options: {}, loss: (y, [r]) => softplus(r) - y * r, hessian: "exact", target: (g) => (g.next() < 0.4 ? 1 : 0), rawScale: 2 },
  { label: "softmax K=3", name: "softmax", options: { nClasses: 3 }, loss: (y, raw) => logSumExp(raw) - raw[y], hessian: "twice", target: (g) => g.int(3), rawScale: 2 },
  { label: "softmax K=5", name: "softmax", options: { nClasses: 5 }, loss: (y, raw) => logSumExp(raw) - raw[y], hessian: "twice", target: (g) => g.int(5), rawScale: 2 },
];

interface Data {
  readonly y: Float64Array;
  readonly raw: Float64Array;
  readonly weight: Float64Array;
  readonly nOutputs: number;
}

function makeData(c: Case, n: number, seed: number): Data {
  const rng = new Rng(seed);
  const nOutputs = c.options.nClasses ?? 1;
  const y = Float64Array.from({ length: n }, () => c.target(rng));
  const raw = Float64Array.from({ length: n * nOutputs }, () => c.rawScale * rng.normal());
  const weight = Float64Array.from({ length: n }, () => 0.2 + 2 * rng.next());
  return { y, raw, weight, nOutputs };
}

/** Row i's raw scores, one per output, out of the class-major layout. */
function rowScores(raw: Float64Array, n: number, nOutputs: number, i: number): Float64Array {
  return Float64Array.from({ length: nOutputs }, (_, k) => raw[k * n + i]);
}

function totalLoss(c: Case, y: Float64Array, weight: Float64Array | null, base: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += (weight === null ? 1 : weight[i]) * c.loss(y[i], base);
  return sum;
}

/** Throws InvalidInput whose message (without the class name) matches. */
function assertInvalid(fn: () => unknown, message: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof InvalidInput && e.code === "invalid_input" && message.test(e.message));
}

function assertClose(actual: number, expected: number, rtol: number, atol: number, message: string): void {
  assert.ok(Math.abs(actual - expected) <= atol + rtol * Math.abs(expected), `${message}: ${actual} vs ${expected}`);
}

describe("objective gradients and hessians match finite differences of the loss", () => {
  for (const c of CASES) {
    test(c.label, () => {
      const n = 300;
      const { y, raw, weight, nOutputs } = makeData(c, n, 11);
      const objective = createObjective(c.name, c.options);
      assert.equal(objective.nOutputs, nOutputs);
      objective.checkTarget(y);
      const grad = new Float32Array(n * nOutputs);
      const hess = new Float32Array(n * nOutputs);
      objective.gradients(y, raw, weight, grad, hess);
      let checked = 0;
      for (let i = 0; i < n; i++) {
        if (c.kinkDistance !== undefined && c.kinkDistance(y[i], raw[i]) < 1e-2) continue;
        const scores = rowScores(raw, n, nOutputs, i);
        for (let k = 0; k < nOutputs; k++) {
          const at = (shift: number): number => {
            const moved = Float64Array.from(scores);
            moved[k] += shift;
            return c.loss(y[i], moved);
          };
          const w = weight[i];
          const g = (w * (at(1e-6) - at(-1e-6))) / 2e-6;
          const second = (w * (at(1e-3) - 2 * at(0) + at(-1e-3))) / 1e-6;
          const where = `row ${i}, output ${k}, y ${y[i]}, raw ${scores[k]}`;
          assertClose(grad[k * n + i], g, 1e-5, 1e-7, `grad at ${where}`);
          const expected = { exact: second, unit: w, poisson: second * Math.exp(POISSON_MAX_DELTA_STEP), twice: 2 * second }[c.hessian];
          assertClose(hess[k * n + i], expected, 1e-4, 1e-7, `hess at ${where}`);
          // Where the unit hessian is the true one (inside huber's quadratic zone), it matches too.
          if (c.name === "huber" && Math.abs(raw[i] - y[i]) < (c.options.huberDelta ?? 1)) assertClose(hess[i], second, 1e-4, 1e-7, `huber inside at ${where}`);
          checked++;
        }
      }
      assert.ok(checked > 0.8 * n * nOutputs, `only ${checked} scores were away from kinks`);
    });
  }

  test("unweighted gradients equal weighted ones with unit weights", () => {
    for (const c of CASES) {
      const { y, raw, nOutputs } = makeData(c, 50, 5);
      const objective = createObjective(c.name, c.options);
      const [g1, h1, g2, h2] = [0, 0, 0, 0].map(() => new Float32Array(50 * nOutputs));
      objective.gradients(y, raw, null, g1, h1);
      objective.gradients(y, raw, new Float64Array(50).fill(1), g2, h2);
      assert.deepEqual([g1, h1], [g2, h2], c.label);
    }
  });
});

describe("base scores minimise the weighted loss", () => {
  for (const c of CASES) {
    for (const weighted of [false, true]) {
      test(`${c.label}${weighted ? ", weighted" : ""}`, () => {
        for (const seed of [1, 2, 3]) {
          const { y, weight, nOutputs } = makeData(c, 200 + seed, 100 + seed);
          const w = weighted ? weight : null;
          const base = createObjective(c.name, c.options).baseScore(y, w);
          assert.equal(base.length, nOutputs);
          const best = totalLoss(c, y, w, base);
          for (let k = 0; k < nOutputs; k++) {
            for (const step of [-1e-3, 1e-3]) {
              const moved = Float64Array.from(base);
              moved[k] += step;
              const loss = totalLoss(c, y, w, moved);
              assert.ok(loss >= best - 1e-12 * Math.abs(best), `seed ${seed}: moving output ${k} by ${step} lowers the loss from ${best} to ${loss}`);
            }
          }
        }
      });
    }
  }

  test("closed forms: mean, median, weighted quantile, log mean, logit, centred log priors", () => {
    const y = Float64Array.of(1, 2, 3, 4);
    assert.deepEqual(createObjective("squared-error").baseScore(y, null), Float64Array.of(2.5));
    assert.deepEqual(createObjective("absolute-error").baseScore(y, null), Float64Array.of(2.5));
    assert.deepEqual(createObjective("absolute-error").baseScore(Float64Array.of(1, 2, 3), Float64Array.of(1, 1, 5)), Float64Array.of(3));
    assert.deepEqual(createObjective("absolute-error").baseScore(Float64Array.of(5, 1, 9), Float64Array.of(0, 0, 1)), Float64Array.of(9));
    assert.deepEqual(createObjective("quantile", { alpha: 0.25 }).baseScore(Float64Array.of(4, 3, 2, 1, 5), null), Float64Array.of(2));
    assert.deepEqual(createObjective("huber").baseScore(Float64Array.of(-1, 0, 1), null), Float64Array.of(0));
    assert.deepEqual(createObjective("poisson").baseScore(Float64Array.of(0, 2, 4), null), Float64Array.of(Math.log(2)));
    const logit = createObjective("binary-logloss").baseScore(Float64Array.of(1, 0, 0, 0), null)[0];
    assertClose(logit, Math.log(1 / 3), 1e-15, 0, "logit");
    assert.ok(Math.abs(createObjective("binary-logloss").baseScore(Float64Array.of(0, 0), null)[0]) < 17, "a missing class is clipped");
    const priors = createObjective("softmax", { nClasses: 3 }).baseScore(Float64Array.of(0, 1, 1, 2, 2, 2, 2, 2), null);
    assertClose(priors[0] + priors[1] + priors[2], 0, 0, 1e-15, "centred");
    assertClose(priors[2] - priors[1], Math.log(5 / 2), 1e-14, 0, "log prior ratio");
  });

  test("weights must be finite, non-negative and not all 0", () => {
    const y = Float64Array.of(1, 2);
    assertInvalid(() => createObjective("squared-error").baseScore(y, Float64Array.of(0, 0)), /positive sum/);
    assertInvalid(() => createObjective("squared-error").baseScore(y, Float64Array.of(1, -1)), /row 1 has weight -1/);
    assertInvalid(() => createObjective("squared-error").baseScore(y, Float64Array.of(1)), /one weight per row \(2\): received 1/);
  });
});

describe("checkTarget", () => {
  const bad: [ObjectiveName, ObjectiveOptions, number[], RegExp][] = [
    ["poisson", {}, [1, 0, -2], /^poisson needs targets ≥ 0: row 2 is -2$/],
    ["poisson", {}, [0, 0], /^poisson needs at least one target > 0/],
    ["tweedie", {}, [3, -0.5], /^tweedie needs targets ≥ 0: row 1 is -0.5$/],
    ["gamma", {}, [1, 0], /^gamma needs targets > 0: row 1 is 0$/],
    ["binary-logloss", {}, [0, 1, 2], /^binary-logloss needs targets 0 or 1: row 2 is 2$/],
    ["softmax", { nClasses: 3 }, [0, 3], /^softmax needs class indices 0..2: row 1 is 3$/],
    ["softmax", { nClasses: 3 }, [1.5], /^softmax needs class indices 0..2: row 0 is 1.5$/],
    ["squared-error", {}, [], /^squared-error needs at least one target: y is empty$/],
  ];
  for (const [name, options, y, message] of bad) {
    test(`${name} refuses ${JSON.stringify(y)}`, () => {
      assertInvalid(() => createObjective(name, options).checkTarget(Float64Array.from(y)), message);
    });
  }

  test("every objective refuses NaN and infinite targets, naming the row", () => {
    for (const name of OBJECTIVE_NAMES) {
      const objective = createObjective(name, { nClasses: 3 });
      assertInvalid(() => objective.checkTarget(Float64Array.of(1, NaN)), new RegExp(`^${name} needs finite targets: row 1 is NaN$`));
      assertInvalid(() => objective.checkTarget(Float64Array.of(1, 1, -Infinity)), /row 2 is -Infinity/);
    }
  });

  test("valid targets pass, and each error carries a hint", () => {
    for (const c of CASES) createObjective(c.name, c.options).checkTarget(makeData(c, 100, 9).y);
    try {
      createObjective("gamma").checkTarget(Float64Array.of(-1));
      assert.fail("no error");
    } catch (e) {
      assert.ok(e instanceof InvalidInput && e.hint !== undefined && e.where === "row 0");
    }
  });
});

describe("options", () => {
  test("bad options and unknown names are refused, naming the value", () => {
    assertInvalid(() => createObjective("quantile", { alpha: 1 }), /^alpha must be in \(0, 1\): received 1$/);
    assertInvalid(() => createObjective("huber", { huberDelta: 0 }), /^huberDelta must be a positive number: received 0$/);
    assertInvalid(() => createObjective("tweedie", { tweedieVariancePower: 2 }), /^tweedieVariancePower must be in \(1, 2\): received 2$/);
    assertInvalid(() => createObjective("softmax"), /^softmax needs nClasses/);
    assertInvalid(() => createObjective("softmax", { nClasses: 1 }), /integer ≥ 2: received 1$/);
    assertInvalid(() => createObjective("softmax", { nClasses: 2.5 }), /received 2.5$/);
    assertInvalid(() => createObjective("hinge" as ObjectiveName), /^Unknown objective "hinge": objectives are squared-error, absolute-error, huber/);
  });

  test("every objective's default metric exists and accepts the objective's options", () => {
    for (const c of CASES) {
      const objective = createObjective(c.name, c.options);
      assert.equal(objective.name, c.name);
      assert.ok((METRIC_NAMES as readonly string[]).includes(objective.defaultMetric), objective.defaultMetric);
      assert.equal(createMetric(objective.defaultMetric, c.options).name, objective.defaultMetric);
    }
  });

  test("gradients refuse arrays of the wrong length", () => {
    const objective = createObjective("softmax", { nClasses: 3 });
    const y = Float64Array.of(0, 1);
    assertInvalid(() => objective.gradients(y, new Float64Array(2), null, new Float32Array(6), new Float32Array(6)), /raw of length 6 \(2 rows × 3 outputs\): received 2/);
    assertInvalid(() => objective.gradients(y, new Float64Array(6), Float64Array.of(1), new Float32Array(6), new Float32Array(6)), /one weight per row/);
  });
});

describe("transform", () => {
  test("identity, exp and sigmoid links", () => {
    const raw = Float64Array.of(-2, 0, 0.5);
    const identity = createObjective("squared-error").transform(raw, 3);
    assert.deepEqual(identity, raw);
    assert.notEqual(identity, raw, "a new array");
    for (const name of ["poisson", "gamma", "tweedie"] as const) assert.deepEqual(createObjective(name).transform(raw, 3), raw.map(Math.exp));
    const p = createObjective("binary-logloss").transform(raw, 3);
    raw.forEach((r, i) => assertClose(p[i], 1 / (1 + Math.exp(-r)), 1e-15, 0, "sigmoid"));
  });

  test("stable at raw = ±1000", () => {
    const p = createObjective("binary-logloss").transform(Float64Array.of(1000, -1000), 2);
    assert.deepEqual(p, Float64Array.of(1, 0));
    // Class-major, 3 classes × 3 rows: row 0 = (1000, -1000, 0), row 1 = all 1000, row 2 = all -1000.
    const raw = Float64Array.of(1000, 1000, -1000, -1000, 1000, -1000, 0, 1000, -1000);
    const q = createObjective("softmax", { nClasses: 3 }).transform(raw, 3);
    assert.deepEqual([q[0], q[3], q[6]], [1, 0, 0]);
    for (const i of [1, 2]) for (let k = 0; k < 3; k++) assertClose(q[k * 3 + i], 1 / 3, 1e-15, 0, `row ${i}`);
    assert.ok(createObjective("poisson").transform(Float64Array.of(1000, -1000), 2).every((v) => !Number.isNaN(v)));
  });

  test("gradients stay finite at raw = ±1000 with the hessian floor", () => {
    const binary = createObjective("binary-logloss");
    const [g, h] = [new Float32Array(2), new Float32Array(2)];
    binary.gradients(Float64Array.of(0, 1), Float64Array.of(1000, -1000), null, g, h);
    assert.deepEqual([...g], [1, -1]);
    assert.ok(h.every((v) => v > 0 && v < 1e-15));
    const softmax = createObjective("softmax", { nClasses: 2 });
    const [gs, hs] = [new Float32Array(2), new Float32Array(2)];
    softmax.gradients(Float64Array.of(0), Float64Array.of(-1000, 1000), null, gs, hs);
    assert.deepEqual([...gs], [-1, 1]);
    assert.ok(hs.every((v) => v > 0 && Number.isFinite(v)));
  });
});

test("softmax with two classes is binary logloss on the score difference, hessian times 2", () => {
  const n = 100;
  const rng = new Rng(3);
  const y = Float64Array.from({ length: n }, () => rng.int(2));
  const weight = Float64Array.from({ length: n }, () => 0.5 + rng.next());
  const raw = Float64Array.from({ length: 2 * n }, () => 3 * rng.normal());
  const diff = Float64Array.from({ length: n }, (_, i) => raw[n + i] - raw[i]);
  const softmax = createObjective("softmax", { nClasses: 2 });
  const binary = createObjective("binary-logloss");
  const [gs, hs, gb, hb] = [2 * n, 2 * n, n, n].map((size) => new Float32Array(size));
  softmax.gradients(y, raw, weight, gs, hs);
  binary.gradients(y, diff, weight, gb, hb);
  for (let i = 0; i < n; i++) {
    assertClose(gs[n + i], gb[i], 1e-6, 1e-7, `grad of class 1, row ${i}`);
    assertClose(gs[i], -gb[i], 1e-6, 1e-7, `grad of class 0, row ${i}`);
    assertClose(hs[i], 2 * hb[i], 1e-6, 1e-12, `hess of class 0, row ${i}`);
    assertClose(hs[n + i], 2 * hb[i], 1e-6, 1e-12, `hess of class 1, row ${i}`);
  }
  const ps = softmax.transform(raw, n);
  const pb = binary.transform(diff, n);
  for (let i = 0; i < n; i++) assertClose(ps[n + i], pb[i], 1e-12, 1e-15, `probability, row ${i}`);
  const bs = softmax.baseScore(y, weight);
  assertClose(bs[1] - bs[0], binary.baseScore(y, weight)[0], 1e-12, 1e-15, "base score");
});
