// The conformance suite for clusterers: the shared one (test/models/conformance.ts) fits on
// (X, y), which a clusterer has no use for, so this checks the same properties without a target:
// fit leaves its inputs untouched, one seed gives a bit-identical model, a serialisation round trip
// gives identical labels and bytes, and bad shapes, non-finite values and bad weights fail with a
// clear InvalidInput.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { InvalidInput, matrix, type Matrix } from "../../../src/core/index.js";
import { decodeModel, encodeModel, type Model } from "../../../src/models/index.js";

export interface ClusterModelLike {
  readonly labels: Int32Array;
  predict(X: Matrix): Int32Array;
}

export interface ClustererLike {
  fit(X: Matrix, options?: { sampleWeight?: ArrayLike<number> }): ClusterModelLike;
}

export interface ClusterConformanceOptions {
  readonly X: Matrix;
  readonly sampleWeight?: Float64Array;
  /** Whether predict on the training rows must give the training labels (true for k-means). */
  readonly predictMatchesLabels: boolean;
}

export function runClusterConformance(name: string, make: (seed: number) => ClustererLike, options: ClusterConformanceOptions): void {
  const { X, sampleWeight } = options;
  const n = X.rows;
  const fit = (seed = 7, data: Matrix = X): ClusterModelLike => make(seed).fit(data, sampleWeight ? { sampleWeight } : {});

  describe(`cluster conformance: ${name}`, () => {
    test("fit and predict leave X and sampleWeight untouched; one label per row", () => {
      const before = { X: Float64Array.from(X.data), w: sampleWeight && Float64Array.from(sampleWeight) };
      const model = fit();
      model.predict(X);
      assert.deepEqual(X.data, before.X);
      if (sampleWeight) assert.deepEqual(sampleWeight, before.w);
      assert.equal(model.labels.length, n);
      if (options.predictMatchesLabels) assert.deepEqual(model.predict(X), model.labels);
    });

    test("the same seed gives a bit-identical model", () => {
      const a = encodeModel(fit(11) as unknown as Model);
      const b = encodeModel(fit(11) as unknown as Model);
      assert.ok(Buffer.from(a).equals(Buffer.from(b)), "two fits with one seed encode differently");
    });

    test("a serialisation round trip gives identical labels, predictions and bytes", () => {
      const model = fit();
      const bytes = encodeModel(model as unknown as Model);
      const loaded = decodeModel(bytes) as unknown as ClusterModelLike;
      assert.equal(Object.getPrototypeOf(loaded), Object.getPrototypeOf(model));
      assert.deepEqual(loaded.labels, model.labels);
      assert.deepEqual(loaded.predict(X), model.predict(X));
      assert.ok(Buffer.from(encodeModel(loaded as unknown as Model)).equals(Buffer.from(bytes)), "re-encoding changes the bytes");
      const shifted = new Uint8Array(bytes.length + 3);
      shifted.set(bytes, 3);
      assert.deepEqual((decodeModel(shifted.subarray(3)) as unknown as ClusterModelLike).predict(X), model.predict(X));
      assert.throws(() => decodeModel(bytes.subarray(0, bytes.length - 8)), InvalidInput);
    });

    test("X with the wrong number of columns at predict is refused, naming both counts", () => {
      const wide = matrix(new Float64Array(3 * (X.cols + 1)), { rows: 3, cols: X.cols + 1 });
      assertInvalid(() => fit().predict(wide), [String(X.cols + 1), String(X.cols)]);
    });

    test("X whose data does not match its shape, or with no rows, is refused", () => {
      assertInvalid(() => make(7).fit({ data: X.data.subarray(0, X.data.length - 1), rows: n, cols: X.cols }), [String(X.data.length - 1)]);
      assertInvalid(() => make(7).fit(matrix(new Float64Array(0), { rows: 0, cols: X.cols })), ["no rows"]);
    });

    test("NaN or infinite values in X are refused, naming the row", () => {
      for (const bad of [NaN, Infinity]) {
        const data = Float64Array.from(X.data);
        data[3 * X.cols + 1] = bad;
        assertInvalid(() => make(7).fit(matrix(data, { rows: n, cols: X.cols })), ["row 3", "column 1"]);
      }
    });

    test("sampleWeight of the wrong length or with a negative value is refused", () => {
      assertInvalid(() => make(7).fit(X, { sampleWeight: new Float64Array(n + 1).fill(1) }), [String(n + 1), String(n)]);
      const negative = new Float64Array(n).fill(1);
      negative[2] = -1;
      assertInvalid(() => make(7).fit(X, { sampleWeight: negative }), ["row 2"]);
    });
  });
}

function assertInvalid(fn: () => unknown, parts: readonly string[]): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof InvalidInput, `expected InvalidInput, got ${String(error)}`);
    for (const part of parts) assert.ok(error.message.includes(part), `"${error.message}" does not mention ${part}`);
    return true;
  });
}
