// The training report's chart primitives and the numbers behind its charts, on inputs small
// enough to check by hand.

import { test } from "node:test";
import assert from "node:assert/strict";
import { classCurves, confidenceCurve, confusionCounts, predictedClasses } from "./class-curves.js";
import { confusionMatrixSvg } from "./confusion-matrix-svg.js";
import { lineChartSvg, pathData } from "./line-chart-svg.js";
import { valueRanks } from "./model-explanation.js";
import { extent, plotFrame } from "./plot-frame.js";
import { residualHistogram } from "./regression-section.js";
import { scatterSvg } from "./scatter-svg.js";
import { shapStripSvg } from "./shap-strip-svg.js";

const HOSTILE = `<script>alert(1)</script>&"'`;

function count(text: string, pattern: RegExp): number {
  return text.match(new RegExp(pattern.source, "g"))?.length ?? 0;
}

test("plotFrame maps the domains onto the plot, y upwards, and grows for a legend", () => {
  const frame = plotFrame({ className: "line-chart", label: "t", width: 500, height: 300, xDomain: [0, 10], yDomain: [-1, 1] });
  assert.equal(frame.x(0), frame.left);
  assert.equal(frame.x(10), frame.right);
  assert.equal(frame.y(-1), frame.bottom);
  assert.equal(frame.y(1), frame.top);
  assert.equal(frame.y(0), (frame.top + frame.bottom) / 2);
  assert.match(frame.head, /height="300"/);
  const withLegend = plotFrame({ className: "line-chart", label: "t", width: 500, height: 300, xDomain: [0, 1], yDomain: [0, 1], legend: [{ tone: "s0", name: "a" }, { tone: "s1", name: "b" }] });
  assert.match(withLegend.head, /height="342"/);
  assert.equal(withLegend.right, frame.right, "the legend sits under the plot, not beside it");
});

test("extent pads the range, widens a constant and ignores non-finite values", () => {
  assert.deepEqual(extent([0, 10, NaN, Infinity], 0.1), [-1, 11]);
  assert.deepEqual(extent([5, 5]), [4.75, 5.25]);
  assert.deepEqual(extent([0]), [-0.5, 0.5]);
  assert.equal(extent([NaN]), null);
});

