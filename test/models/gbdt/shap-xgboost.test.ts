// treeShap against XGBoost's own TreeSHAP (pred_contribs): XGBoost 1.7 models, dumped as JSON with
// cover, are converted into our Tree format and explained by src/models/gbdt/shap.ts; contributions
// and raw predictions must match XGBoost's to 1e-5 (XGBoost computes in float32). Some test rows
// sit exactly on split conditions, so the threshold conversion below is tested too.
// test/fixtures/shap/make_shap_fixture.py made the fixture; rerun it with /usr/bin/python3.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import type { Forest } from "../../../src/models/gbdt/predictor.js";
import { predictRaw } from "../../../src/models/gbdt/predictor.js";
import { treeShap } from "../../../src/models/gbdt/shap.js";
import type { Tree } from "../../../src/models/gbdt/tree.js";

/** A node of XGBoost's JSON dump (get_dump(dump_format="json", with_stats=True)). */
interface DumpNode {
  readonly nodeid: number;
  readonly cover: number;
  readonly leaf?: number;
  readonly split?: string;
  readonly split_condition?: number;
  readonly yes?: number;
  readonly no?: number;
  readonly missing?: number;
  readonly children?: readonly DumpNode[];
}

interface DumpedModel {
  readonly objective: string;
  readonly nOutputs: number;
  readonly baseScore: number;
  readonly trees: readonly DumpNode[];
  /** Row-major rows × nOutputs. */
  readonly margin: readonly (readonly number[])[];
  /** rows × nOutputs × (nFeatures + 1), the bias last. */
  readonly contribs: readonly (readonly (readonly number[])[])[];
}

interface Fixture {
  readonly xgboost: string;
  readonly nFeatures: number;
  /** null = missing. */
  readonly rows: readonly (readonly (number | null)[])[];
  readonly models: Readonly<Record<string, DumpedModel>>;
}

const fixture = JSON.parse(readFileSync(new URL("../../fixtures/shap/shap.json", import.meta.url), "utf8")) as Fixture;
const TOLERANCE = 1e-5;

/** The largest double below x (x finite). */
function prevDouble(x: number): number {
  if (x === 0) return -Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, x > 0 ? bits - 1n : bits + 1n);
  return view.getFloat64(0);
}

/**
 * Our Tree from an XGBoost dump, nodes numbered parent first. XGBoost sends `x < condition` to
 * "yes" and compares in float32; the dump prints float32 numbers with 9 digits, which Math.fround
 * recovers exactly, and on float32 rows `x < c` is `x <= prevDouble(c)`.
 */
function treeFromDump(root: DumpNode): Tree {
  const nodes: DumpNode[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const missingLeft: number[] = [];
  const add = (node: DumpNode): number => {
    const id = nodes.push(node) - 1;
    left.push(-1);
    right.push(-1);
    missingLeft.push(0);
    if (node.leaf === undefined) {
      const child = (nodeid: number | undefined): DumpNode => {
        const found = node.children?.find((c) => c.nodeid === nodeid);
        assert.ok(found, `node ${node.nodeid} has no child ${nodeid}`);
        return found;
      };
      assert.ok(node.missing === node.yes || node.missing === node.no);
      missingLeft[id] = node.missing === node.yes ? 1 : 0;
      left[id] = add(child(node.yes));
      right[id] = add(child(node.no));
    }
    return id;
  };
  add(root);
  const n = nodes.length;
  return {
    nNodes: n,
    feature: Int32Array.from(nodes, (node) => (node.leaf === undefined ? Number(node.split!.slice(1)) : -1)),
    threshold: Float64Array.from(nodes, (node) => (node.leaf === undefined ? prevDouble(Math.fround(node.split_condition!)) : NaN)),
    binThreshold: new Int32Array(n),
    missingLeft: Uint8Array.from(missingLeft),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    catOffset: new Int32Array(n).fill(-1),
    catWords: new Int32Array(n),
    catBits: new Uint32Array(0),
    // The dump has no output for internal nodes; TreeSHAP reads leaves only.
    value: Float64Array.from(nodes, (node) => (node.leaf === undefined ? 0 : Math.fround(node.leaf))),
    gain: new Float64Array(n),
    cover: Float64Array.from(nodes, (node) => Math.fround(node.cover)),
  };
}

function forestFromDump(model: DumpedModel, nFeatures: number): Forest {
  return {
    trees: model.trees.map(treeFromDump),
    nOutputs: model.nOutputs,
    baseScore: new Float64Array(model.nOutputs).fill(model.baseScore),
    nFeatures,
  };
}

describe(`treeShap agrees with XGBoost ${fixture.xgboost} pred_contribs`, () => {
  const p = fixture.nFeatures;
  const n = fixture.rows.length;
  const rows = Float64Array.from(fixture.rows.flat(), (v) => (v === null ? NaN : v));

  test("the fixture has missing values", () => {
    assert.ok(rows.some(Number.isNaN));
  });

  for (const [name, model] of Object.entries(fixture.models)) {
    const forest = forestFromDump(model, p);
    const K = model.nOutputs;

    test(`${name} (${model.objective}, ${model.trees.length} trees): raw prediction matches output_margin`, (t) => {
      const raw = predictRaw(forest, rows, n);
      let worst = 0;
      for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) worst = Math.max(worst, Math.abs(raw[k * n + i] - model.margin[i][k]));
      assert.ok(worst <= TOLERANCE, `largest difference from XGBoost's margin ${worst}`);
      t.diagnostic(`${name}: largest difference from XGBoost's margin ${worst.toExponential(2)}`);
    });

    test(`${name} (${model.objective}): contributions match pred_contribs`, (t) => {
      const phi = treeShap(forest, rows, n, p);
      assert.equal(phi.length, n * K * (p + 1));
      let worst = 0;
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < K; k++) {
          for (let f = 0; f <= p; f++) worst = Math.max(worst, Math.abs(phi[(i * K + k) * (p + 1) + f] - model.contribs[i][k][f]));
        }
      }
      assert.ok(worst <= TOLERANCE, `largest difference from XGBoost's contributions ${worst}`);
      t.diagnostic(`${name}: largest difference from XGBoost's contributions ${worst.toExponential(2)}`);
    });
  }
});
