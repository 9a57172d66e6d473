// PCA against scikit-learn 1.2.1 (fixtures in test/fixtures/cluster): components with
// scikit-learn's sign convention, variances, singular values, projections, whitening and the
// fraction-of-variance rule, for a tall matrix (covariance route) and a wide one (Gram route);
// then the round trip through inverseTransform, serialisation and bad input.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { InvalidInput, Rng, matrix } from "../../../src/core/index.js";
import { PCA, PCAModel, decodeModel, encodeModel } from "../../../src/models/index.js";
import { FIXTURE, assertClose, toMatrix } from "../../fixtures/cluster/fixture.js";

for (const shape of ["tall", "wide"] as const) {
  const F = FIXTURE.pca[shape];
  const X = toMatrix(F.X);
  describe(`PCA matches scikit-learn (${shape}: ${X.rows} × ${X.cols})`, () => {
    const model = new PCA().fit(X);

    test("components, variances, ratios, singular values and mean", () => {
      assert.equal(model.nComponents, F.components.rows);
      // Centring leaves a wide matrix one rank short: the last axis carries no variance and is any
      // unit vector orthogonal to the others (LAPACK's choice is arbitrary), so it is checked as such.
      const p = X.cols;
      const informative = (F.explainedVariance as number[]).filter((v) => v > 1e-10 * F.explainedVariance[0]).length;
      assertClose(model.components.data.subarray(0, informative * p), F.components.data.slice(0, informative * p), 1e-9, "components");
      for (let j = informative; j < model.nComponents; j++) {
        for (let r = 0; r <= j; r++) {
          let dot = 0;
          for (let f = 0; f < p; f++) dot += model.components.data[j * p + f] * model.components.data[r * p + f];
          assert.ok(Math.abs(dot - (r === j ? 1 : 0)) < 1e-9, `component ${j} is not orthonormal to ${r}`);
        }
      }
      assertClose(model.explainedVariance, F.explainedVariance, 1e-9, "explainedVariance");
      assertClose(model.explainedVarianceRatio, F.explainedVarianceRatio, 1e-9, "explainedVarianceRatio");
      assertClose(model.singularValues, F.singularValues, 1e-9, "singularValues");
      assertClose(model.mean, F.mean, 1e-12, "mean");
    });

    test("transform, and whitened transform with 3 components", () => {
      assertClose(model.transform(X).data, F.transform.data, 1e-9, "transform");
      const white = new PCA({ nComponents: 3, whiten: true }).fit(X);
      assertClose(white.transform(X).data, F.whitenedTransform.data, 1e-9, "whitened transform");
      assertClose([white.noiseVariance], [F.whitenedNoiseVariance], 1e-9, "noiseVariance");
    });

    test("a fraction keeps the fewest components explaining more than it", () => {
      assert.equal(new PCA({ nComponents: 0.9 }).fit(X).nComponents, F.fractionComponents);
    });

    test("inverseTransform of all components gives X back, whitened or not", () => {
      for (const whiten of [false, true]) {
        const m = new PCA({ whiten }).fit(X);
        assertClose(m.inverseTransform(m.transform(X)).data, X.data, 1e-9, `inverse (whiten ${whiten})`);
      }
    });
  });
}

