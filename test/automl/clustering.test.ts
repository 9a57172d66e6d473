// The clustering task on real data (dry beans, their class withheld): k chosen by silhouette, the
// clusters described, and a bundle that assigns the same clusters after a round trip.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Rng } from "../../src/core/index.js";
import { read } from "../../src/data/index.js";
import { adjustedRandScore } from "../../src/evaluate/index.js";
import { cluster, decodeClusterBundle, encodeClusterBundle } from "../../src/automl/index.js";

const root = new URL("../../", import.meta.url).pathname;
const all = await read(`${root}../shared/datasets/dry-bean/Dry_Bean_Dataset.csv.gz`);
const beans = all.take(new Rng(2).sample(all.nRows, 2500));

describe("cluster() on dry beans", () => {
  const result = cluster({ data: beans, exclude: ["Class"], seed: 3, kMax: 8 });

  test("chooses the k with the best silhouette and says so", () => {
    const best = Math.max(...result.scores.map((s) => s.silhouette));
    assert.equal(result.scores.find((s) => s.k === result.k)!.silhouette, best);
    assert.match(result.reason, new RegExp(`k = ${result.k} has the highest mean silhouette`));
    assert.deepEqual(result.scores.map((s) => s.k), [2, 3, 4, 5, 6, 7, 8]);
    assert.ok(!result.features.includes("Class"));
  });

  test("describes every cluster: sizes add up, traits ranked by strength", () => {
    assert.equal(result.profiles.reduce((s, c) => s + c.size, 0), beans.nRows);
    for (const c of result.profiles) {
      assert.ok(c.traits.length > 0);
      for (let i = 1; i < c.traits.length; i++) assert.ok(c.traits[i - 1].strength >= c.traits[i].strength);
    }
  });

  test("the clusters follow the bean varieties more than chance", () => {
    const labels = result.predictor.predict(beans);
    const classes = beans.column("Class");
    assert.equal(classes.kind, "categorical");
    const ari = adjustedRandScore(Array.from(classes.kind === "categorical" ? classes.codes : []), Array.from(labels));
    assert.ok(ari > 0.2, `ARI ${ari}`);
  });

  test("a bundle round trip assigns the same clusters", () => {
    const loaded = decodeClusterBundle(encodeClusterBundle(result));
    assert.equal(loaded.k, result.k);
    assert.deepEqual(loaded.predictor.predict(all.head(500)), result.predictor.predict(all.head(500)));
  });
});
