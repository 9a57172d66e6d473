// Model documents: the byte layout, bit-identical round trips for every objective and for Frame
// models with categories, and a clear InvalidInput for every way a file can be wrong.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { InvalidInput, matrix, Rng, type Matrix } from "../../core/index.js";
import { Frame } from "../../data/index.js";
import { GradientBoostingClassifier, GradientBoostingRegressor, type GradientBoostingRegressorModel } from "./gradient-boosting.js";
import type { ModelHeader } from "./model-header.js";
import {
  MODEL_FORMAT,
  MODEL_VERSION,
  TREE_LAYOUT,
  modelFromDocument,
  modelToDocument,
  type Model,
} from "./serialize.js";
import { decodeModel, encodeModel, modelKind } from "../codecs.js";
import { encodeDocument } from "../persist/index.js";

const n = 200;
const p = 3;
const rng = new Rng(5);
const X = matrix(
  Float64Array.from({ length: n * p }, (_, k) => (k % p === 2 ? rng.int(4) : rng.next() < 0.05 ? NaN : rng.normal())),
  { rows: n, cols: p },
);
const signal = Float64Array.from({ length: n }, (_, i) => (X.data[i * p] || 0) - (X.data[i * p + 1] || 0) + X.data[i * p + 2] / 2);
const small = { nEstimators: 6, maxDepth: 3 };
const fitOptions = { categoricalFeatures: [2], featureNames: ["a", "b", "kind"] };

const regressor = new GradientBoostingRegressor(small).fit(X, signal, fitOptions);
const classifier = new GradientBoostingClassifier(small).fit(X, Array.from(signal, (v) => (v > 1 ? "high" : v > 0 ? "mid" : "low")), fitOptions);

function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
}

function assertRoundTrip(model: Model, data: Matrix | Frame): Model {
  const loaded = decodeModel(encodeModel(model)) as Model;
  assert.equal(Object.getPrototypeOf(loaded), Object.getPrototypeOf(model));
  assert.ok(sameBytes(loaded.predictRaw(data), model.predictRaw(data)), "predictRaw differs after a round trip");
  assert.deepEqual(loaded.predict(data as Matrix), model.predict(data as Matrix));
  assert.deepEqual(loaded.featureImportance(), model.featureImportance());
  assert.deepEqual(loaded.info, model.info);
  assert.deepEqual(loaded.params, model.params);
  assert.deepEqual(loaded.forest, model.forest);
  return loaded;
}

/** The bytes of `model` with its header changed by `edit` (payload untouched). */
function withHeader(model: Model, edit: (header: Record<string, any>) => void): Uint8Array {
  const doc = modelToDocument(model);
  const header = JSON.parse(JSON.stringify(doc.header)) as Record<string, any>;
  edit(header);
  return encodeDocument({ header: header as ModelHeader, payload: doc.payload });
}

function assertInvalid(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (error: unknown) => error instanceof InvalidInput && pattern.test(error.message));
}

