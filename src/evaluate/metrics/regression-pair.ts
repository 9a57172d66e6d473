// True and predicted values of a regression metric: equal lengths, at least one row, every value
// finite, with the sample weights checked alongside.

import { InvalidInput } from "../../core/index.js";
import { checkedSampleWeight } from "./sample-weight.js";
import { checkLengths } from "./score-inputs.js";

export interface RegressionPair {
  readonly yTrue: Float64Array;
  readonly yPred: Float64Array;
  readonly weight: Float64Array | null;
}

export function regressionPair(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, sampleWeight: ArrayLike<number> | undefined, metric: string): RegressionPair {
  const n = checkLengths(yTrue, yPred, "yPred", metric);
  return {
    yTrue: finiteValues(yTrue, "yTrue", metric),
    yPred: finiteValues(yPred, "yPred", metric),
    weight: checkedSampleWeight(sampleWeight, n, metric),
  };
}

function finiteValues(values: ArrayLike<number>, name: string, metric: string): Float64Array {
  const out = values instanceof Float64Array ? values : Float64Array.from(values);
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i])) {
      throw new InvalidInput(`${name} holds ${typeof values[i] === "number" ? values[i] : JSON.stringify(values[i])} at row ${i} (${metric}): values must be finite numbers`, {
        where: `${name} row ${i}`,
        hint: "drop rows with a missing target or prediction before scoring",
      });
    }
  }
  return out;
}
