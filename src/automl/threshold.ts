// The decision threshold of a binary classifier: the probability of the second class above which
// it is predicted, chosen to maximise accuracy on out-of-fold predictions (rows no fold validated
// are skipped). Ties keep the threshold closest to 0.5.

export function tuneThreshold(y: Float64Array, proba: Float64Array, mask: Uint8Array): number {
  const rows: number[] = [];
  for (let i = 0; i < y.length; i++) if (mask[i]) rows.push(i);
  if (rows.length === 0) return 0.5;
  rows.sort((a, b) => proba[2 * a + 1] - proba[2 * b + 1]);
  // Threshold below every score: everything predicted positive.
  let correct = rows.reduce((sum, i) => sum + (y[i] === 1 ? 1 : 0), 0);
  let best = correct;
  let bestThreshold = 0.5;
  let bestDistance = Infinity;
  const consider = (threshold: number): void => {
    const distance = Math.abs(threshold - 0.5);
    if (correct > best || (correct === best && distance < bestDistance)) {
      best = correct;
      bestThreshold = threshold;
      bestDistance = distance;
    }
  };
  consider(0);
  for (let j = 0; j < rows.length; j++) {
    const i = rows[j];
    // Raising the threshold to this row's score turns it negative.
    correct += y[i] === 1 ? -1 : 1;
    const here = proba[2 * i + 1];
    const next = j + 1 < rows.length ? proba[2 * rows[j + 1] + 1] : 1;
    if (next > here) consider((here + next) / 2);
  }
  return bestThreshold;
}
