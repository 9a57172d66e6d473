// The training report of real (small) training runs: Adult census income (binary; UCI, Becker &
// Kohavi 1996, CC BY 4.0, data/adult.csv.gz), California housing (regression; Pace & Barry 1997)
// and Dry Bean (seven classes; Koklu & Ozkan 2020, UCI, CC BY 4.0), rendered and opened in a real
// Chromium (Debian's, never a downloaded one).

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { ConstantModel, TrainedPredictor, train, type TrainResult } from "../automl/index.js";
import { Frame, read } from "../data/index.js";
import { renderTrainingReport } from "./index.js";
import { MAX_SCATTER_POINTS } from "./regression-section.js";
import { comparisonWords } from "./test-score-section.js";
import { MAX_SHAP_ROWS } from "./shap-section.js";

const root = new URL("../../", import.meta.url).pathname;
const HOSTILE = `<script>alert(1)</script><img src=x onerror=alert(2)>`;

/** Every `step`-th row of a file: a small sample that keeps the file's mix. */
async function slice(path: string, step: number, rename: Readonly<Record<string, string>> = {}): Promise<Frame> {
  const frame = await read(path);
  const rows = Int32Array.from({ length: Math.floor(frame.nRows / step) }, (_, i) => i * step);
  const taken = frame.take(rows);
  return Frame.fromColumns(taken.names.map((name) => [rename[name] ?? name, taken.column(name)] as const));
}

const SECTIONS = ["result", "leaderboard", "search", "ensemble", "evaluation", "importance", "shap", "data"];

function sectionIds(html: string): string[] {
  return [...html.matchAll(/<section id="([a-z-]+)" class="part">/g)].map((m) => m[1]);
}

function section(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}"`);
  return html.slice(start, html.indexOf("</section>", start));
}

function count(text: string, pattern: RegExp): number {
  return text.match(new RegExp(pattern.source, "g"))?.length ?? 0;
}

let adult: TrainResult;
let housing: TrainResult;
let beans: TrainResult;
let adultHtml: string;
let housingHtml: string;
let beansHtml: string;

before(async () => {
  const adultFrame = await slice(join(root, "data/adult.csv.gz"), 8, { workclass: HOSTILE });
  adult = train({ data: adultFrame, target: "income", budgetSeconds: 30, maxTrials: 3, seed: 3, exclude: ["fnlwgt"] });
  adultHtml = renderTrainingReport(adult, { source: "data/adult.csv.gz", testFrame: adult.testFrame });
  const housingFrame = await slice(join(root, "../shared/datasets/california-housing/housing.csv.gz"), 12);
  housing = train({ data: housingFrame, target: "median_house_value", budgetSeconds: 30, maxTrials: 3, seed: 1 });
  housingHtml = renderTrainingReport(housing, { source: "california-housing/housing.csv.gz", testFrame: housing.testFrame });
  const beanFrame = await slice(join(root, "../shared/datasets/dry-bean/Dry_Bean_Dataset.csv.gz"), 12);
  beans = train({ data: beanFrame, target: "Class", budgetSeconds: 30, maxTrials: 2, seed: 1 });
  beansHtml = renderTrainingReport(beans, { source: "dry-bean", testFrame: beans.testFrame });
});

