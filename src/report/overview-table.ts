// The table of all columns: what each one is, how complete it is, and a word-sized chart of its
// shape, each row linking to the column's own section.

import type { ColumnProfile } from "../data/index.js";
import { columnAnchor, columnBadges } from "./column-section.js";
import { escapeHtml } from "./escape-html.js";
import { formatCount, formatDate, formatNumber, formatPercent } from "./format-number.js";
import { sparklineSvg } from "./sparkline-svg.js";

export function overviewTable(columns: readonly ColumnProfile[], nRows: number, targetName?: string): string {
  const rows = columns.map((c, i) => {
    const missingTitle = `${formatCount(c.nMissing)} missing`;
    return (
      `<tr><td class="num muted">${i + 1}</td>` +
      `<td class="name"><a href="#${columnAnchor(i)}">${escapeHtml(c.name)}</a></td>` +
      `<td>${columnBadges(c, c.name === targetName)}</td>` +
      `<td class="num" title="${escapeHtml(missingTitle)}">${formatPercent(c.missingShare)}</td>` +
      `<td class="num">${formatCount(c.nDistinct)}</td>` +
      `<td class="summary">${summary(c, nRows)}</td>` +
      `<td class="spark-cell">${sparkline(c)}</td></tr>`
    );
  });
  return [
    `<div class="table-wrap"><table class="overview"><thead><tr>`,
    `<th class="num">#</th><th>Column</th><th>Kind and flags</th><th class="num">Missing</th><th class="num">Distinct</th><th>Summary</th><th>Distribution</th>`,
    `</tr></thead><tbody>${rows.join("")}</tbody></table></div>`,
  ].join("");
}

/** One line that says the most about the column: centre and spread, top value, or date range. */
function summary(c: ColumnProfile, nRows: number): string {
  if (c.numeric) {
    const n = c.numeric;
    return `<span class="muted">mean</span> ${formatNumber(n.mean)} <span class="muted">· range</span> ${formatNumber(n.min)} – ${formatNumber(n.max)}`;
  }
  if (c.datetime) return `${escapeHtml(formatIsoDate(c.datetime.min))} – ${escapeHtml(formatIsoDate(c.datetime.max))}`;
  const top = (c.categorical?.top ?? c.text?.top)?.[0];
  if (top) {
    const share = nRows > 0 ? formatPercent(top.count / nRows) : "—";
    const value = top.value === "" ? "(empty)" : top.value;
    const shortValue = Array.from(value).length > 24 ? Array.from(value).slice(0, 23).join("") + "…" : value;
    return `<span class="muted">top</span> <span class="mono" title="${escapeHtml(value)}">${escapeHtml(shortValue)}</span> ${share}`;
  }
  return `<span class="muted">—</span>`;
}

function formatIsoDate(iso: string): string {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? formatDate(t) : iso;
}

function sparkline(c: ColumnProfile): string {
  const h = c.numeric?.histogram ?? c.datetime?.histogram;
  if (h) return sparklineSvg(h.counts, { label: `Distribution of ${c.name}` });
  const top = c.categorical?.top ?? c.text?.top ?? [];
  // Only the head of the distribution fits in a word-sized chart.
  return sparklineSvg(top.slice(0, 12).map((t) => t.count), { label: `Most frequent values of ${c.name}` });
}
