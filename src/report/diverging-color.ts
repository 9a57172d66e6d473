// Colour scales for correlation heatmaps. Interpolates ColorBrewer's RdBu (colour-blind safe):
// blue for negative, near-white for zero, red for positive, so the sign reads before the size.

const RD_BU: readonly (readonly [number, number, number])[] = [
  [5, 48, 97],
  [33, 102, 172],
  [67, 147, 195],
  [146, 197, 222],
  [209, 229, 240],
  [247, 247, 247],
  [253, 219, 199],
  [244, 165, 130],
  [214, 96, 77],
  [178, 24, 43],
  [103, 0, 31],
];

/** Grey for a pair without a value, distinct from every colour on the scale. */
export const NO_VALUE_COLOR = "#d4d4d8";

/** Colour for `value` in [-1, 1]; values outside are clamped, non-finite ones get NO_VALUE_COLOR. */
export function divergingColor(value: number): string {
  if (!Number.isFinite(value)) return NO_VALUE_COLOR;
  const t = ((Math.max(-1, Math.min(1, value)) + 1) / 2) * (RD_BU.length - 1);
  const i = Math.min(RD_BU.length - 2, Math.floor(t));
  const f = t - i;
  const [a, b] = [RD_BU[i], RD_BU[i + 1]];
  const channel = (k: number) => Math.round(a[k] + (b[k] - a[k]) * f).toString(16).padStart(2, "0");
  return `#${channel(0)}${channel(1)}${channel(2)}`;
}

/** Whether text drawn on `divergingColor(value)` should be white to stay readable. */
export function needsLightText(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value) > 0.6;
}