describe("PCA: the randomized solver", () => {
  // 600 × 40 with a decaying spectrum.
  const rng = new Rng(8);
  const n = 600;
  const p = 40;
  const data = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let f = 0; f < p; f++) data[i * p + f] = rng.normal() * 10 * 0.8 ** f + (f % 3);
  const X = matrix(data, { rows: n, cols: p });

  test("finds the components, variances and noise of the full solver", () => {
    const full = new PCA({ nComponents: 5, svdSolver: "full" }).fit(X);
    const sketch = new PCA({ nComponents: 5, svdSolver: "randomized" }).fit(X);
    assertClose(sketch.components.data, full.components.data, 1e-6, "components");
    assertClose(sketch.explainedVariance, full.explainedVariance, 1e-9, "explainedVariance");
    assertClose(sketch.explainedVarianceRatio, full.explainedVarianceRatio, 1e-9, "explainedVarianceRatio");
    assertClose([sketch.noiseVariance], [full.noiseVariance], 1e-9, "noiseVariance");
  });

  test("is seeded, and needs an integer nComponents", () => {
    const a = new PCA({ nComponents: 3, svdSolver: "randomized", seed: 4, iteratedPower: 1 }).fit(X);
    assert.deepEqual(a.components.data, new PCA({ nComponents: 3, svdSolver: "randomized", seed: 4, iteratedPower: 1 }).fit(X).components.data);
    assert.throws(() => new PCA({ nComponents: 0.5, svdSolver: "randomized" }).fit(X), (e: unknown) => e instanceof InvalidInput && /integer nComponents/.test(e.message));
    assert.throws(() => new PCA({ svdSolver: "arpack" as "full" }), InvalidInput);
  });
});

describe("PCA: serialisation, determinism and bad input", () => {
  const rng = new Rng(4);
  const X = matrix(Float64Array.from({ length: 200 * 5 }, (_, i) => rng.normal() * (1 + (i % 5))), { rows: 200, cols: 5 });

  test("a round trip keeps every array and gives identical projections and bytes", () => {
    const model = new PCA({ nComponents: 3, whiten: true }).fit(X, { featureNames: ["a", "b", "c", "d", "e"] });
    const bytes = encodeModel(model);
    const loaded = decodeModel(bytes) as PCAModel;
    assert.ok(loaded instanceof PCAModel);
    assert.deepEqual(loaded.transform(X).data, model.transform(X).data);
    assert.deepEqual(loaded.featureNames, model.featureNames);
    assert.deepEqual(encodeModel(loaded), bytes);
    assert.deepEqual(encodeModel(new PCA({ nComponents: 3, whiten: true }).fit(X, { featureNames: ["a", "b", "c", "d", "e"] })), bytes);
  });

  test("bad input and bad parameters are refused", () => {
    const withNaN = Float64Array.from(X.data);
    withNaN[7] = NaN;
    assert.throws(() => new PCA().fit(matrix(withNaN, { rows: 200, cols: 5 })), (e: unknown) => e instanceof InvalidInput && /row 1, column 2/.test(e.message));
    assert.throws(() => new PCA({ nComponents: 6 }).fit(X), (e: unknown) => e instanceof InvalidInput && /\[1, 5\].*received 6/.test(e.message));
    assert.throws(() => new PCA({ nComponents: 1.5 }).fit(X), InvalidInput);
    assert.throws(() => new PCA({ nComponents: -1 }), InvalidInput);
    assert.throws(() => new PCA().fit(matrix(new Float64Array(10).fill(2), { rows: 5, cols: 2 })), (e: unknown) => e instanceof InvalidInput && /constant/.test(e.message));
    assert.throws(() => new PCA().fit(matrix(new Float64Array(3), { rows: 1, cols: 3 })), (e: unknown) => e instanceof InvalidInput && /2 rows/.test(e.message));
    const model = new PCA().fit(X);
    assert.throws(() => model.transform(matrix(new Float64Array(4), { rows: 1, cols: 4 })), (e: unknown) => e instanceof InvalidInput && /4 columns.*5/.test(e.message));
    assert.throws(() => model.inverseTransform(matrix(new Float64Array(4), { rows: 1, cols: 4 })), (e: unknown) => e instanceof InvalidInput && /5 columns/.test(e.message));
  });

  test("a constant column gets zero variance, not NaN", () => {
    const data = Float64Array.from(X.data);
    for (let i = 0; i < 200; i++) data[i * 5 + 2] = 7;
    const m = new PCA().fit(matrix(data, { rows: 200, cols: 5 }));
    assert.ok(m.explainedVariance[4] < 1e-12 && m.explainedVariance.every(Number.isFinite));
    assert.ok(Math.abs(m.components.data[4 * 5 + 2]) > 1 - 1e-9, "the last axis is the constant column");
  });
});
