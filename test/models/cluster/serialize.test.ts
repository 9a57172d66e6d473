// Model documents of the clustering and PCA kinds refuse damaged headers and payloads with an
// InvalidInput naming the field, instead of producing a wrong model.

import assert from "node:assert/strict";
import { test } from "node:test";
import { InvalidInput, Rng, matrix } from "../../../src/core/index.js";
import { DBSCAN, KMeans, PCA, modelFromDocument, modelToDocument, type ModelDocument } from "../../../src/models/index.js";

const rng = new Rng(3);
const X = matrix(Float64Array.from({ length: 60 * 3 }, () => rng.normal()), { rows: 60, cols: 3 });

function tampered(doc: ModelDocument, change: (header: Record<string, unknown>) => void): ModelDocument {
  const header = JSON.parse(JSON.stringify(doc.header)) as Record<string, unknown>;
  change(header);
  return { header: header as unknown as ModelDocument["header"], payload: doc.payload };
}

function assertRefused(doc: ModelDocument, pattern: RegExp): void {
  assert.throws(() => modelFromDocument(doc), (e: unknown) => e instanceof InvalidInput && pattern.test(e.message));
}

test("a KMeans document with bad fields is refused, naming the field", () => {
  const doc = modelToDocument(new KMeans({ nClusters: 3, nInit: 1 }).fit(X));
  assertRefused(tampered(doc, (h) => (h.nClusters = 4)), /centers has 9 values, expected 12/);
  assertRefused(tampered(doc, (h) => (h.featureNames = "abc")), /featureNames/);
  assertRefused(tampered(doc, (h) => ((h.params as Record<string, unknown>).algorithm = "magic")), /algorithm/);
  assertRefused(tampered(doc, (h) => (h.version = 2)), /version 2/);
  const labels = doc.header as unknown as { labels: { offset: number } };
  const payload = Uint8Array.from(doc.payload);
  new DataView(payload.buffer).setInt32(labels.labels.offset, 7, true);
  assertRefused({ header: doc.header, payload }, /label lies outside 0..2/);
});

test("DBSCAN and PCA documents with bad fields are refused", () => {
  const db = modelToDocument(new DBSCAN({ eps: 1, minSamples: 3 }).fit(X));
  assertRefused(tampered(db, (h) => (h.nCore = 1000)), /nCore/);
  const pca = modelToDocument(new PCA({ nComponents: 2 }).fit(X));
  assertRefused(tampered(pca, (h) => (h.nComponents = 3)), /components has 6 values, expected 9/);
  assertRefused(tampered(pca, (h) => (h.noiseVariance = "x")), /noiseVariance/);
});
