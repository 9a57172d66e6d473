import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import type { Alert, CategoryCount, ColumnProfile, Histogram, PairMatrix, Profile } from "../data/index.js";
import { renderProfileHtml } from "./index.js";

// ---------------------------------------------------------------------------------------------
// Fixture: a 1,000-row customer table, built by hand with counts that add up (histogram counts and
// top values + other + missing = nRows), the way profile() would report it.

const N_ROWS = 1000;
const DAY = 86_400_000;

/** Split `total` into integers proportional to `weights` that sum exactly to `total`. */
function spread(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (w / sum) * total);
  const counts = raw.map(Math.floor);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; k < total - counts.reduce((a, b) => a + b, 0); k++) counts[order[k][1]]++;
  return counts;
}

function histogram(lo: number, hi: number, weights: readonly number[], total: number): Histogram {
  const step = (hi - lo) / weights.length;
  return { edges: weights.map((_, i) => lo + i * step).concat(hi), counts: spread(total, weights) };
}

function categories(values: readonly string[], total: number, weights: readonly number[]): CategoryCount[] {
  return spread(total, weights).map((count, i) => ({ value: values[i], count }));
}

function numericColumn(name: string, kind: "numeric" | "integer", o: { nMissing: number; nDistinct: number; lo: number; hi: number; weights: number[]; mean: number; std: number; skewness: number }): ColumnProfile {
  const h = histogram(o.lo, o.hi, o.weights, N_ROWS - o.nMissing);
  const at = (p: number) => o.lo + (o.hi - o.lo) * p;
  return {
    name, kind, isIdentifier: false, isPossiblyCategorical: false, nMissing: o.nMissing, missingShare: o.nMissing / N_ROWS, nDistinct: o.nDistinct,
    numeric: {
      min: o.lo, max: o.hi, mean: o.mean, std: o.std, skewness: o.skewness, nZeros: o.lo === 0 ? h.counts[0] : 0, nInfinite: 0,
      quantiles: { p1: at(0.02), p5: at(0.06), p25: at(0.22), p50: at(0.4), p75: at(0.58), p95: at(0.85), p99: at(0.95) },
      histogram: h,
    },
  };
}

function matrix(names: readonly string[], upper: readonly (number | null)[]): PairMatrix {
  // `upper` lists the pairs above the diagonal row by row; the matrix is symmetric with 1 on it.
  const n = names.length;
  const values = names.map(() => new Array<number | null>(n).fill(1));
  let k = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) values[i][j] = values[j][i] = upper[k++];
  return { names, values };
}

