// Sorting a node's rows by their rank on one feature, for the nodes that span too many distinct
// values to count them into bins. Ranks are small integers, so large nodes take a least
// significant digit radix sort (two or three linear passes); small ones a quicksort of
// rank × 256 + position packed in one 32-bit integer (every key distinct: plain `<` compares).

/** Scratch buffers, sized once per tree for its largest node. */
export interface SortScratch {
  readonly keys: Int32Array;
  readonly rows: Int32Array;
  readonly packed: Int32Array;
  readonly counts: Int32Array;
}

/** Below this many rows a node is sorted by quicksort, at and above by radix sort. */
const RADIX_FROM = 256;
/** Ranks below this pack with a position under RADIX_FROM into a positive 32-bit integer. */
const PACKABLE = 2 ** 23;
/** Most bits a radix pass sorts on (2048 counters, which stay in the L1 cache). */
const MAX_DIGIT_BITS = 11;

export function sortScratch(capacity: number): SortScratch {
  return { keys: new Int32Array(capacity), rows: new Int32Array(capacity), packed: new Int32Array(capacity), counts: new Int32Array((1 << MAX_DIGIT_BITS) + 1) };
}

/**
 * Sorts the n ranks keys[0, n) (all in [lo, lo + range)) increasingly, moving positions[0, n)
 * along with them; the keys come out less lo.
 */
export function sortByKey(keys: Int32Array, positions: Int32Array, n: number, lo: number, range: number, scratch: SortScratch): void {
  if (n < RADIX_FROM && range <= PACKABLE) packedSort(keys, positions, n, lo, scratch);
  else {
    for (let i = 0; i < n; i++) keys[i] -= lo;
    radixSort(keys, positions, n, range, scratch);
  }
}

function packedSort(keys: Int32Array, positions: Int32Array, n: number, lo: number, scratch: SortScratch): void {
  const { packed, rows: saved } = scratch;
  for (let i = 0; i < n; i++) {
    packed[i] = ((keys[i] - lo) << 8) | i;
    saved[i] = positions[i];
  }
  quicksort(packed, 0, n);
  for (let i = 0; i < n; i++) {
    const key = packed[i];
    keys[i] = key >> 8;
    positions[i] = saved[key & 255];
  }
}

/** Sorts a[lo, hi) of distinct numbers: median-of-three quicksort, insertion sort below 16. */
function quicksort(a: Int32Array, lo: number, hi: number): void {
  while (hi - lo > 16) {
    const x = a[lo];
    const y = a[(lo + hi) >> 1];
    const z = a[hi - 1];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi - 1;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i++] = a[j];
        a[j--] = t;
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
    const v = a[i];
    let j = i - 1;
    while (j >= lo && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

function radixSort(keys: Int32Array, rows: Int32Array, n: number, range: number, scratch: SortScratch): void {
  const bits = 32 - Math.clz32(Math.max(1, range - 1));
  const passes = Math.ceil(bits / MAX_DIGIT_BITS);
  const digitBits = Math.ceil(bits / passes);
  const mask = (1 << digitBits) - 1;
  const { counts } = scratch;
  let fromKeys = keys;
  let fromRows = rows;
  let toKeys = scratch.keys;
  let toRows = scratch.rows;
  for (let pass = 0, shift = 0; pass < passes; pass++, shift += digitBits) {
    counts.fill(0, 0, mask + 2);
    for (let i = 0; i < n; i++) counts[((fromKeys[i] >> shift) & mask) + 1]++;
    for (let d = 1; d <= mask; d++) counts[d] += counts[d - 1];
    for (let i = 0; i < n; i++) {
      const key = fromKeys[i];
      const at = counts[(key >> shift) & mask]++;
      toKeys[at] = key;
      toRows[at] = fromRows[i];
    }
    [fromKeys, toKeys] = [toKeys, fromKeys];
    [fromRows, toRows] = [toRows, fromRows];
  }
  if (fromKeys !== keys) {
    keys.set(fromKeys.subarray(0, n));
    rows.set(fromRows.subarray(0, n));
  }
}