test("lineChartSvg draws one path per curve, dots for points, references and a legend", () => {
  const svg = lineChartSvg(
    [
      { name: "curve", x: [0, 0.5, 1], y: [0, 0.8, 1] },
      { name: "steps", x: [0, 1], y: [0.2, 0.6], shape: "step" },
      { name: "dots", x: [0.1, 0.2, 0.3], y: [0.3, 0.3, 0.3], shape: "points", tips: ["a", "b", "c"] },
      { name: "empty", x: [], y: [], shape: "points" },
    ],
    { label: "test chart", kind: "roc", xDomain: [0, 1], yDomain: [0, 1], references: [{ from: [0, 0], to: [1, 1], label: "chance" }] },
  );
  assert.equal(count(svg, /<path class="curve/), 2);
  assert.equal(count(svg, /<circle class="mark s2"/), 3 + 1, "three dots and the legend swatch");
  assert.equal(count(svg, /<line class="reference"/), 1);
  assert.match(svg, /class="chart line-chart roc"/);
  assert.equal(count(svg, /class="legend-entry"/), 3, "a series without points stays out of the legend");
  assert.match(svg, /d="M[\d.]+ [\d.]+H[\d.]+V[\d.]+"/, "a step series holds, then moves");
});

test("pathData thins points closer than a pixel but keeps the ends", () => {
  const n = 10_000;
  const x = Float64Array.from({ length: n }, (_, i) => i / (n - 1));
  const y = Float64Array.from(x, (v) => v * v);
  const d = pathData({ x, y }, false, (v) => v * 300, (v) => 300 - v * 300);
  const points = count(d, /[ML]/);
  assert.ok(points < 600, `${points} points for a 300 px wide curve`);
  assert.ok(d.startsWith("M0 300"));
  assert.ok(d.endsWith("L300 0"));
});

test("charts escape hostile names in labels, legends and tooltips", () => {
  const line = lineChartSvg([{ name: HOSTILE, x: [0, 1], y: [0, 1], markers: true, tips: [HOSTILE, HOSTILE] }], { label: HOSTILE, xTitle: HOSTILE });
  const matrix = confusionMatrixSvg([HOSTILE, "b"], [1, 2, 3, 4], { label: HOSTILE });
  const strip = shapStripSvg([{ feature: HOSTILE, values: [0.1, -0.2], colorRank: [0, 1] }], { label: HOSTILE });
  const scatter = scatterSvg([1, 2], [1, 2], { label: HOSTILE, yTitle: HOSTILE });
  for (const svg of [line, matrix, strip, scatter]) {
    assert.ok(!svg.includes("<script"), svg.slice(0, 80));
    assert.ok(svg.includes("&lt;script&gt;"));
    assert.ok(!/&(?!amp;|lt;|gt;|quot;|#39;)/.test(svg), "every ampersand is an entity");
  }
});

test("confusionMatrixSvg shades rows by their share and prints the counts", () => {
  const svg = confusionMatrixSvg(["no", "yes"], [90, 10, 30, 70], { label: "cm" });
  assert.equal(count(svg, /<rect class="cm-cell/), 4);
  assert.equal(count(svg, /<rect class="cm-cell diagonal"/), 2);
  assert.match(svg, /true yes, predicted no: 30 \(30% of true yes\)/);
  assert.deepEqual([...svg.matchAll(/<text class="cell-value[^>]*>([\d,]+)</g)].map((m) => m[1]), ["90", "10", "30", "70"]);
  const many = confusionMatrixSvg(Array.from({ length: 40 }, (_, i) => `c${i}`), new Float64Array(1600).fill(1), { label: "cm" });
  assert.equal(count(many, /<rect class="cm-cell/), 1600);
  assert.equal(count(many, /class="cell-value/), 0, "no counts in cells too small to hold them");
});

test("shapStripSvg draws a row per feature and a dot per finite value", () => {
  const values = Float64Array.from({ length: 300 }, (_, i) => Math.sin(i) * 2);
  const svg = shapStripSvg(
    [
      { feature: "a", values, colorRank: Float64Array.from(values, (_, i) => i / 299) },
      { feature: "b", values: [NaN, 1, 2], colorRank: [NaN, NaN, NaN] },
    ],
    { label: "strip" },
  );
  assert.equal(count(svg, /<g class="strip">/), 2);
  assert.equal(count(svg, /<circle /), 302);
  assert.match(svg, /fill="#a1a1aa"/, "values without order are grey");
  const ys = [...svg.matchAll(/<circle cx="[\d.]+" cy="([\d.]+)"/g)].slice(0, 300).map((m) => Number(m[1]));
  assert.ok(Math.max(...ys) - Math.min(...ys) <= 30, "stacked dots stay inside their row");
});

test("classCurves: the positive class of a binary task, the most frequent classes of a multiclass one", () => {
  // Scores perfectly ranked for class 1 except one swapped pair.
  const y = Float64Array.of(0, 0, 0, 1, 0, 1, 1, 1);
  const p1 = [0.1, 0.2, 0.3, 0.35, 0.4, 0.6, 0.8, 0.9];
  const pred = Float64Array.from(p1.flatMap((p) => [1 - p, p]));
  const { curves } = classCurves(y, pred, ["no", "yes"]);
  assert.equal(curves.length, 1);
  assert.equal(curves[0].name, "yes");
  assert.equal(curves[0].auc, 15 / 16);
  assert.equal(curves[0].prevalence, 0.5);
  assert.equal(curves[0].roc.fpr[curves[0].roc.fpr.length - 1], 1);
  const yMulti = Float64Array.of(0, 1, 2, 2, 2, 1, 0, 2, 3);
  const predMulti = new Float64Array(9 * 4).fill(0.25);
  const multi = classCurves(yMulti, predMulti, ["a", "b", "c", "d"], 2);
  assert.deepEqual(multi.curves.map((c) => c.name), ["c", "a"]);
  assert.equal(multi.nOmitted, 2);
});

test("predictedClasses applies the threshold (binary) or takes the most probable class", () => {
  const pred = Float64Array.of(0.6, 0.4, 0.3, 0.7, 0.55, 0.45);
  assert.deepEqual([...predictedClasses(pred, 2, 0.42)], [0, 1, 1]);
  assert.deepEqual([...predictedClasses(pred, 2, null)], [0, 1, 0]);
  assert.deepEqual([...predictedClasses(Float64Array.of(0.2, 0.5, 0.3, 0.6, 0.1, 0.3), 3, null)], [1, 0]);
  assert.deepEqual([...confusionCounts(Float64Array.of(0, 1, 1), Float64Array.of(0, 1, 0), 2)], [1, 0, 1, 1]);
});

test("confidenceCurve bins the predicted class's probability against how often it is right", () => {
  // Rows 0–1 at 0.9 confidence, one right; rows 2–3 at 0.5, both right.
  const pred = Float64Array.of(0.9, 0.05, 0.05, 0.05, 0.9, 0.05, 0.5, 0.3, 0.2, 0.2, 0.5, 0.3);
  const curve = confidenceCurve(Float64Array.of(0, 0, 0, 1), pred, 3);
  assert.deepEqual([...curve.probPred], [0.5, 0.9]);
  assert.deepEqual([...curve.probTrue], [1, 0.5]);
  assert.deepEqual([...curve.counts], [2, 2]);
});

test("residualHistogram counts every finite value once", () => {
  const values = Float64Array.from({ length: 1000 }, (_, i) => (i % 37) - 18);
  values[5] = NaN;
  const h = residualHistogram(values);
  assert.equal(h.counts.reduce((a, b) => a + b, 0), 999);
  assert.equal(h.edges[0], -18);
  assert.equal(h.edges[h.edges.length - 1], 18);
  assert.deepEqual(residualHistogram(Float64Array.of(2, 2)), { edges: [2, 2], counts: [2] });
});

test("valueRanks orders numbers (ties share a rank) and leaves categories and missing values unranked", () => {
  const numeric = valueRanks({ kind: "numeric", values: Float64Array.of(5, 1, NaN, 5, 3) }, Int32Array.of(0, 1, 2, 3, 4));
  assert.deepEqual([...numeric], [5 / 6, 0, NaN, 5 / 6, 1 / 3]);
  const boolean = valueRanks({ kind: "boolean", values: Int8Array.of(1, 0, -1) }, Int32Array.of(2, 1, 0));
  assert.deepEqual([...boolean], [NaN, 0, 1]);
  const categorical = valueRanks({ kind: "categorical", codes: Int32Array.of(0, 1), categories: ["a", "b"] }, Int32Array.of(0, 1));
  assert.deepEqual([...categorical], [NaN, NaN]);
});
