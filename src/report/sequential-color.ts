// Colour scales for the training report: a single-hue blue ramp for shares (confusion matrix
// cells), and the blue → purple → red ramp that SHAP summaries use for a feature's value, low to
// high, which stays visible on white at every point (unlike a diverging scale's pale middle).

type Rgb = readonly [number, number, number];

const BLUES: readonly Rgb[] = [
  [247, 251, 255],
  [198, 219, 239],
  [107, 174, 214],
  [33, 113, 181],
  [8, 48, 107],
];

const LOW_HIGH: readonly Rgb[] = [
  [0, 138, 230],
  [122, 64, 200],
  [255, 0, 82],
];

/** Colour for a share t in [0, 1] (clamped); non-finite gets the lightest. */
export function blueScale(t: number): string {
  return interpolate(BLUES, Number.isFinite(t) ? t : 0);
}

/** Colour for a feature value's rank t in [0, 1]: blue (low) to red (high); grey when unordered. */
export function lowHighColor(t: number): string {
  return Number.isFinite(t) ? interpolate(LOW_HIGH, t) : "#a1a1aa";
}

/** Whether text on blueScale(t) should be white. */
export function needsLightTextOnBlue(t: number): boolean {
  return Number.isFinite(t) && t > 0.55;
}

function interpolate(stops: readonly Rgb[], t: number): string {
  const u = Math.max(0, Math.min(1, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(u));
  const f = u - i;
  const channel = (k: number): string => Math.round(stops[i][k] + (stops[i + 1][k] - stops[i][k]) * f).toString(16).padStart(2, "0");
  return `#${channel(0)}${channel(1)}${channel(2)}`;
}
