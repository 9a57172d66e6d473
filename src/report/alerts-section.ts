// The alerts, warnings before notes, grouped by kind, each naming the column it is about.

import type { Alert, AlertKind } from "../data/index.js";
import { escapeHtml } from "./escape-html.js";

const KIND_TITLES: Readonly<Record<AlertKind, string>> = {
  constant: "Constant",
  identifier: "Identifier",
  "high-cardinality": "High cardinality",
  missing: "Missing values",
  duplicates: "Duplicate rows",
  skewed: "Skewed",
  leakage: "Possible leakage",
  imbalance: "Imbalance",
  "possibly-categorical": "Possibly categorical",
  "read-note": "Reading",
};

/** A short human name for an alert kind (also used for the badges on column sections). */
export function alertKindTitle(kind: AlertKind): string {
  return KIND_TITLES[kind] ?? kind;
}

export function alertsSection(alerts: readonly Alert[]): string {
  if (alerts.length === 0) return `<p class="note">No alerts: nothing in this table looked suspicious.</p>`;
  const groups: string[] = [];
  for (const severity of ["warning", "info"] as const) {
    const ofSeverity = alerts.filter((a) => a.severity === severity);
    if (ofSeverity.length === 0) continue;
    // Kinds in order of first appearance, which is the order the profiler raised them.
    const kinds = [...new Set(ofSeverity.map((a) => a.kind))];
    const rows = kinds.flatMap((kind) => {
      const ofKind = ofSeverity.filter((a) => a.kind === kind);
      return ofKind.map((alert, i) => {
        const kindCell = i === 0 ? `<th scope="rowgroup" rowspan="${ofKind.length}">${escapeHtml(alertKindTitle(kind))}</th>` : "";
        return `<tr data-kind="${escapeHtml(kind)}">${kindCell}<td class="subject">${subject(alert)}</td><td>${escapeHtml(alert.message)}</td></tr>`;
      });
    });
    const title = severity === "warning" ? "Warnings" : "Notes";
    groups.push(
      `<div class="alert-group ${severity}"><h3>${title} (${ofSeverity.length})</h3><table class="alert-table"><tbody>${rows.join("")}</tbody></table></div>`,
    );
  }
  return `<div class="alerts">${groups.join("")}</div>`;
}

function subject(alert: Alert): string {
  return alert.column !== undefined ? `<code>${escapeHtml(alert.column)}</code>` : `<span class="muted">whole table</span>`;
}
