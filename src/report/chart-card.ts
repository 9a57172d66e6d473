// A chart with its title and one or two sentences on how to read it, in a card.

import { escapeHtml } from "./escape-html.js";

/** `about` is HTML (already escaped by the caller); `svg` is a chart. */
export function chartCard(title: string, about: string, svg: string, id: string): string {
  return `<div class="chart-card card" data-chart="${escapeHtml(id)}"><h3>${escapeHtml(title)}</h3><p class="muted">${about}</p>${svg}</div>`;
}