describe("renderTrainingReport on real runs", () => {
  test("has every section in order, for each task", () => {
    for (const html of [adultHtml, housingHtml, beansHtml]) assert.deepEqual(sectionIds(html), SECTIONS);
    assert.match(section(adultHtml, "evaluation"), /data-chart="roc"[\s\S]*data-chart="precision-recall"[\s\S]*data-chart="calibration"[\s\S]*data-chart="confusion"/);
    assert.match(section(housingHtml, "evaluation"), /data-chart="predicted-actual"[\s\S]*data-chart="residuals"[\s\S]*data-chart="residual-histogram"/);
    assert.doesNotMatch(section(housingHtml, "evaluation"), /data-chart="roc"/);
  });

  test("the header says what was trained, how it was judged and what it cost", () => {
    assert.match(adultHtml, /<h1>Training report: income<\/h1>/);
    assert.match(adultHtml, /target &quot;income&quot; is categorical with 2 values/);
    assert.match(adultHtml, /<span class="k">Validation<\/span><span class="v">stratified 5-fold<\/span>/);
    assert.match(adultHtml, /<span class="k">Metric<\/span><span class="v">auc/);
    assert.match(housingHtml, /<span class="k">Metric<\/span><span class="v">rmse <span class="muted">\(lower is better\)/);
    assert.match(housingHtml, /<span class="k">Validation<\/span><span class="v">5-fold<\/span>/);
    assert.match(beansHtml, /\(7 classes\)/);
  });

  test("the leaderboard lists every trial, ranks the finished ones and marks what was kept", () => {
    const board = section(adultHtml, "leaderboard");
    assert.equal(count(board, /<tr class="trial /), adult.trials.length);
    assert.equal(count(board, /<span class="badge kept">/), adult.ensemble ? adult.ensemble.members.length : 1);
    assert.match(board, /learningRate<\/span> 0\.1/);
    assert.match(board, /<td class="num">1<\/td><td class="name"><code>gradient-boosting#/);
  });

  test("the test score comes with its interval and a verdict on the runner-up", () => {
    const result = section(housingHtml, "result");
    assert.match(result, /95% bootstrap interval/);
    const runnerUp = housing.test.runnerUp;
    if (runnerUp) {
      const words = runnerUp.pValue < 0.05 ? "a real difference" : "not significant";
      assert.ok(result.includes(words), `verdict "${words}" for p = ${runnerUp.pValue}`);
      assert.ok(result.includes(runnerUp.name));
    } else {
      assert.match(result, /no comparison/);
    }
  });

  test("the runner-up verdict: real or not significant, and in whose favour, for either direction of metric", () => {
    const verdict = (result: TrainResult, difference: number, pValue: number, halfWidth = 0.01): string =>
      comparisonWords({ ...result, test: { ...result.test, runnerUp: { name: "forest#7", score: 0.5, difference, interval: [difference - halfWidth, difference + halfWidth], pValue } } });
    assert.match(verdict(adult, 0.02, 0.001), /forest#7.*: a real difference — the kept model is better\.$/);
    assert.match(verdict(adult, -0.02, 0.01), /a real difference, in the runner-up's favour\.$/);
    assert.match(verdict(housing, -120, 0.0004, 10), /difference -120 \(interval -130 to -110\), p < 0\.001: a real difference — the kept model is better/);
    assert.match(verdict(adult, 0.001, 0.4), /p = 0\.4: not significant/);
    assert.match(comparisonWords({ ...adult, test: { ...adult.test, runnerUp: null } }), /no comparison/);
  });

  test("classification charts: one curve per class shown, a K × K confusion matrix", () => {
    const binary = section(adultHtml, "evaluation");
    assert.equal(count(binary, /<path class="curve/), 3, "ROC, precision–recall and reliability of the positive class");
    assert.equal(count(binary, /<rect class="cm-cell/), 4);
    assert.match(binary, /Positive class <code>&gt;50K<\/code>/);
    const multi = section(beansHtml, "evaluation");
    assert.equal(count(multi, /<rect class="cm-cell/), 49);
    assert.equal(count(multi, /<path class="curve/), 2 * 6 + 1, "six classes against the rest on ROC and PR, one top-label reliability curve");
    assert.match(multi, /1 rarer class not drawn/);
  });

  test("SHAP and importance come from the boosting members, on at most 500 held-back rows", () => {
    const shap = section(adultHtml, "shap");
    const explained = Math.min(MAX_SHAP_ROWS, adult.testFrame.nRows);
    assert.match(shap, new RegExp(`TreeSHAP on ${explained} held-back rows`));
    assert.equal(count(shap, /<g class="strip">/), 10);
    assert.ok(count(shap, /<circle cx=/) <= 10 * explained && count(shap, /<circle cx=/) > 9 * explained);
    assert.match(section(adultHtml, "importance"), /<svg class="chart bar-chart"/);
    assert.doesNotMatch(section(adultHtml, "importance"), /fnlwgt/, "an excluded column is no feature");
    assert.match(section(adultHtml, "data"), /<td class="name"><code>fnlwgt<\/code><\/td><td>excluded by request<\/td>/);
  });

  test("hostile column names are escaped wherever they appear", () => {
    assert.ok(!adultHtml.includes("<script"));
    assert.ok(!adultHtml.includes("<img"));
    assert.ok(adultHtml.includes("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"));
    assert.match(section(adultHtml, "data"), /<code>&lt;script&gt;/);
  });

  test("regression scatter plots subsample to 2,000 seeded points; the histogram counts every row", () => {
    const n = 5000;
    const y = Float64Array.from({ length: n }, (_, i) => Math.sin(i) * 100 + i / 10);
    const pred = Float64Array.from(y, (v, i) => v + Math.cos(i * 7) * 20);
    const big: TrainResult = { ...housing, test: { ...housing.test, y, pred, nRows: n } };
    const html = renderTrainingReport(big, { source: "synthetic" });
    const evaluation = section(html, "evaluation");
    const scatter = (kind: string): string => evaluation.slice(evaluation.indexOf(`class="chart scatter ${kind}"`), evaluation.indexOf("</svg>", evaluation.indexOf(`class="chart scatter ${kind}"`)));
    assert.equal(count(scatter("predicted-actual"), /<circle /), MAX_SCATTER_POINTS);
    assert.equal(count(scatter("residuals"), /<circle /), MAX_SCATTER_POINTS);
    assert.match(evaluation, /A seeded sample of 2,000 of the 5,000 rows/);
    assert.equal(renderTrainingReport(big, { source: "synthetic" }), html, "the same sample every time");
  });

  test("without the held-back frame or a boosting member, SHAP and importance say why they are missing", () => {
    const noFrame = renderTrainingReport(adult, { source: "x" });
    assert.match(section(noFrame, "shap"), /held-back rows were not given/);
    const constant = new TrainedPredictor({ ...adult.predictor, members: [{ family: "baseline", weight: 1, model: new ConstantModel(Float64Array.of(0.7, 0.3)), pipeline: null, config: {}, iterations: null }] });
    const html = renderTrainingReport({ ...adult, predictor: constant }, { source: "x", testFrame: adult.testFrame });
    assert.match(section(html, "importance"), /No gradient boosting model/);
    assert.match(section(html, "shap"), /No gradient boosting model/);
    assert.deepEqual(sectionIds(html), SECTIONS);
  });

  test("references nothing outside the document", () => {
    for (const html of [adultHtml, housingHtml, beansHtml]) {
      assert.doesNotMatch(html, /https?:\/\//);
      // The hostile column name holds " src=" as text; no attribute does.
      assert.doesNotMatch(html.replaceAll("&lt;img src=x", ""), /\ssrc\s*=/i);
      assert.doesNotMatch(html, /<(script|link|img|iframe|object)\b/i);
      assert.doesNotMatch(html, /NaN|Infinity|undefined/);
    }
  });
});

describe("renderTrainingReport in Chromium", () => {
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), "orchard-training-report-"));

  before(async () => {
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
  });

  after(async () => {
    await browser?.close();
    // ORCHARD_KEEP_REPORT=1 keeps the pages for a human to look at.
    if (!process.env.ORCHARD_KEEP_REPORT) rmSync(dir, { recursive: true, force: true });
  });

  const runs = [
    ["adult", () => adultHtml, () => adult],
    ["housing", () => housingHtml, () => housing],
    ["beans", () => beansHtml, () => beans],
  ] as const;
  for (const [name, html, result] of runs) {
    test(`${name}: loads without errors, runs nothing, every chart has a size`, async (t) => {
      const path = join(dir, `${name}.html`);
      writeFileSync(path, html());
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems: string[] = [];
      const requests: string[] = [];
      page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
      page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
      page.on("dialog", (d) => {
        problems.push(`dialog: ${d.message()}`);
        void d.dismiss();
      });
      page.on("request", (r) => requests.push(r.url()));
      try {
        await page.goto(pathToFileURL(path).href, { waitUntil: "load" });
        assert.deepEqual(problems, []);
        assert.deepEqual(requests.filter((url) => !url.startsWith("file:")), []);
        assert.equal(await page.$$eval("script, img", (els) => els.length), 0);
        const ids = await page.$$eval("section.part", (els) => els.map((e) => e.id));
        assert.deepEqual(ids, SECTIONS);
        const boxes = await page.$$eval("svg.chart", (svgs) => svgs.map((s) => [s.getAttribute("class"), s.getBoundingClientRect().width, s.getBoundingClientRect().height] as const));
        // Score intervals, search curve, ensemble weights and path, the evaluation charts, importance, two SHAP charts.
        const r = result();
        const expected = 2 + (r.ensemble ? 2 : 0) + (r.task === "classification" ? 4 : 3) + 1 + 2;
        assert.equal(boxes.length, expected, boxes.map(([cls]) => cls).join(", "));
        for (const [cls, w, h] of boxes) assert.ok(w > 100 && h > 50, `${cls} is ${w}×${h}`);
        const pageWidth = await page.$eval("html", (el) => el.scrollWidth);
        assert.ok(pageWidth <= 1280, `no horizontal scroll at 1280px (page is ${pageWidth}px wide)`);
        if (name === "adult") {
          const shown = await page.$eval("#data .feature-list", (el) => el.textContent ?? "");
          assert.ok(shown.includes(HOSTILE), "the hostile name shows as text");
        }
        if (process.env.ORCHARD_KEEP_REPORT) t.diagnostic(`report kept in ${dir}`);
      } finally {
        await page.close();
      }
    });
  }
});
