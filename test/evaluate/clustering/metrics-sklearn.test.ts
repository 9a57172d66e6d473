// Clustering metrics against scikit-learn 1.2.1 on random inputs (fixtures in
// test/fixtures/cluster), and their special cases and bad input.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { InvalidInput, matrix } from "../../../src/core/index.js";
import {
  adjustedRandScore,
  daviesBouldinScore,
  mutualInfoScore,
  normalizedMutualInfoScore,
  silhouetteSamples,
  silhouetteScore,
} from "../../../src/evaluate/index.js";
import { FIXTURE, assertClose, toMatrix } from "../../fixtures/cluster/fixture.js";

const M = FIXTURE.metrics;
const X = toMatrix(M.X);

describe("clustering metrics match scikit-learn", () => {
  test("silhouette per sample and mean, a singleton cluster scoring 0", () => {
    const samples = silhouetteSamples(X, M.a);
    assertClose(samples, M.silhouetteSamples, 1e-9, "silhouetteSamples");
    assert.equal(samples[7], 0);
    assertClose([silhouetteScore(X, M.a)], [M.silhouetteScore], 1e-9, "silhouetteScore");
  });

  test("Davies-Bouldin", () => {
    assertClose([daviesBouldinScore(X, M.a)], [M.daviesBouldin], 1e-9, "daviesBouldin");
  });

  test("adjusted Rand index and normalised mutual information", () => {
    assertClose([adjustedRandScore(M.a, M.b), adjustedRandScore(M.a, M.near)], [M.ari.ab, M.ari.aNear], 1e-9, "ari");
    assertClose([normalizedMutualInfoScore(M.a, M.b), normalizedMutualInfoScore(M.a, M.near)], [M.nmi.ab, M.nmi.aNear], 1e-9, "nmi");
    for (const averageMethod of ["geometric", "min", "max"] as const) {
      assertClose([normalizedMutualInfoScore(M.a, M.near, { averageMethod })], [M.nmi[averageMethod]], 1e-9, `nmi ${averageMethod}`);
    }
  });

  test("labels are names, not numbers: renaming them changes nothing", () => {
    const renamed = (M.b as number[]).map((v) => `cluster-${(v * 7) % 4}`);
    assert.equal(adjustedRandScore(M.a, renamed), adjustedRandScore(M.a, M.b));
    assert.equal(normalizedMutualInfoScore(renamed, M.a), normalizedMutualInfoScore(M.b, M.a));
    assertClose([silhouetteScore(X, (M.a as number[]).map((v) => String(v)))], [M.silhouetteScore], 1e-12, "silhouette on strings");
  });
});

describe("clustering metrics: special cases", () => {
  test("identical partitions score 1, one cluster against many scores 0", () => {
    const labels = [0, 0, 1, 1, 2, 2];
    assert.equal(adjustedRandScore(labels, [5, 5, 3, 3, 9, 9]), 1);
    assert.equal(normalizedMutualInfoScore(labels, ["a", "a", "b", "b", "c", "c"]), 1);
    assert.equal(normalizedMutualInfoScore([1, 1, 1], [2, 2, 2]), 1);
    assert.equal(normalizedMutualInfoScore(labels, [0, 0, 0, 0, 0, 0]), 0);
    assert.equal(mutualInfoScore(labels, [0, 0, 0, 0, 0, 0]), 0);
  });

  test("the silhouette sample option is seeded and close to the full score", () => {
    const a = silhouetteScore(X, M.a, { sampleSize: 60, seed: 3 });
    assert.equal(a, silhouetteScore(X, M.a, { sampleSize: 60, seed: 3 }));
    assert.notEqual(a, silhouetteScore(X, M.a, { sampleSize: 60, seed: 4 }));
    assert.ok(Math.abs(a - M.silhouetteScore) < 0.1);
    assert.equal(silhouetteScore(X, M.a, { sampleSize: 1000 }), silhouetteScore(X, M.a));
  });

  test("bad input is refused with InvalidInput naming the problem", () => {
    assert.throws(() => silhouetteScore(X, new Array(80).fill(1)), (e: unknown) => e instanceof InvalidInput && /2 and 79/.test(e.message));
    assert.throws(() => silhouetteScore(X, M.a.slice(1)), (e: unknown) => e instanceof InvalidInput && /79 values but X has 80/.test(e.message));
    assert.throws(() => daviesBouldinScore(X, Array.from({ length: 80 }, (_, i) => i)), InvalidInput);
    assert.throws(() => adjustedRandScore([0, 1], [0, 1, 1]), (e: unknown) => e instanceof InvalidInput && /2 labels but labelsPred has 3/.test(e.message));
    assert.throws(() => normalizedMutualInfoScore([0, NaN], [0, 1]), (e: unknown) => e instanceof InvalidInput && /row 1/.test(e.message));
    assert.throws(() => silhouetteScore(X, M.a, { sampleSize: 1 }), InvalidInput);
  });

  test("Davies-Bouldin is 0 when every cluster is a single repeated point", () => {
    const pts = matrix(Float64Array.of(0, 0, 0, 0, 5, 5, 5, 5), { rows: 4, cols: 2 });
    assert.equal(daviesBouldinScore(pts, [0, 0, 1, 1, 1].slice(0, 4)), 0);
  });
});
