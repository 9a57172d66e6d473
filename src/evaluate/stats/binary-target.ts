// Binary targets for the tests on two-class problems: which rows are positive.

import { InvalidInput } from "../../core/index.js";

/**
 * 1 for rows whose label is `positiveLabel`, 0 otherwise. Without `positiveLabel`, the labels must
 * be two of {0, 1}, {−1, 1} or {false, true} and the larger one is positive (scikit-learn's rule).
 */
export function positiveMask(yTrue: ArrayLike<unknown>, positiveLabel: unknown, where: string): Uint8Array {
  const distinct = new Set<unknown>();
  for (let i = 0; i < yTrue.length; i++) distinct.add(yTrue[i]);
  if (distinct.size > 2) throw new InvalidInput(`${where} needs a binary target: y holds ${distinct.size} distinct labels`);
  let positive = positiveLabel;
  if (positive === undefined) {
    const labels = [...distinct];
    const numeric = labels.every((v) => v === 0 || v === 1 || v === -1) || labels.every((v) => typeof v === "boolean");
    if (!numeric) {
      throw new InvalidInput(`${where} cannot tell which label is positive among ${labels.map((v) => JSON.stringify(v)).join(", ")}`, { hint: "pass positiveLabel" });
    }
    positive = distinct.has(true) ? true : 1;
  }
  const mask = new Uint8Array(yTrue.length);
  for (let i = 0; i < yTrue.length; i++) mask[i] = yTrue[i] === positive ? 1 : 0;
  return mask;
}
