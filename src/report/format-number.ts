// How numbers read in the report: grouped integers, about four significant digits, and an em dash
// for anything that is not a finite number, so NaN or Infinity never leak into a table as words.

const MISSING = "—";
const GROUPED = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/**
 * A measured value: integers and values ≥ 1000 grouped and whole, others to `digits` significant
 * digits, tiny or huge ones in e-notation.
 */
export function formatNumber(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return MISSING;
  if (x === 0) return "0";
  const abs = Math.abs(x);
  if (Number.isInteger(x) && abs < 1e15) return GROUPED.format(x);
  if (abs >= 1e9 || abs < 1e-4) return x.toExponential(Math.max(0, digits - 2)).replace("e+", "e");
  // Large values keep every integer digit: 100,021 must not print as 100,000 next to a min of 100,001.
  if (abs >= 1000) return GROUPED.format(Math.round(x));
  // toPrecision then Number drops trailing zeros ("12.50" → 12.5) without going to e-notation here.
  return String(Number(x.toPrecision(digits)));
}

/** A count of rows or values. */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? GROUPED.format(n) : MISSING;
}

/** A share in [0, 1] as a percentage; a small non-zero share never shows as "0%". */
export function formatPercent(share: number): string {
  if (!Number.isFinite(share)) return MISSING;
  if (share === 0) return "0%";
  const pct = share * 100;
  if (Math.abs(pct) < 0.1) return pct > 0 ? "<0.1%" : ">−0.1%";
  if (share < 1 && pct >= 99.95) return ">99.9%";
  return `${pct.toFixed(1).replace(/\.0$/, "")}%`;
}

/** Elapsed time: milliseconds under a second, seconds under a minute, then minutes and seconds. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return MISSING;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms - minutes * 60_000) / 1000)} s`;
}

/**
 * An epoch-millisecond instant as an ISO date; with the time of day when `withTime` (used when a
 * chart spans less than a few days and dates alone would repeat).
 */
export function formatDate(epochMs: number, withTime = false): string {
  if (!Number.isFinite(epochMs)) return MISSING;
  const date = new Date(epochMs);
  if (Number.isNaN(date.getTime())) return MISSING;
  const iso = date.toISOString();
  return withTime ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : iso.slice(0, 10);
}
