// Sorting a node's ranks with their positions (tryBest, when a feature spans more distinct values
// than the node has rows): a quicksort of packed pairs for small nodes, an LSD radix sort for others.

import { geti, seti, nodeKeys, nodePositions, sortKeys, sortRows, sortPacked, sortCounts } from "./memory";

// Small nodes take a quicksort of packed (rank, position) pairs, larger ones an LSD radix sort.
const RADIX_FROM: i32 = 256;
const PACKABLE: i32 = 1 << 23;
const MAX_DIGIT_BITS: i32 = 11;

/** Sorts the n ranks in nodeKeys (in [lo, lo + range)) with their nodePositions; the keys come out less lo. */
export function sortByKey(n: i32, lo: i32, range: i32): void {
  if (n < RADIX_FROM && range <= PACKABLE) {
    for (let i = 0; i < n; i++) {
      seti(sortPacked, i, ((geti(nodeKeys, i) - lo) << 8) | i);
      seti(sortRows, i, geti(nodePositions, i));
    }
    quicksort(sortPacked, 0, n);
    for (let i = 0; i < n; i++) {
      const key = geti(sortPacked, i);
      seti(nodeKeys, i, key >> 8);
      seti(nodePositions, i, geti(sortRows, key & 255));
    }
  } else {
    for (let i = 0; i < n; i++) seti(nodeKeys, i, geti(nodeKeys, i) - lo);
    radixSort(n, range);
  }
}

/** Sorts a[lo, hi) of distinct numbers: median-of-three quicksort, insertion sort below 16. */
function quicksort(a: usize, lo: i32, hi: i32): void {
  while (hi - lo > 16) {
    const x = geti(a, lo);
    const y = geti(a, (lo + hi) >> 1);
    const z = geti(a, hi - 1);
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi - 1;
    while (i <= j) {
      while (geti(a, i) < pivot) i++;
      while (geti(a, j) > pivot) j--;
      if (i <= j) {
        const t = geti(a, i);
        seti(a, i++, geti(a, j));
        seti(a, j--, t);
      }
    }
    // Recurse into the smaller part, loop on the larger: the stack stays logarithmic.
    if (j + 1 - lo < hi - i) {
      quicksort(a, lo, j + 1);
      lo = i;
    } else {
      quicksort(a, i, hi);
      hi = j + 1;
    }
  }
  for (let i = lo + 1; i < hi; i++) {
    const v = geti(a, i);
    let j = i - 1;
    while (j >= lo && geti(a, j) > v) {
      seti(a, j + 1, geti(a, j));
      j--;
    }
    seti(a, j + 1, v);
  }
}

function radixSort(n: i32, range: i32): void {
  const bits = 32 - <i32>clz<u32>(<u32>max(1, range - 1));
  const passes = (bits + MAX_DIGIT_BITS - 1) / MAX_DIGIT_BITS;
  const digitBits = (bits + passes - 1) / passes;
  const mask = (1 << digitBits) - 1;
  let fromKeys = nodeKeys;
  let fromRows = nodePositions;
  let toKeys = sortKeys;
  let toRows = sortRows;
  for (let pass = 0, shift = 0; pass < passes; pass++, shift += digitBits) {
    memory.fill(sortCounts, 0, <usize>(mask + 2) << 2);
    for (let i = 0; i < n; i++) {
      const d = ((geti(fromKeys, i) >> shift) & mask) + 1;
      seti(sortCounts, d, geti(sortCounts, d) + 1);
    }
    for (let d = 1; d <= mask; d++) seti(sortCounts, d, geti(sortCounts, d) + geti(sortCounts, d - 1));
    for (let i = 0; i < n; i++) {
      const key = geti(fromKeys, i);
      const d = (key >> shift) & mask;
      const at = geti(sortCounts, d);
      seti(sortCounts, d, at + 1);
      seti(toKeys, at, key);
      seti(toRows, at, geti(fromRows, i));
    }
    const k = fromKeys;
    fromKeys = toKeys;
    toKeys = k;
    const r = fromRows;
    fromRows = toRows;
    toRows = r;
  }
  if (fromKeys != nodeKeys) {
    memory.copy(nodeKeys, fromKeys, <usize>n << 2);
    memory.copy(nodePositions, fromRows, <usize>n << 2);
  }
}