describe("model documents: layout", () => {
  test("the header is plain JSON with the kind, features, classes and tree entries", () => {
    const { header, payload } = modelToDocument(classifier);
    assert.equal(header.format, MODEL_FORMAT);
    assert.equal(header.version, MODEL_VERSION);
    assert.equal(header.kind, "gradient-boosting-classifier");
    assert.deepEqual(header.featureNames, ["a", "b", "kind"]);
    assert.deepEqual(header.isCategorical, [false, false, true]);
    assert.deepEqual(header.categories, [[], [], ["0", "1", "2", "3"]]);
    assert.deepEqual(header.classes, ["high", "low", "mid"]);
    assert.equal(header.objective, "softmax");
    assert.deepEqual(header.objectiveOptions, { nClasses: 3 });
    assert.equal(header.nOutputs, 3);
    assert.equal(header.trees.length, 18);
    assert.deepEqual(header.treeLayout, TREE_LAYOUT);
    assert.equal(header.payloadBytes, payload.byteLength);
    assert.deepEqual(JSON.parse(JSON.stringify(header)), header);
    for (const tree of header.trees) assert.equal(tree.offset % 8, 0);
    assert.equal(modelToDocument(regressor).header.classes, null);
  });

  test("the bytes: magic, an 8-byte-aligned header length, the header, then the payload", () => {
    const bytes = encodeModel(regressor);
    assert.equal(new TextDecoder().decode(bytes.subarray(0, 8)), "ORCHARD\0");
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    const headerBytes = view.getUint32(8, true);
    assert.equal(headerBytes % 8, 0);
    assert.equal(view.getUint32(12, true), 0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + headerBytes))) as ModelHeader;
    assert.equal(header.kind, "gradient-boosting-regressor");
    assert.equal(bytes.length, 16 + headerBytes + header.payloadBytes);
    // The base score is the payload's first section, little-endian.
    const base = new DataView(bytes.buffer, bytes.byteOffset + 16 + headerBytes + header.baseScore.offset).getFloat64(0, true);
    assert.equal(base, regressor.forest.baseScore[0]);
  });

  test("a document survives JSON for its header and keeps working", () => {
    const { header, payload } = modelToDocument(regressor);
    const loaded = modelFromDocument({ header: JSON.parse(JSON.stringify(header)) as ModelHeader, payload: payload.slice() });
    assert.ok(sameBytes(loaded.predictRaw(X), regressor.predictRaw(X)));
  });

  test("modelKind names each kind, and a non-model cannot be serialised", () => {
    assert.equal(modelKind(regressor), "gradient-boosting-regressor");
    assert.equal(modelKind(classifier), "gradient-boosting-classifier");
    assertInvalid(() => encodeModel({} as Model), /Cannot serialise.*gradient-boosting-regressor/);
  });
});

describe("model documents: round trips are bit-identical", () => {
  for (const objective of ["squared-error", "absolute-error", "huber", "quantile", "poisson", "gamma", "tweedie"] as const) {
    test(`regressor, ${objective}`, () => {
      const y = objective === "gamma" || objective === "poisson" || objective === "tweedie" ? signal.map((v) => Math.exp(v / 2)) : signal;
      const model = new GradientBoostingRegressor({ ...small, objective, alpha: 0.8, huberDelta: 0.5, tweedieVariancePower: 1.3 }).fit(X, y, fitOptions);
      const loaded = assertRoundTrip(model, X) as GradientBoostingRegressorModel;
      assert.ok(sameBytes(loaded.predict(X), model.predict(X)));
    });
  }

  test("classifiers with boolean, numeric and string labels", () => {
    for (const labels of [Array.from(signal, (v) => v > 0), Array.from(signal, (v) => (v > 0 ? 10 : -3)), Array.from(signal, (v) => (v > 0.5 ? "b" : v > -0.5 ? "a" : "c"))]) {
      const model = new GradientBoostingClassifier(small).fit(X, labels, fitOptions);
      const loaded = assertRoundTrip(model, X);
      assert.deepEqual((loaded as typeof model).classes, model.classes);
      assert.ok(sameBytes((loaded as typeof model).predictProba(X).data, model.predictProba(X).data));
    }
  });

  test("a Frame model with categories: same predictions on a Frame with another dictionary order", () => {
    const colors = ["red", "green", "blue"];
    const codes = Int32Array.from({ length: n }, (_, i) => (i % 7 === 0 ? -1 : X.data[i * p + 2] % 3));
    const frame = Frame.fromColumns({
      x: { kind: "numeric", values: Float64Array.from({ length: n }, (_, i) => X.data[i * p]) },
      color: { kind: "categorical", codes, categories: colors },
    });
    const y = Float64Array.from({ length: n }, (_, i) => (X.data[i * p] || 0) + (codes[i] === 1 ? 2 : 0));
    const model = new GradientBoostingRegressor(small).fit(frame, y);
    const loaded = assertRoundTrip(model, frame);
    const reordered = Frame.fromColumns({
      color: { kind: "categorical", codes: codes.map((c) => (c < 0 ? -1 : 2 - c)), categories: [...colors].reverse() },
      x: frame.column("x"),
    });
    assert.ok(sameBytes(loaded.predictRaw(reordered), model.predictRaw(frame)));
  });

  test("early-stopping facts and validation scores are kept exactly", () => {
    const model = new GradientBoostingRegressor({ nEstimators: 60, learningRate: 0.5, maxDepth: 4, earlyStoppingRounds: 3 }).fit(X, signal.map((v, i) => v + (i % 2)), {
      ...fitOptions,
      evalSet: { X, y: signal },
    });
    assert.ok(model.info.validScores.length > 0 && model.info.evalMetric === "rmse");
    assertRoundTrip(model, X);
  });

  test("predictRowRaw agrees after a round trip, for rows with missing values", () => {
    const loaded = decodeModel(encodeModel(classifier)) as typeof classifier;
    const row = Float64Array.of(NaN, 0.3, 2);
    assert.ok(sameBytes(loaded.predictRowRaw(row), classifier.predictRowRaw(row)));
  });
});

