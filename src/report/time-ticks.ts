// Axis ticks for dates at calendar boundaries (years, months, days, hours), because round numbers of
// milliseconds land on dates nobody would pick, like 2021-03-17.

import type { Tick } from "./chart-axis.js";
import { formatDate } from "./format-number.js";
import { niceTicks } from "./nice-ticks.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** About `count` ticks (at most 2×) between the epoch-millisecond instants lo and hi. */
export function timeTicks(lo: number, hi: number, count = 6): Tick[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi < lo) return [];
  const spanDays = (hi - lo) / DAY;
  if (spanDays < 3) {
    const spanHours = spanDays * 24;
    // Under a few hours there is no calendar unit worth aligning to; round milliseconds will do.
    if (spanHours < 3) return niceTicks(lo, hi, count).map((value) => ({ value, label: formatDate(value, true) }));
    const step = ([1, 2, 3, 6, 12, 24].find((s) => spanHours / s <= count) ?? 24) * HOUR;
    const ticks: Tick[] = [];
    let previousDay = "";
    for (let t = Math.ceil(lo / step) * step; t <= hi; t += step) {
      // Full timestamps collide; print the day only where it changes: "03-01 12:00", "18:00", "03-02 00:00".
      const [day, time] = formatDate(t, true).split(" ");
      ticks.push({ value: t, label: day === previousDay ? time : `${day.slice(5)} ${time}` });
      previousDay = day;
    }
    return ticks;
  }
  if (spanDays > 3 * 365) {
    const years = niceTicks(new Date(lo).getUTCFullYear(), new Date(hi).getUTCFullYear() + 1, count);
    return calendar(years.map((y) => Date.UTC(y, 0, 1)), lo, hi, (d) => d.slice(0, 4));
  }
  if (spanDays > 90) {
    const nMonths = spanDays / 30.44;
    const step = [1, 2, 3, 6, 12].find((s) => nMonths / s <= count) ?? 12;
    const start = new Date(lo);
    const instants: number[] = [];
    for (let m = start.getUTCMonth(), y = start.getUTCFullYear(); ; m += step) {
      const t = Date.UTC(y, m, 1);
      if (t > hi) break;
      instants.push(t);
    }
    return calendar(instants, lo, hi, (d) => d.slice(0, 7));
  }
  const step = [1, 2, 7, 14, 28].find((s) => spanDays / s <= count) ?? 28;
  const first = Math.ceil(lo / DAY) * DAY;
  const instants: number[] = [];
  for (let t = first; t <= hi; t += step * DAY) instants.push(t);
  return calendar(instants, lo, hi, (d) => d);
}

function calendar(instants: readonly number[], lo: number, hi: number, label: (date: string) => string): Tick[] {
  return instants.filter((t) => t >= lo && t <= hi).map((value) => ({ value, label: label(formatDate(value)) }));
}
