// Scores the boosting loop keeps up to date outside a tree's own rows: rows left out by
// subsampling (walked on their bins) and the validation rows (walked on their raw values), both in
// WebAssembly. Each new tree is copied into the arena in the flat layout the prediction kernel
// reads, plus a table of which bins go left at each node; a walk in JavaScript cost a sixth of a
// small fit. The sums are the ones a JavaScript walk makes: one addition of the leaf's value per
// row and tree.

import type { Arena } from "./arena.js";
import type { GrownTree } from "./grower.js";

export interface TreeScoresLayout {
  readonly arena: Arena;
  /** Row-major training bins. */
  readonly binned: number;
  readonly nFeatures: number;
  readonly nRows: number;
  readonly nOutputs: number;
  /** Row-major raw validation values (nValid × nFeatures), or null without a validation set. */
  readonly validRows: Float64Array | null;
}

/** Arena offsets of one tree's flat arrays; regions grow (and move) when a bigger tree comes. */
interface TreeRegions {
  nodes: number;
  bits: number;
  table: number;
  feature: number;
  threshold: number;
  children: number;
  missingRight: number;
  catOffset: number;
  catWords: number;
  catBits: number;
  value: number;
  binOffset: number;
  goesLeft: number;
}

export class TreeScores {
  readonly #layout: TreeScoresLayout;
  readonly #nValid: number;
  readonly #validRowsAt: number;
  readonly #validRawAt: number;
  /** Rows outside the current sample. */
  readonly #outAt: number;
  #nOut = 0;
  /** One i32 root (0) and BLOCK i32 of walk scratch for the prediction kernel. */
  readonly #scratchAt: number;
  #tree: TreeRegions;

  constructor(layout: TreeScoresLayout, baseScore: Float64Array) {
    this.#layout = layout;
    const { arena, nFeatures: p, nOutputs: K, validRows } = layout;
    this.#nValid = validRows ? validRows.length / p : 0;
    this.#validRowsAt = arena.alloc(8 * (validRows ? validRows.length : 0));
    this.#validRawAt = arena.alloc(8 * this.#nValid * K);
    this.#outAt = arena.alloc(4 * (layout.nRows + 1));
    this.#scratchAt = arena.alloc(4 * 64);
    if (validRows) arena.f64(this.#validRowsAt, validRows.length).set(validRows);
    const raw = this.validRaw();
    for (let k = 0; k < K; k++) raw.fill(baseScore[k], k * this.#nValid, (k + 1) * this.#nValid);
    arena.i32(this.#scratchAt, 1)[0] = 0;
    this.#tree = this.#regions(127, 64, 4096);
  }

  /** Raw validation scores, output after output (a fresh view: memory may have grown). */
  validRaw(): Float64Array {
    return this.#layout.arena.f64(this.#validRawAt, this.#nValid * this.#layout.nOutputs);
  }

  /** Marks the rows outside `sample` (increasing row indices) as the ones to update. */
  setSample(sample: Int32Array): void {
    const n = this.#layout.nRows;
    // The last write of complement() may land one past the end: the view has room for it.
    this.#nOut = complement(sample, n, this.#layout.arena.i32(this.#outAt, n - sample.length + 1));
  }

  /** Adds a tree's leaf values to the rows outside the sample (raw at `rawAt`) and to output k of the validation scores. */
  add(grown: GrownTree, rawAt: number, k: number, outOfSample: boolean): void {
    if (!outOfSample && this.#nValid === 0) return;
    this.#load(grown);
    const { arena, binned, nFeatures } = this.#layout;
    const t = this.#tree;
    if (outOfSample) {
      arena.kernels.addBinnedLeaves(binned, nFeatures, this.#outAt, 0, this.#nOut, t.feature, t.binOffset, t.goesLeft, t.children, t.value, rawAt);
    }
    if (this.#nValid > 0) {
      const n = this.#nValid;
      arena.kernels.predictRows(
        this.#scratchAt, 1, 1, t.feature, t.threshold, t.children, t.missingRight, t.catOffset, t.catWords, t.catBits, t.value,
        this.#validRowsAt, nFeatures, 0, n, n, this.#validRawAt + 8 * k * n, this.#scratchAt + 4,
      );
    }
  }

  /** Copies the tree into the arena regions, growing them first when it does not fit. */
  #load(grown: GrownTree): void {
    const { tree, binLeft } = grown;
    const n = tree.nNodes;
    let tableBytes = 0;
    for (let j = 0; j < n; j++) tableBytes += binLeft[j] ? binLeft[j]!.length : 0;
    let t = this.#tree;
    if (n > t.nodes || tree.catBits.length > t.bits || tableBytes > t.table) {
      t = this.#tree = this.#regions(Math.max(n, 2 * t.nodes), Math.max(tree.catBits.length, 2 * t.bits), Math.max(tableBytes, 2 * t.table));
    }
    const { arena } = this.#layout;
    arena.i32(t.feature, n).set(tree.feature);
    arena.f64(t.threshold, n).set(tree.threshold);
    arena.i32(t.catOffset, n).set(tree.catOffset);
    arena.i32(t.catWords, n).set(tree.catWords);
    arena.u32(t.catBits, tree.catBits.length).set(tree.catBits);
    arena.f64(t.value, n).set(tree.value);
    const children = arena.i32(t.children, 2 * n);
    const missingRight = arena.i32(t.missingRight, n);
    const binOffset = arena.i32(t.binOffset, n);
    const goesLeft = arena.u8(t.goesLeft, Math.max(1, tableBytes));
    let offset = 0;
    for (let j = 0; j < n; j++) {
      children[2 * j] = tree.left[j];
      children[2 * j + 1] = tree.right[j];
      missingRight[j] = tree.missingLeft[j] === 1 ? 0 : 1;
      const bins = binLeft[j];
      binOffset[j] = offset;
      if (bins) {
        goesLeft.set(bins, offset);
        offset += bins.length;
      }
    }
  }

  #regions(nodes: number, bits: number, table: number): TreeRegions {
    const { arena } = this.#layout;
    return {
      nodes,
      bits,
      table,
      feature: arena.alloc(4 * nodes),
      threshold: arena.alloc(8 * nodes),
      children: arena.alloc(8 * nodes),
      missingRight: arena.alloc(4 * nodes),
      catOffset: arena.alloc(4 * nodes),
      catWords: arena.alloc(4 * nodes),
      catBits: arena.alloc(4 * bits),
      value: arena.alloc(8 * nodes),
      binOffset: arena.alloc(4 * nodes),
      goesLeft: arena.alloc(table),
    };
  }
}

/**
 * Writes the rows of 0..n-1 missing from `sample` (increasing) to `out`; returns how many. Every
 * row is written and only rows outside the sample move on: branch-free, since whether a row is in
 * the sample is a coin flip the CPU cannot predict. A plain function: V8 compiles its loop
 * mid-call (OSR), and a private field touched after that loop deoptimised it on every call.
 */
function complement(sample: Int32Array, n: number, out: Int32Array): number {
  const k = sample.length;
  let m = 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const taken = s < k && sample[s] === i ? 1 : 0;
    out[m] = i;
    m += 1 - taken;
    s += taken;
  }
  return m;
}