/** The customer table; `rename` swaps column names everywhere (to test hostile names). */
function customerProfile(rename: Readonly<Record<string, string>> = {}): Profile {
  const nm = (name: string) => rename[name] ?? name;
  const cityNames = [`St. John's <North> & "Bay"`, "Lisbon", "Porto", "Madrid", "Paris", "Lyon", "Berlin", "Hamburg", "Munich", "Vienna", "Zürich", "Geneva", "Milan", "Rome", "Naples", "Athens", "Dublin", "Cork", "Oslo", "Bergen", "Stockholm", "Malmö", "Helsinki", "Tallinn", "Riga", "Vilnius", "Warsaw", "Kraków", "Prague", "Brno"];
  const city = categories(cityNames, N_ROWS - 25, cityNames.map((_, i) => 1 / (i + 1.5)));
  const comments = ["ok", "great service", "too expensive", "late delivery", "app keeps crashing on login", "n/a", "love it", "will renew"];
  const commentTop = categories(comments, 260, [40, 22, 14, 9, 6, 4, 3, 2]);
  const customerId = numericColumn(nm("customer_id"), "integer", { nMissing: 0, nDistinct: 1000, lo: 100001, hi: 101000, weights: new Array(10).fill(1), mean: 100500.5, std: 288.8, skewness: 0 });
  const nOrders = numericColumn(nm("n_orders"), "integer", { nMissing: 0, nDistinct: 10, lo: 0, hi: 10, weights: [30, 24, 17, 11, 7, 5, 3, 1.5, 1, 0.5], mean: 2.1, std: 1.9, skewness: 1.4 });
  const signupStart = Date.UTC(2019, 0, 1);
  const signupWeights = [2, 3, 3, 4, 5, 6, 9, 12, 10, 8, 7, 7, 8, 9, 10, 11, 12, 13, 13, 14, 15, 16];
  const columns: ColumnProfile[] = [
    { ...customerId, isIdentifier: true },
    numericColumn(nm("age"), "integer", { nMissing: 12, nDistinct: 71, lo: 18, hi: 90, weights: [6, 10, 14, 16, 15, 13, 10, 7, 4, 3, 1.5, 0.5], mean: 41.7, std: 13.2, skewness: 0.48 }),
    numericColumn(nm("income"), "numeric", { nMissing: 0, nDistinct: 987, lo: 0, hi: 250000, weights: [8, 30, 52, 61, 55, 44, 33, 24, 17, 12, 9, 7, 5, 4, 3, 2.4, 1.8, 1.3, 1, 0.8], mean: 61234.56, std: 38321.9, skewness: 2.37 }),
    { ...nOrders, isPossiblyCategorical: true },
    { name: nm("city"), kind: "categorical", isIdentifier: false, isPossiblyCategorical: false, nMissing: 25, missingShare: 0.025, nDistinct: 30, categorical: { top: city.slice(0, 20), otherCount: city.slice(20).reduce((s, c) => s + c.count, 0) } },
    { name: nm("is_member"), kind: "boolean", isIdentifier: false, isPossiblyCategorical: false, nMissing: 0, missingShare: 0, nDistinct: 2, categorical: { top: [{ value: "true", count: 612 }, { value: "false", count: 388 }], otherCount: 0 } },
    {
      name: nm("signup_date"), kind: "datetime", isIdentifier: false, isPossiblyCategorical: false, nMissing: 5, missingShare: 0.005, nDistinct: 903,
      datetime: { min: "2019-01-01T00:00:00.000Z", max: "2024-06-30T00:00:00.000Z", histogram: histogram(signupStart, Date.UTC(2024, 5, 30), signupWeights, 995) },
    },
    { name: nm("comment"), kind: "text", isIdentifier: false, isPossiblyCategorical: false, nMissing: 620, missingShare: 0.62, nDistinct: 131, text: { meanLength: 41.3, top: commentTop } },
    { name: nm("churned"), kind: "boolean", isIdentifier: false, isPossiblyCategorical: false, nMissing: 0, missingShare: 0, nDistinct: 2, categorical: { top: [{ value: "false", count: 818 }, { value: "true", count: 182 }], otherCount: 0 } },
  ];
  const alerts: Alert[] = [
    { kind: "read-note", severity: "info", message: "Tokens \"NA\" and \"?\" were read as missing." },
    { kind: "identifier", severity: "warning", column: nm("customer_id"), message: "Every value is distinct: an identifier, not a feature." },
    { kind: "missing", severity: "warning", column: nm("comment"), message: "62% of values are missing." },
    { kind: "skewed", severity: "info", column: nm("income"), message: "Skewness 2.37: consider a log transform." },
    { kind: "leakage", severity: "warning", column: nm("is_member"), message: "Predicts the target with AUC 0.97 on its own: check it is known before the outcome." },
    { kind: "possibly-categorical", severity: "info", column: nm("n_orders"), message: "Only 10 distinct whole numbers: maybe a category." },
    { kind: "imbalance", severity: "warning", column: nm("churned"), message: "Minority class true is 18.2% of rows." },
    { kind: "high-cardinality", severity: "info", column: nm("city"), message: "30 distinct values; 10 are rarer than 1%." },
    { kind: "duplicates", severity: "info", message: "3 rows are exact duplicates of another." },
  ];
  const numeric = [nm("age"), nm("income"), nm("n_orders")];
  const categorical = [nm("city"), nm("is_member"), nm("churned")];
  const association = (column: string, u: number, auc: number) => ({ column: nm(column), mutualInformation: u * 0.473, uncertaintyCoefficient: u, predictivePower: auc, metric: "auc" as const });
  return {
    source: "data/customers.csv",
    nRows: N_ROWS,
    nCols: columns.length,
    target: { name: nm("churned"), task: "classification", classes: [{ value: "false", count: 818 }, { value: "true", count: 182 }] },
    columns,
    correlations: {
      pearson: matrix(numeric, [0.31, -0.12, 0.44]),
      spearman: matrix(numeric, [0.35, -0.1, null]),
      cramersV: matrix(categorical, [0.08, 0.21, 0.83]),
      nRows: N_ROWS,
    },
    targetAssociations: [
      association("age", 0.021, 0.58), association("income", 0.064, 0.66), association("n_orders", 0.11, 0.71), association("city", 0.035, 0.55),
      association("is_member", 0.62, 0.97), association("signup_date", 0.014, 0.52), association("comment", 0.004, 0.49),
    ],
    duplicateRows: 3,
    alerts,
    sampleRows: null,
    missingTokens: { "": 627, NA: 30, "?": 5 },
    elapsedMs: 1834,
  };
}