describe("model documents: what is wrong with a file is said clearly", () => {
  const bytes = encodeModel(regressor);

  test("bytes that are not a model", () => {
    assertInvalid(() => decodeModel(new TextEncoder().encode("{\"format\":\"orchard-model\"}")), /Not an Orchard model/);
    assertInvalid(() => decodeModel(new Uint8Array(3)), /Not an Orchard model: the 3 bytes/);
    assertInvalid(() => decodeModel("ORCHARD" as unknown as Uint8Array), /Uint8Array/);
  });

  test("truncated header, truncated payload, trailing bytes", () => {
    assertInvalid(() => decodeModel(bytes.subarray(0, 40)), /Model is truncated: its header needs/);
    assertInvalid(() => decodeModel(bytes.subarray(0, bytes.length - 8)), /payload is truncated: the header says \d+ bytes but only \d+ follow/);
    const longer = new Uint8Array(bytes.length + 5);
    longer.set(bytes);
    assertInvalid(() => decodeModel(longer), /5 unexpected bytes after/);
  });

  test("a damaged header", () => {
    const damaged = bytes.slice();
    damaged[17] = 0x7d; // "{}format…": no longer JSON
    assertInvalid(() => decodeModel(damaged), /Model header is not valid UTF-8 JSON/);
  });

  test("unknown format, version or kind", () => {
    assertInvalid(() => decodeModel(withHeader(regressor, (h) => (h.format = "pickle"))), /Not an Orchard model document: format is "pickle"/);
    assertInvalid(() => decodeModel(withHeader(regressor, (h) => (h.version = 2))), /Unsupported gradient-boosting-regressor document version 2: this Orchard reads version 1/);
    assertInvalid(() => decodeModel(withHeader(regressor, (h) => (h.kind = "random-forest"))), /Unknown model kind "random-forest": this Orchard reads gradient-boosting-regressor, gradient-boosting-classifier/);
    for (const kind of ["constructor", "__proto__", "toString"]) {
      assertInvalid(() => decodeModel(withHeader(regressor, (h) => (h.kind = kind))), /Unknown model kind/);
    }
  });

  test("inconsistent sizes", () => {
    assertInvalid(() => decodeModel(withHeader(regressor, (h) => (h.trees[2].nNodes = 1e6))), /trees\[2\]\.\w+ .* needs bytes .* but the payload has/);
    assertInvalid(() => decodeModel(withHeader(regressor, (h) => (h.trees[0].offset = 4))), /trees\[0\]\.feature starts at byte 4/);
    assertInvalid(() => decodeModel(withHeader(regressor, (h) => h.trees.pop())), /lists 5 trees but 6 iterations × 1 outputs need 6/);
    assertInvalid(() => decodeModel(withHeader(regressor, (h) => (h.baseScore.length = 2))), /baseScore has 2 values for 1 outputs/);
    assertInvalid(() => decodeModel(withHeader(regressor, (h) => (h.isCategorical = [true]))), /"isCategorical" has 1 entries, expected 3/);
    assertInvalid(() => decodeModel(withHeader(regressor, (h) => (h.payloadBytes = 8))), /payload is truncated|unexpected bytes/);
    assertInvalid(() => decodeModel(withHeader(regressor, (h) => (h.nOutputs = 3))), /objective squared-error has 1 outputs but nOutputs is 3/);
    assertInvalid(() => decodeModel(withHeader(classifier, (h) => h.classes.pop())), /needs 3 classes, but classes has 2/);
    assertInvalid(() => decodeModel(withHeader(regressor, (h) => (h.treeLayout = h.treeLayout.slice(1)))), /treeLayout is/);
    const { header, payload } = modelToDocument(regressor);
    assertInvalid(() => modelFromDocument({ header, payload: payload.subarray(8) }), /payload has \d+ bytes but the header says \d+/);
  });

  test("fields of the wrong type or value, named", () => {
    assertInvalid(() => decodeModel(withHeader(regressor, (h) => (h.featureNames = "abc"))), /field "featureNames" must be an array/);
    assertInvalid(() => decodeModel(withHeader(regressor, (h) => (h.info.bestIteration = "3"))), /field "info.bestIteration" must be an integer/);
    assertInvalid(() => decodeModel(withHeader(regressor, (h) => (h.objective = "magic"))), /field "objective" must be one of squared-error/);
    assertInvalid(() => decodeModel(withHeader(regressor, (h) => (h.objective = "softmax"))), /a gradient-boosting-regressor cannot have objective softmax|softmax needs nClasses/);
    assertInvalid(() => decodeModel(withHeader(regressor, (h) => (h.params.learningRate = 7))), /learningRate must be in \(0, 1\]: received 7/);
    assertInvalid(() => decodeModel(withHeader(regressor, (h) => (h.params.shell = "rm -rf"))), /unknown parameter "shell"/);
    assertInvalid(() => decodeModel(withHeader(classifier, (h) => (h.classes[1] = { evil: true }))), /field "classes\[1\]" must be a string, finite number or boolean/);
    assertInvalid(() => decodeModel(withHeader(classifier, (h) => (h.classes[1] = h.classes[0]))), /classes repeat a label/);
  });

  test("trees whose structure would break prediction", () => {
    // Node 0 is the root split of tree 0: point its left child back at itself (a cycle).
    const tree = modelToDocument(regressor).header.trees[0];
    const corrupt = (edit: (view: DataView, start: number) => void): Uint8Array => {
      const out = bytes.slice();
      const headerBytes = new DataView(out.buffer).getUint32(8, true);
      edit(new DataView(out.buffer), 16 + headerBytes + tree.offset);
      return out;
    };
    // Layout: feature (int32 × nNodes), threshold (float64 × nNodes), …: offsets as the reader computes them.
    const align = (k: number): number => Math.ceil(k / 8) * 8;
    const featureAt = 0;
    const leftAt = align(align(align(align(4 * tree.nNodes) + 8 * tree.nNodes) + 4 * tree.nNodes) + tree.nNodes);
    assertInvalid(() => decodeModel(corrupt((v, s) => v.setInt32(s + leftAt, 0, true))), /Model tree 0, node 0 has children 0 and \d+: they must come after it/);
    assertInvalid(() => decodeModel(corrupt((v, s) => v.setInt32(s + featureAt, 9, true))), /Model tree 0, node 0 splits on feature 9, outside 0..2/);
  });

  test("a non-finite numeric class label cannot be stored", () => {
    const model = new GradientBoostingClassifier(small).fit(X, Array.from(signal, (v) => (v > 0 ? Infinity : 0)));
    assertInvalid(() => encodeModel(model), /Class label Infinity cannot be stored/);
  });
});
