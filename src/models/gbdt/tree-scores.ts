// Scores the boosting loop keeps up to date outside a tree's own rows: rows left out by
// subsampling and the validation rows, walked through each new tree in WebAssembly on their bins
// (a walk per row in JavaScript cost a sixth of a small fit). The validation rows are binned once
// with the training bins; a category the training rows never had gets a bin of its own that goes
// right at every split, as the raw value would. The sums are the ones a walk on raw values makes:
// one addition of the leaf's value per row and tree.

import type { Arena } from "./arena.js";
import { binOf, type BinMapper } from "./binning.js";
import type { GrownTree } from "./grower.js";
import { treeDepth } from "./tree.js";

export interface TreeScoresLayout {
  readonly arena: Arena;
  readonly mapper: BinMapper;
  /** Training bins, column by column (feature f of row i at binned + f × nRows + i). */
  readonly binned: number;
  readonly nFeatures: number;
  readonly nRows: number;
  /** Whether training draws a sample of rows (then the rows outside it are scored here). */
  readonly subsampled: boolean;
  readonly nOutputs: number;
  /** Row-major raw validation values (nValid × nFeatures), or null without a validation set. */
  readonly validRows: Float64Array | null;
}

/** Bytes of each node's table of bins that go left: up to 256 bins, and one for unseen categories. */
const TABLE = 257;

/** Arena offsets of one tree in walk form; regions grow (and move) when a bigger tree comes. */
interface TreeRegions {
  readonly nodes: number;
  /** Split feature, 0 at leaves (any feature will do: both children are the leaf itself). */
  readonly feature: number;
  readonly table: number;
  readonly children: number;
  readonly value: number;
}

export class TreeScores {
  readonly #layout: TreeScoresLayout;
  readonly #nValid: number;
  /** Validation bins (row-major) and the row indices 0..nValid-1 the walk kernel reads. */
  readonly #validBinsAt: number;
  readonly #validIndexAt: number;
  readonly #validRawAt: number;
  /** Rows outside the current sample. */
  readonly #outAt: number;
  #nOut = 0;
  #tree: TreeRegions;
  #depth = 0;

  constructor(layout: TreeScoresLayout, baseScore: Float64Array) {
    this.#layout = layout;
    const { arena, nFeatures: p, nOutputs: K, validRows } = layout;
    const nValid = (this.#nValid = validRows ? validRows.length / p : 0);
    this.#validBinsAt = arena.alloc(2 * nValid * p);
    this.#validIndexAt = arena.alloc(4 * nValid);
    this.#validRawAt = arena.alloc(8 * nValid * K);
    this.#outAt = layout.subsampled ? arena.alloc(4 * layout.nRows) : 0;
    if (validRows) binValidation(layout.mapper, validRows, new Uint16Array(arena.memory.buffer, this.#validBinsAt, nValid * p));
    arena.kernels.iota(this.#validIndexAt, nValid);
    const raw = this.validRaw();
    for (let k = 0; k < K; k++) raw.fill(baseScore[k], k * nValid, (k + 1) * nValid);
    this.#tree = this.#regions(127);
  }

  /** Raw validation scores, output after output (a fresh view: memory may have grown). */
  validRaw(): Float64Array {
    return this.#layout.arena.f64(this.#validRawAt, this.#nValid * this.#layout.nOutputs);
  }

  /** Marks the rows outside the sample (k increasing row indices at arena offset `sampleAt`) as the ones to update. */
  setSample(sampleAt: number, k: number): void {
    this.#nOut = this.#layout.arena.kernels.complementRows(sampleAt, k, this.#layout.nRows, this.#outAt);
  }

  /** Adds a tree's leaf values to the rows outside the sample (raw at `rawAt`) and to output k of the validation scores. */
  add(grown: GrownTree, rawAt: number, k: number, outOfSample: boolean): void {
    if (!outOfSample && this.#nValid === 0) return;
    this.#load(grown);
    const { arena, binned, nFeatures } = this.#layout;
    const { feature, table, children, value } = this.#tree;
    const depth = this.#depth;
    if (outOfSample) arena.kernels.addBinnedLeaves(binned, 1, this.#layout.nRows, this.#outAt, 0, this.#nOut, feature, table, children, value, depth, rawAt);
    const n = this.#nValid;
    if (n > 0) arena.kernels.addBinnedLeaves16(this.#validBinsAt, nFeatures, 1, this.#validIndexAt, 0, n, feature, table, children, value, depth, this.#validRawAt + 8 * k * n);
  }

  /** Copies the tree into the arena in walk form, growing the regions first when it does not fit. */
  #load(grown: GrownTree): void {
    const { tree, binLeft } = grown;
    const n = tree.nNodes;
    if (n > this.#tree.nodes) this.#tree = this.#regions(Math.max(n, 2 * this.#tree.nodes));
    const t = this.#tree;
    const { arena } = this.#layout;
    arena.f64(t.value, n).set(tree.value);
    const feature = arena.i32(t.feature, n);
    const children = arena.i32(t.children, 2 * n);
    const table = arena.u8(t.table, TABLE * n).fill(0);
    for (let j = 0; j < n; j++) {
      const bins = binLeft[j];
      if (tree.feature[j] < 0 || !bins) {
        feature[j] = 0;
        children[2 * j] = j;
        children[2 * j + 1] = j;
      } else {
        feature[j] = tree.feature[j];
        children[2 * j] = tree.left[j];
        children[2 * j + 1] = tree.right[j];
        table.set(bins, TABLE * j);
      }
    }
    this.#depth = treeDepth(tree);
  }

  #regions(nodes: number): TreeRegions {
    const { arena } = this.#layout;
    return {
      nodes,
      feature: arena.alloc(4 * nodes),
      table: arena.alloc(TABLE * nodes),
      children: arena.alloc(8 * nodes),
      value: arena.alloc(8 * nodes),
    };
  }
}

/**
 * Bins validation rows for walks: as the training rows, except that a category without a training
 * bin gets bin nValueBins + 1 (up to 256, hence 16-bit bins), which no split sends left — a raw
 * walk sends it right, where binOf() would make it missing.
 */
function binValidation(mapper: BinMapper, rows: Float64Array, out: Uint16Array): void {
  const p = mapper.features.length;
  const n = rows.length / p;
  for (let f = 0; f < p; f++) {
    const fb = mapper.features[f];
    const { binOfCategory, nValueBins } = fb;
    for (let i = 0, k = f; i < n; i++, k += p) {
      const v = rows[k];
      if (!fb.isCategorical || v !== v) out[k] = binOf(fb, v);
      else out[k] = Number.isInteger(v) && v >= 0 && v < binOfCategory.length && binOfCategory[v] >= 0 ? binOfCategory[v] : nValueBins + 1;
    }
  }
}
