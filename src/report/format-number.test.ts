import { test } from "node:test";
import assert from "node:assert/strict";
import { escapeHtml, escapeLabel } from "./escape-html.js";
import { formatCount, formatDate, formatDuration, formatNumber, formatPercent } from "./format-number.js";

test("formatNumber prints non-finite values as a dash and keeps large values whole", () => {
  assert.equal(formatNumber(NaN), "—");
  assert.equal(formatNumber(Infinity), "—");
  assert.equal(formatNumber(-Infinity), "—");
  assert.equal(formatNumber(0), "0");
  assert.equal(formatNumber(100_020.98), "100,021");
  assert.equal(formatNumber(1234567), "1,234,567");
  assert.equal(formatNumber(41.73), "41.73");
  assert.equal(formatNumber(-0.123456), "-0.1235");
  assert.equal(formatNumber(0.00001234), "1.23e-5");
  assert.equal(formatNumber(3.2e20), "3.20e20");
});

test("formatPercent never rounds a small share to zero or a large one to 100%", () => {
  assert.equal(formatPercent(0), "0%");
  assert.equal(formatPercent(0.0004), "<0.1%");
  assert.equal(formatPercent(0.9999), ">99.9%");
  assert.equal(formatPercent(1), "100%");
  assert.equal(formatPercent(0.123), "12.3%");
  assert.equal(formatPercent(NaN), "—");
});

test("counts, durations and dates", () => {
  assert.equal(formatCount(32561), "32,561");
  assert.equal(formatDuration(850), "850 ms");
  assert.equal(formatDuration(1834), "1.83 s");
  assert.equal(formatDuration(125_000), "2 min 5 s");
  assert.equal(formatDuration(NaN), "—");
  assert.equal(formatDate(Date.UTC(2024, 2, 1, 8, 30)), "2024-03-01");
  assert.equal(formatDate(Date.UTC(2024, 2, 1, 8, 30), true), "2024-03-01 08:30");
  assert.equal(formatDate(1e20), "—");
});

test("escapeHtml covers text and both kinds of attribute quotes; escapeLabel cuts by code point", () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  assert.equal(escapeLabel("abcdef", 4), "abc…");
  assert.equal(escapeLabel("a<b", 10), "a&lt;b");
  assert.equal(escapeLabel("🍎🍐🍊🍋", 3), "🍎🍐…");
});
