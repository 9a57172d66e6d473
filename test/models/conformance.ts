// The conformance suite every estimator passes (DESIGN.md §9): fit leaves its inputs untouched,
// the same seed gives the same model bit for bit, a serialisation round trip gives identical
// predictions, and bad shapes, missing targets and degenerate targets fail with a clear
// InvalidInput. An estimator's test file calls runConformance once per dataset it cares about.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { InvalidInput, matrix, type Matrix } from "../../src/core/index.js";
import { decodeModel, encodeModel, type Model } from "../../src/models/index.js";

export type Label = string | number | boolean;

export interface ConformanceDataset {
  readonly task: "regression" | "classification";
  readonly X: Matrix;
  /** Targets: numbers for regression, labels (at least two distinct) for classification. */
  readonly y: ArrayLike<number> | readonly Label[];
  readonly sampleWeight?: Float64Array;
}

export interface ConformanceModel {
  predict(X: Matrix): ArrayLike<unknown>;
  predictProba?(X: Matrix): Matrix;
}

export interface ConformanceEstimator {
  fit(X: Matrix, y: ArrayLike<unknown>, options?: { sampleWeight?: ArrayLike<number> }): ConformanceModel;
}

/**
 * Registers the suite as a describe block. `makeEstimator(seed)` returns a fresh estimator whose
 * randomness (subsampling, initialisation) comes from `seed`; give it settings that make the seed
 * matter, and keep it small: the suite fits about a dozen models.
 */
export function runConformance(name: string, makeEstimator: (seed: number) => ConformanceEstimator, dataset: ConformanceDataset): void {
  const { X, y, task } = dataset;
  const n = X.rows;
  const fitOptions = dataset.sampleWeight ? { sampleWeight: dataset.sampleWeight } : {};
  const fit = (seed = 7, data: Matrix = X, target: ArrayLike<unknown> = y): ConformanceModel => makeEstimator(seed).fit(data, target, fitOptions);

  describe(`conformance: ${name}`, () => {
    test("the dataset is fit for the suite", () => {
      assert.ok(n >= 10 && X.cols >= 1, `the dataset needs ≥ 10 rows and ≥ 1 column: ${n} × ${X.cols}`);
      assert.equal(y.length, n);
      if (task === "classification") assert.ok(new Set(Array.from(y as ArrayLike<unknown>)).size >= 2, "classification needs two classes or more");
    });

    test("fit and predict leave X, y and sampleWeight untouched", () => {
      const before = { X: snapshot(X.data), y: snapshotTarget(y), weight: dataset.sampleWeight && snapshot(dataset.sampleWeight) };
      const model = fit();
      model.predict(X);
      model.predictProba?.(X);
      assert.ok(sameBytes(X.data, before.X), "fit or predict changed X");
      assert.deepEqual(snapshotTarget(y), before.y, "fit changed y");
      if (dataset.sampleWeight) assert.ok(sameBytes(dataset.sampleWeight, before.weight!), "fit changed sampleWeight");
    });

    test("the same seed gives a bit-identical model and predictions", () => {
      const a = fit(11);
      const b = fit(11);
      assert.ok(sameBytes(encodeModel(a as Model), encodeModel(b as Model)), "two fits with one seed encode differently");
      assertSamePredictions(a, b, X);
    });

    test("a serialisation round trip gives identical predictions and bytes", () => {
      const model = fit();
      const bytes = encodeModel(model as Model);
      const loaded = decodeModel(bytes) as ConformanceModel;
      assert.equal(Object.getPrototypeOf(loaded), Object.getPrototypeOf(model), "the loaded model is of another class");
      assertSamePredictions(model, loaded, X);
      assert.ok(sameBytes(encodeModel(loaded as Model), bytes), "re-encoding the loaded model changes its bytes");
      // A copy at an odd offset of a larger buffer, as a file read into a pooled Buffer may be.
      const shifted = new Uint8Array(bytes.length + 3);
      shifted.set(bytes, 3);
      assertSamePredictions(model, decodeModel(shifted.subarray(3)) as ConformanceModel, X);
    });

    test("y of the wrong length is refused, naming both lengths", () => {
      const short = Array.from(y as ArrayLike<unknown>).slice(0, n - 1);
      assertInvalid(() => makeEstimator(7).fit(X, short), [String(n - 1), String(n)]);
    });

    test("X with the wrong number of columns at predict is refused, naming both counts", () => {
      const model = fit();
      const wide = matrix(new Float64Array(3 * (X.cols + 1)), { rows: 3, cols: X.cols + 1 });
      assertInvalid(() => model.predict(wide), [String(X.cols + 1), String(X.cols)]);
      if (model.predictProba) assertInvalid(() => model.predictProba!(wide), [String(X.cols + 1), String(X.cols)]);
    });

    test("X whose data does not match its shape is refused", () => {
      const bad = { data: X.data.subarray(0, X.data.length - 1), rows: X.rows, cols: X.cols };
      assertInvalid(() => makeEstimator(7).fit(bad, y), [String(X.data.length - 1)]);
    });

    test("sampleWeight of the wrong length is refused", () => {
      assertInvalid(() => makeEstimator(7).fit(X, y, { sampleWeight: new Float64Array(n + 1).fill(1) }), [String(n + 1), String(n)]);
    });

    test("no rows at all is refused", () => {
      const empty = matrix(new Float64Array(0), { rows: 0, cols: X.cols });
      assertInvalid(() => makeEstimator(7).fit(empty, []), []);
    });

    if (task === "regression") {
      test("a missing (NaN) or infinite target is refused, naming the row", () => {
        for (const bad of [NaN, Infinity]) {
          const target = Float64Array.from(y as ArrayLike<number>);
          target[3] = bad;
          assertInvalid(() => makeEstimator(7).fit(X, target), ["row 3"]);
        }
      });
    } else {
      test("a single class is refused", () => {
        const first = (y as ArrayLike<unknown>)[0];
        assertInvalid(() => makeEstimator(7).fit(X, Array.from({ length: n }, () => first)), ["class"]);
      });

      test("a missing label is refused, naming the row", () => {
        const target: unknown[] = Array.from(y as ArrayLike<unknown>);
        target[3] = null;
        assertInvalid(() => makeEstimator(7).fit(X, target), ["row 3"]);
      });
    }
  });
}

/** Throws InvalidInput whose message holds every one of `parts`. */
function assertInvalid(fn: () => unknown, parts: readonly string[]): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof InvalidInput, `expected InvalidInput, got ${String(error)}`);
    for (const part of parts) assert.ok(error.message.includes(part), `"${error.message}" does not mention ${part}`);
    return true;
  });
}

function assertSamePredictions(a: ConformanceModel, b: ConformanceModel, X: Matrix): void {
  assertSameValues(a.predict(X), b.predict(X), "predict");
  if (a.predictProba) assertSameValues(a.predictProba(X).data, b.predictProba!(X).data, "predictProba");
}

/** Typed arrays compared byte for byte (NaN and -0 included); other arrays element by element. */
function assertSameValues(a: ArrayLike<unknown>, b: ArrayLike<unknown>, what: string): void {
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) assert.ok(sameBytes(a, b), `${what} differs`);
  else assert.deepEqual(Array.from(a), Array.from(b), `${what} differs`);
}

function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
}

function snapshot<T extends ArrayBufferView>(a: T): Uint8Array {
  return Uint8Array.from(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
}

function snapshotTarget(y: ArrayLike<unknown>): unknown[] {
  return ArrayBuffer.isView(y) ? Array.from(snapshot(y)) : Array.from(y);
}
