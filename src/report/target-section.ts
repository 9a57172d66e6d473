// What the report says about the target: its class balance, and how strongly each column is
// associated with it.

import type { Profile } from "../data/index.js";
import { associationChartSvg } from "./association-chart-svg.js";
import { barChartSvg } from "./bar-chart-svg.js";
import { escapeHtml } from "./escape-html.js";
import { formatCount } from "./format-number.js";

/** Most columns drawn in the association chart; enough to see the ranking, short enough to scroll past. */
const MAX_ASSOCIATION_ROWS = 60;

export function targetSection(profile: Profile): string {
  const target = profile.target;
  if (!target) return "";
  const parts = [`<p>Target <code>${escapeHtml(target.name)}</code>, ${escapeHtml(target.task)}.</p>`];
  if (target.classes && target.classes.length > 0) {
    parts.push(`<h4>Class balance</h4>`);
    const bars = target.classes.map((c) => ({ label: c.value, count: c.count }));
    parts.push(`<div class="card">${barChartSvg(bars, { label: `Class balance of ${target.name}`, total: profile.nRows, width: 720 })}</div>`);
  }
  parts.push(`<h4>Association with the target</h4>`);
  const associations = profile.targetAssociations;
  if (associations.length === 0) {
    parts.push(`<p class="note">No column associations were computed.</p>`);
    return parts.join("");
  }
  parts.push(
    `<p class="muted">Uncertainty coefficient: the share of the target’s entropy a column explains (0 = independent, 1 = determines it). ` +
      `Predictive power: how well the column alone predicts the target on held-out rows. Sorted by predictive power.</p>`,
  );
  parts.push(`<div class="card">${associationChartSvg(associations, { maxRows: MAX_ASSOCIATION_ROWS })}</div>`);
  if (associations.length > MAX_ASSOCIATION_ROWS) {
    parts.push(`<p class="note">Showing the ${MAX_ASSOCIATION_ROWS} strongest of ${formatCount(associations.length)} columns.</p>`);
  }
  return parts.join("");
}
