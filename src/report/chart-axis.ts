// Scales and axes shared by the SVG charts: one place decides how ticks, grid lines and axis
// titles look, so every chart in the report reads the same way.

import { escapeHtml } from "./escape-html.js";

/** A tick on an axis: where it is in data units and what it says. */
export interface Tick {
  readonly value: number;
  readonly label: string;
}

/** Coordinates rounded to 0.1 px: exact enough on screen, and it keeps large charts small. */
export function px(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Map [d0, d1] linearly onto [r0, r1]; a degenerate domain maps to the middle of the range. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (x: number) => number {
  if (!(d1 !== d0) || !Number.isFinite(d0) || !Number.isFinite(d1)) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / (d1 - d0);
  return (x) => r0 + (x - d0) * k;
}

export interface XAxisOptions {
  readonly scale: (x: number) => number;
  readonly ticks: readonly Tick[];
  /** Baseline of the axis. */
  readonly y: number;
  /** Top of the plot: vertical grid lines run from here to the baseline; omit for no grid. */
  readonly gridTop?: number;
  readonly title?: string;
  /** Horizontal centre of the axis title. */
  readonly titleX?: number;
}

export function xAxis(o: XAxisOptions): string {
  const parts: string[] = [];
  for (const tick of o.ticks) {
    const x = px(o.scale(tick.value));
    if (o.gridTop !== undefined) parts.push(`<line class="grid" x1="${x}" x2="${x}" y1="${o.gridTop}" y2="${o.y}"/>`);
    parts.push(`<line class="tick" x1="${x}" x2="${x}" y1="${o.y}" y2="${o.y + 4}"/>`);
    parts.push(`<text class="tick-label" x="${x}" y="${o.y + 16}" text-anchor="middle">${escapeHtml(tick.label)}</text>`);
  }
  if (o.title) {
    parts.push(`<text class="axis-title" x="${px(o.titleX ?? 0)}" y="${o.y + 34}" text-anchor="middle">${escapeHtml(o.title)}</text>`);
  }
  return `<g class="axis x-axis">${parts.join("")}</g>`;
}

export interface YAxisOptions {
  readonly scale: (y: number) => number;
  readonly ticks: readonly Tick[];
  /** Left edge of the plot, where labels end. */
  readonly x: number;
  /** Right edge of the plot: horizontal grid lines run from x to here. */
  readonly right: number;
  readonly title?: string;
  /** Vertical centre of the axis title. */
  readonly titleY?: number;
}

export function yAxis(o: YAxisOptions): string {
  const parts: string[] = [];
  for (const tick of o.ticks) {
    const y = px(o.scale(tick.value));
    parts.push(`<line class="grid" x1="${o.x}" x2="${o.right}" y1="${y}" y2="${y}"/>`);
    parts.push(`<text class="tick-label" x="${o.x - 6}" y="${y + 4}" text-anchor="end">${escapeHtml(tick.label)}</text>`);
  }
  if (o.title) {
    const cy = px(o.titleY ?? 0);
    parts.push(
      `<text class="axis-title" x="12" y="${cy}" text-anchor="middle" transform="rotate(-90 12 ${cy})">${escapeHtml(o.title)}</text>`,
    );
  }
  return `<g class="axis y-axis">${parts.join("")}</g>`;
}
