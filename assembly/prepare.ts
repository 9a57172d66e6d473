// A leaf's split done ahead, on whichever thread is free, while the tree grower is still busy with
// the leaves before it (src/models/gbdt/grower.ts): its rows partitioned, its smaller child's
// histogram built, the larger child's by subtraction, and both children's plain numeric features
// scanned. The leaf may never be split after all (the leaf limit comes first), so the rows' order
// before the partition is kept in the scratch region, to be put back.
// All arrays live in linear memory laid out by src/models/gbdt/arena.ts; nothing here allocates.

import { histogram, subtract, subtractCounts } from "./histogram";
import { scanNumeric } from "./scan";

// A job's state word: posted by the grower, claimed by one thread (a CAS), done.
const POSTED: i32 = 1;
const CLAIMED: i32 = 2;
const DONE: i32 = 3;

/** Polls of the posted count before the helper sleeps on it. */
const SPIN: i32 = 20000;

/**
 * The helper threads' loop while a tree grows: claims the jobs the grower posts, earliest first, and
 * does them, until `control` + 4 is set. `control` holds the posted count; `states` a state word per
 * slot (nSlots of them); `records` a 96-byte record per slot (see prepareJob), whose i32 at byte 44
 * is the job's posting number. The grower may take a posted job back to do it itself: the claim
 * (a compare-and-swap of the state word) decides who does it.
 */
export function prepareLoop(
  control: usize,
  states: usize,
  records: usize,
  nSlots: i32,
  binned: usize,
  n: i32,
  offsets: usize,
  rows: usize,
  scratch: usize,
  gh: usize,
  nFeatures: i32,
  totalBins: i32,
  buffer: usize,
  nValueBins: usize,
  flags: usize,
): void {
  for (;;) {
    const posted = atomic.load<i32>(control);
    let slot: i32 = -1;
    let first: i32 = i32.MAX_VALUE;
    for (let s: i32 = 0; s < nSlots; s++) {
      if (atomic.load<i32>(states + (<usize>s << 2)) != POSTED) continue;
      const number = load<i32>(records + <usize>s * 96, 44);
      if (number < first) {
        first = number;
        slot = s;
      }
    }
    if (slot >= 0) {
      const state = states + (<usize>slot << 2);
      if (atomic.cmpxchg<i32>(state, POSTED, CLAIMED) != POSTED) continue;
      prepareJob(records + <usize>slot * 96, binned, n, offsets, rows, scratch, gh, nFeatures, totalBins, buffer, nValueBins, flags);
      atomic.store<i32>(state, DONE);
      atomic.notify(state);
      continue;
    }
    if (atomic.load<i32>(control, 4) != 0) return;
    for (let spin = 0; spin < SPIN && atomic.load<i32>(control) == posted && atomic.load<i32>(control, 4) == 0; spin++);
    // Sleep until the grower posts or stops (it notifies the posted count either way).
    if (atomic.load<i32>(control) == posted && atomic.load<i32>(control, 4) == 0) atomic.wait<i32>(control, posted, 10_000_000);
  }
}

/**
 * One leaf split ahead, from its 96-byte record (i32: column, goesLeft, start, end, small,
 * smallCounts, parent, parentCounts, outLeft, outRight, nLeft; then f64 from byte 48: l2,
 * minHess, GL, HL, GR, HR), as prepareSplit does it.
 */
export function prepareJob(
  at: usize,
  binned: usize,
  n: i32,
  offsets: usize,
  rows: usize,
  scratch: usize,
  gh: usize,
  nFeatures: i32,
  totalBins: i32,
  buffer: usize,
  nValueBins: usize,
  flags: usize,
): void {
  prepareSplit(
    binned, n, offsets, rows, scratch, <usize>load<i32>(at), <usize>load<i32>(at, 4), load<i32>(at, 8), load<i32>(at, 12), gh,
    <usize>load<i32>(at, 16), <usize>load<i32>(at, 20), <usize>load<i32>(at, 24), <usize>load<i32>(at, 28), nFeatures, totalBins, buffer,
    nValueBins, flags, load<f64>(at, 48), load<f64>(at, 56), load<f64>(at, 64), load<f64>(at, 72), load<f64>(at, 80), load<f64>(at, 88),
    <usize>load<i32>(at, 32), <usize>load<i32>(at, 36), at + 40,
  );
}

/**
 * Splits rows[start..end) by the feature whose bins are `column` (one byte a bin of goesLeft: 1
 * when it goes left), stably, after copying the range to scratch[start..end); stores how many went
 * left at `result`. When `small` is not 0, the
 * smaller child's histogram (and counts, when `smallCounts` is not 0) is built there and taken off
 * the parent's, which becomes the larger child's; when `outLeft` is not 0, the children, whose
 * totals are (GL, HL) and (GR, HR), are then scanned as scanNumeric does, into outLeft and outRight.
 * Every sum is made by this one caller in row order: the same as the grower's own split.
 */
function prepareSplit(
  binned: usize,
  n: i32,
  offsets: usize,
  rows: usize,
  scratch: usize,
  column: usize,
  goesLeft: usize,
  start: i32,
  end: i32,
  gh: usize,
  small: usize,
  smallCounts: usize,
  parent: usize,
  parentCounts: usize,
  nFeatures: i32,
  totalBins: i32,
  buffer: usize,
  nValueBins: usize,
  flags: usize,
  l2: f64,
  minHess: f64,
  GL: f64,
  HL: f64,
  GR: f64,
  HR: f64,
  outLeft: usize,
  outRight: usize,
  result: usize,
): void {
  const from = scratch + (<usize>start << 2);
  memory.copy(from, rows + (<usize>start << 2), <usize>(end - start) << 2);
  // From the copy, left rows go forward from the range's start and right rows backward from its
  // end, branch-free as in partitionChunk; then the right rows are turned back into row order.
  let nLeft: i32 = 0;
  let last = rows + (<usize>(end - 1) << 2);
  for (let k: usize = 0, m = <usize>(end - start); k < m; k++) {
    const i = load<i32>(from + (k << 2));
    const left = <i32>load<u8>(goesLeft + <usize>load<u8>(column + <usize>i));
    store<i32>(rows + (<usize>(start + nLeft) << 2), i);
    store<i32>(last, i);
    nLeft += left;
    last -= <usize>((1 - left) << 2);
  }
  for (let a = rows + (<usize>(start + nLeft) << 2), b = rows + (<usize>(end - 1) << 2); a < b; a += 4, b -= 4) {
    const t = load<i32>(a);
    store<i32>(a, load<i32>(b));
    store<i32>(b, t);
  }
  store<i32>(result, nLeft);
  if (small == 0) return;
  const mid = start + nLeft;
  const leftIsSmaller = nLeft <= end - mid;
  histogram(binned, n, offsets, rows, leftIsSmaller ? start : mid, leftIsSmaller ? mid : end, gh, small, smallCounts, 0, nFeatures, 0, totalBins, buffer);
  subtract(parent, small, 2 * totalBins);
  if (smallCounts != 0) subtractCounts(parentCounts, smallCounts, totalBins);
  if (outLeft == 0) return;
  // The histogram buffer is this thread's own and free again: the scans keep their bitmaps there.
  scanNumeric(leftIsSmaller ? small : parent, offsets, nValueBins, flags, nFeatures, GL, HL, l2, minHess, outLeft, buffer);
  scanNumeric(leftIsSmaller ? parent : small, offsets, nValueBins, flags, nFeatures, GR, HR, l2, minHess, outRight, buffer);
}
