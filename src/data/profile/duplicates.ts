// Counts rows that repeat an earlier row exactly, by hashing each row to 52 bits: a false match
// between two different rows needs a hash collision, about n²/2^53 — negligible below 10^7 rows.

import type { Column } from "../column.js";

export function countDuplicateRows(columns: readonly Column[], nRows: number): number {
  const h1 = new Uint32Array(nRows).fill(0x811c9dc5);
  const h2 = new Uint32Array(nRows).fill(0x9e3779b9);
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  const textIds = new Map<string, number>();
  for (const column of columns) {
    for (let r = 0; r < nRows; r++) {
      let a: number;
      let b: number;
      switch (column.kind) {
        case "categorical":
          a = column.codes[r];
          b = 0x5bd1e995;
          break;
        case "boolean":
          a = column.values[r];
          b = 0x27d4eb2f;
          break;
        case "text": {
          const v = column.values[r];
          let id = v === null ? -1 : textIds.get(v);
          if (id === undefined) {
            id = textIds.size;
            textIds.set(v as string, id);
          }
          a = id;
          b = 0x165667b1;
          break;
        }
        default: {
          const v = column.values[r];
          bits[0] = Number.isNaN(v) ? NaN : v + 0; // one NaN pattern; -0 and 0 alike
          a = words[0];
          b = words[1];
        }
      }
      h1[r] = Math.imul(h1[r] ^ a, 0x01000193) ^ Math.imul(b, 0x85ebca6b);
      h2[r] = Math.imul((h2[r] << 5) | (h2[r] >>> 27), 0xc2b2ae35) ^ a ^ Math.imul(b, 0x27d4eb2f);
    }
  }
  const seen = new Set<number>();
  let duplicates = 0;
  for (let r = 0; r < nRows; r++) {
    const key = (h1[r] >>> 0) * 0x100000 + ((h2[r] >>> 0) & 0xfffff);
    if (seen.has(key)) duplicates++;
    else seen.add(key);
  }
  return duplicates;
}
