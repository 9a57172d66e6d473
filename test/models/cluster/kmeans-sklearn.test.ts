// KMeans and DBSCAN against scikit-learn 1.2.1 (fixtures in test/fixtures/cluster): from the same
// initial centres, Lloyd's and Elkan's runs reach scikit-learn's centres, labels, inertia and
// iteration count, with and without sample weights; DBSCAN's labels and core samples are identical.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DBSCAN, KMeans } from "../../../src/models/index.js";
import { FIXTURE, assertClose, toMatrix } from "../../fixtures/cluster/fixture.js";

describe("KMeans from given centres matches scikit-learn", () => {
  const F = FIXTURE.kmeans;
  const X = toMatrix(F.X);
  for (const [name, expected] of Object.entries(F.runs) as [string, any][]) {
    test(name, () => {
      const [algorithm, weighted] = name.split("-") as ["lloyd" | "elkan", string | undefined];
      const model = new KMeans({ nClusters: 4, algorithm }).fit(X, {
        initialCenters: toMatrix(F.init),
        sampleWeight: weighted ? F.weights : undefined,
      });
      assert.deepEqual(Array.from(model.labels), expected.labels);
      assertClose(model.clusterCenters.data, expected.centers.data, 1e-9, "centers");
      assertClose([model.inertia], [expected.inertia], 1e-9, "inertia");
      assert.equal(model.nIter, expected.nIter);
      assertClose(model.transform(toMatrix({ rows: 10, cols: 3, data: F.X.data.slice(0, 30) })).data, expected.transform.data, 1e-9, "transform");
      assert.deepEqual(Array.from(model.predict(X)), expected.labels);
    });
  }
});

describe("DBSCAN matches scikit-learn", () => {
  const F = FIXTURE.dbscan;
  const X = toMatrix(F.X);

  test("labels (noise −1) and core sample indices", () => {
    const model = new DBSCAN({ eps: 0.3, minSamples: 5 }).fit(X);
    assert.deepEqual(Array.from(model.labels), F.labels);
    assert.deepEqual(Array.from(model.coreSampleIndices), F.core);
    assert.ok(F.labels.includes(-1) && model.nClusters === Math.max(...F.labels) + 1);
  });

  test("with sample weights counting towards minSamples", () => {
    const model = new DBSCAN({ eps: 0.3, minSamples: 8 }).fit(X, { sampleWeight: F.weights });
    assert.deepEqual(Array.from(model.labels), F.weightedLabels);
    assert.deepEqual(Array.from(model.coreSampleIndices), F.weightedCore);
  });

  test("the k-d tree does not change the answer, whatever the leaf size", () => {
    for (const leafSize of [1, 4, 1000]) assert.deepEqual(Array.from(new DBSCAN({ eps: 0.3, minSamples: 5, leafSize }).fit(X).labels), F.labels);
  });
});
