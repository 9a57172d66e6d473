// Sample weights, checked once per metric call: one finite, non-negative weight per row, and not
// all zero (a weighted mean over zero total weight is undefined, where numpy would divide by 0).

import { InvalidInput } from "../../core/index.js";

export function checkedSampleWeight(weight: ArrayLike<number> | undefined, n: number, metric: string): Float64Array | null {
  if (weight === undefined || weight === null) return null;
  if (typeof weight.length !== "number") throw new InvalidInput(`sampleWeight must be an array of numbers (${metric})`);
  if (weight.length !== n) throw new InvalidInput(`sampleWeight has ${weight.length} values but yTrue has ${n} (${metric}): give one weight per row`);
  const out = weight instanceof Float64Array ? weight : Float64Array.from(weight);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = out[i];
    if (!(w >= 0) || w === Infinity) {
      throw new InvalidInput(`sampleWeight must be finite and ≥ 0: row ${i} is ${w} (${metric})`, { where: `sampleWeight row ${i}` });
    }
    total += w;
  }
  if (!(total > 0)) throw new InvalidInput(`sampleWeight sums to 0 (${metric}): at least one row needs a positive weight`);
  return out;
}