// ---------------------------------------------------------------------------------------------

/** Text between `<section class="column` openings: one chunk per column section. */
function columnChunks(html: string): string[] {
  return html.split(`<section class="column card"`).slice(1).map((s) => s.slice(0, s.indexOf("</section>")));
}

function count(html: string, pattern: RegExp): number {
  return html.match(new RegExp(pattern.source, "g"))?.length ?? 0;
}

/** The SVG of one heatmap, by its measure. */
function heatmap(html: string, measure: string): string {
  const start = html.indexOf(`data-matrix="${measure}"`);
  return start < 0 ? "" : html.slice(start, html.indexOf("</svg>", start));
}

describe("renderProfileHtml", () => {
  test("escapes hostile column names and category values everywhere", () => {
    const hostile = `<script>alert(1)</script>`;
    const html = renderProfileHtml(customerProfile({ customer_id: hostile, age: `a&b"c` }), { title: `Churn <v2> & "more"` });
    assert.ok(!html.includes("<script"), "no raw <script> tag");
    assert.ok(!html.includes(`a&b"c`), "no raw ampersand and quote from the name");
    assert.ok(html.includes("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert.ok(html.includes("a&amp;b&quot;c"));
    assert.ok(html.includes("St. John&#39;s &lt;North&gt; &amp; &quot;Bay&quot;"));
    assert.ok(html.includes("<title>Churn &lt;v2&gt; &amp; &quot;more&quot; — data/customers.csv</title>"));
  });

  test("draws one chart in each column's section", () => {
    const profile = customerProfile();
    const chunks = columnChunks(renderProfileHtml(profile));
    assert.equal(chunks.length, profile.columns.length);
    chunks.forEach((chunk, i) => assert.equal(count(chunk, /<svg class="chart/), 1, `column ${profile.columns[i].name}`));
    assert.match(chunks[0], /class="chart histogram"/);
    assert.match(chunks[4], /class="chart bar-chart"/);
  });

  test("draws n² cells per heatmap, grey where a pair has no value", () => {
    const html = renderProfileHtml(customerProfile());
    for (const measure of ["pearson", "spearman", "cramersV"]) assert.equal(count(heatmap(html, measure), /<rect class="cell/), 9, measure);
    assert.equal(count(heatmap(html, "spearman"), /<rect class="cell missing"/), 2);
    assert.match(heatmap(html, "spearman"), /no value \(too little data\)/);
    assert.match(heatmap(html, "pearson"), /<title>age × income: 0\.310<\/title>/);
  });

  test("references nothing outside the document", () => {
    const html = renderProfileHtml(customerProfile());
    assert.doesNotMatch(html, /https?:\/\//);
    assert.doesNotMatch(html, /\ssrc\s*=/i);
    assert.doesNotMatch(html, /<(script|link|img|iframe|object)\b/i);
    assert.doesNotMatch(html, /url\(|@import/);
  });

  test("puts the sections in order and the warnings before the notes", () => {
    const html = renderProfileHtml(customerProfile());
    const ids = [...html.matchAll(/<section id="([a-z-]+)" class="part">/g)].map((m) => m[1]);
    assert.deepEqual(ids, ["alerts", "overview", "columns", "correlations", "target", "missing-tokens"]);
    const groups = [...html.matchAll(/class="alert-group (warning|info)"/g)].map((m) => m[1]);
    assert.deepEqual(groups, [...groups].sort((a, b) => (a === b ? 0 : a === "warning" ? -1 : 1)));
    assert.match(html, /<td class="subject"><code>customer_id<\/code><\/td><td>Every value is distinct/);
    assert.equal(count(html, /<tr data-kind=/), 9);
    assert.match(html, /<code>&quot;&quot;<\/code> <span class="muted">empty cell<\/span><\/td><td class="num">627</);
  });

  test("handles the edge cases: no numeric columns, an empty histogram, no alerts, NaN and Infinity", () => {
    const base = customerProfile();
    const empty: ColumnProfile = { ...base.columns[2], numeric: { ...base.columns[2].numeric!, mean: NaN, std: Infinity, skewness: -Infinity, histogram: { edges: [], counts: [] } } };
    const profile: Profile = {
      ...base,
      columns: [empty, ...base.columns.slice(4)],
      correlations: { ...base.correlations, pearson: { names: [], values: [] }, spearman: { names: [], values: [] } },
      alerts: [],
      missingTokens: {},
      target: undefined,
      targetAssociations: [],
      elapsedMs: NaN,
    };
    const html = renderProfileHtml(profile);
    assert.doesNotMatch(html, /NaN|Infinity/);
    assert.match(html, /No numeric columns, so there is no Pearson heatmap/);
    assert.equal(heatmap(html, "pearson"), "");
    assert.match(columnChunks(html)[0], /No values to plot/);
    assert.equal(count(columnChunks(html)[0], /<svg class="chart/), 1);
    assert.match(html, /No alerts/);
    assert.match(html, /No missing-value tokens/);
    assert.doesNotMatch(html, /id="target"/);
    assert.match(columnChunks(html)[0], /<td>Mean<\/td><td class="num">—<\/td>/);
  });

  test("shrinks heatmap cells and thins labels for hundreds of columns", () => {
    const n = 300;
    const names = Array.from({ length: n }, (_, i) => `feature_${i}`);
    const values = names.map((_, i) => names.map((_, j) => (i === j ? 1 : Math.cos(i * j) * 0.5)));
    const base = customerProfile();
    const html = renderProfileHtml({ ...base, correlations: { ...base.correlations, pearson: { names, values } } });
    const svg = heatmap(html, "pearson");
    assert.equal(count(svg, /<rect class="cell/), n * n);
    assert.match(svg, /<rect class="cell" x="2" y="0" width="2" height="2"/);
    assert.ok(count(svg, /class="col-label"/) <= 50);
    assert.match(html, /class="heatmaps wide"/);
  });
});

// ---------------------------------------------------------------------------------------------
// The report in a real Chromium (Debian's, never a downloaded one).

describe("renderProfileHtml in Chromium", () => {
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), "orchard-report-"));

  before(async () => {
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
  });

  after(async () => {
    await browser?.close();
    // ORCHARD_KEEP_REPORT=1 keeps the pages and the screenshot for a human to look at.
    if (!process.env.ORCHARD_KEEP_REPORT) rmSync(dir, { recursive: true, force: true });
  });

  async function open(html: string, file: string) {
    const path = join(dir, file);
    writeFileSync(path, html);
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
    await page.goto(pathToFileURL(path).href, { waitUntil: "load" });
    return { page, problems, requests };
  }

  test("renders without errors, with visible charts and every section", async (t) => {
    const profile = customerProfile();
    const { page, problems, requests } = await open(renderProfileHtml(profile, { title: "Customer churn" }), "report.html");
    try {
      assert.deepEqual(problems, []);
      assert.deepEqual(requests.filter((url) => !url.startsWith("file:")), []);
      const headings = await page.$$eval("h2", (hs) => hs.map((h) => h.textContent));
      assert.deepEqual(headings, ["Alerts (9)", "Columns", "Column details", "Correlations", "Target", "Missing-value tokens"]);
      const boxes = await page.$$eval("svg.chart, svg.spark", (svgs) => svgs.map((s) => s.getBoundingClientRect()).map((r) => [r.width, r.height]));
      // 9 column charts, 3 heatmaps, class balance and associations; one sparkline per column.
      assert.equal(boxes.length, 9 + 3 + 2 + 9);
      for (const [w, h] of boxes) assert.ok(w > 0 && h > 0, `chart box ${w}×${h}`);
      const cellBox = await page.$eval('svg[data-matrix="pearson"] rect.cell', (r) => r.getBoundingClientRect().width);
      assert.ok(cellBox > 10, `heatmap cells are ${cellBox}px wide`);
      const pageWidth = await page.$eval("html", (html) => html.scrollWidth);
      assert.ok(pageWidth <= 1280, `no horizontal scroll at 1280px (page is ${pageWidth}px wide)`);
      const shot = join(dir, "profile-report.png");
      await page.screenshot({ path: shot, fullPage: true });
      assert.ok(statSync(shot).size > 20_000);
      if (process.env.ORCHARD_KEEP_REPORT) t.diagnostic(`report and screenshot kept in ${dir}`);
    } finally {
      await page.close();
    }
  });

  test("shows hostile names as text and runs nothing", async () => {
    const hostile = `<script>alert(1)</script><img src=x onerror=alert(2)>`;
    const { page, problems } = await open(renderProfileHtml(customerProfile({ customer_id: hostile })), "hostile.html");
    try {
      assert.deepEqual(problems, []);
      assert.equal(await page.$eval("#col-0 h3", (h) => h.textContent), hostile);
      assert.equal(await page.$$eval("script, img", (els) => els.length), 0);
    } finally {
      await page.close();
    }
  });
});
