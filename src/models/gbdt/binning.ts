// Quantile binning: every feature becomes small integers so that split finding works on
// histograms of at most 256 bins instead of sorted values. A bin mapper is fitted once on a sample
// of the training rows and then applied to training, validation and (for speed) prediction data.
//
// Numeric feature with k value bins: bin b holds values in (cuts[b-1], cuts[b]]; bin k is missing.
// Categorical feature: one bin per frequent category, one bin for all rarer ones, then missing.

import { InvalidInput, Rng } from "../../core/index.js";
import type { Arena } from "./arena.js";
import type { FeatureSource } from "./dataset.js";

export interface FeatureBins {
  readonly isCategorical: boolean;
  /** Numeric: upper edges of the value bins (the last is +Infinity). */
  readonly cuts: Float64Array;
  /** Categorical: bin of each category code; -1 for categories absent from the training rows. */
  readonly binOfCategory: Int32Array;
  /** Categorical: category code of each bin, -1 for the shared bin of rare categories. */
  readonly categoryOfBin: Int32Array;
  /** Bins holding values (the missing bin comes after them). */
  readonly nValueBins: number;
}

export interface BinMapper {
  readonly features: readonly FeatureBins[];
  /** Offset of each feature's first bin in a histogram over all features. */
  readonly offsets: Int32Array;
  readonly totalBins: number;
}

export interface BinningOptions {
  /** At most this many bins per feature, the missing bin included (≤ 256). */
  readonly maxBins: number;
  /** Rows sampled to find the cut points. */
  readonly sampleRows?: number;
  readonly seed?: number;
  /**
   * Gradients of the rows at the starting score. With them, a categorical feature with more
   * categories than bins has its categories ordered by mean gradient and grouped into bins of
   * neighbours in that order (similar categories share a bin); without, the rarest categories
   * share one bin.
   */
  readonly gradient?: Float32Array;
  /** Smoothing of a category's mean gradient toward 0, in rows (LightGBM's cat_smooth). */
  readonly catSmooth?: number;
}

export function fitBins(source: FeatureSource, options: BinningOptions): BinMapper {
  const { maxBins, sampleRows = 200_000, seed = 0 } = options;
  if (!Number.isInteger(maxBins) || maxBins < 3 || maxBins > 256) {
    throw new InvalidInput(`maxBins must be an integer in [3, 256]: received ${maxBins}`);
  }
  const sample = source.nRows > sampleRows ? new Rng(seed).sample(source.nRows, sampleRows) : null;
  // One buffer serves every column in turn: a fresh one each would leave the collector behind.
  const buffer = new Float64Array(sample ? sample.length : source.nRows);
  const scratch = new RadixScratch(buffer.length);
  const features = source.names.map((_, f) =>
    source.isCategorical[f] ? categoricalBins(source, f, maxBins, options) : numericBins(scratch.sort(sampleColumn(source, f, sample, buffer)), maxBins),
  );
  const offsets = new Int32Array(features.length);
  let total = 0;
  features.forEach((fb, f) => {
    offsets[f] = total;
    total += fb.nValueBins + 1;
  });
  return { features, offsets, totalBins: total };
}

/** The finite values of feature f over the sampled rows (all rows without a sample), in `values`. */
function sampleColumn(source: FeatureSource, f: number, sample: Int32Array | null, values: Float64Array): Float64Array {
  const n = sample ? sample.length : source.nRows;
  let k = 0;
  if (source.dense) {
    const { data, cols } = source.dense;
    for (let s = 0; s < n; s++) {
      const v = data[(sample ? sample[s] : s) * cols + f];
      if (v === v) values[k++] = v;
    }
  } else {
    const read = source.column(f);
    for (let s = 0; s < n; s++) {
      const v = read(sample ? sample[s] : s);
      if (v === v) values[k++] = v;
    }
  }
  return values.subarray(0, k);
}

/**
 * Sorts finite doubles in place in the order Float64Array.prototype.sort gives (−0 before +0), by
 * an LSD radix sort of their bits, 11 bits a pass, skipping passes where every value shares the
 * digit: linear where a comparison sort of a 200,000-row sample per feature cost a tenth of a fit.
 * Every pass's digit counts are taken in the one pass that makes the keys (a permutation does not
 * change them), so each radix pass reads the keys once, to move them.
 */
export class RadixScratch {
  readonly #keys: Uint32Array;
  readonly #spare: Uint32Array;
  /** 2,048 counts per radix pass, the passes one after another. */
  readonly #counts = new Int32Array(2048 * RADIX_PASSES.length);

  constructor(n: number) {
    this.#keys = new Uint32Array(2 * n);
    this.#spare = new Uint32Array(2 * n);
  }

  sort(values: Float64Array): Float64Array {
    const n = values.length;
    const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
    let keys = this.#keys;
    let spare = this.#spare;
    const counts = this.#counts;
    counts.fill(0);
    // Keys as (low, high) words that order as unsigned integers: negatives have every bit
    // flipped, the others only the sign bit.
    for (let i = 0; i < n; i++) {
      const lo = words[2 * i];
      const hi = words[2 * i + 1];
      const negative = hi >>> 31;
      const klo = negative ? ~lo >>> 0 : lo;
      const khi = negative ? ~hi >>> 0 : (hi ^ 0x80000000) >>> 0;
      keys[2 * i] = klo;
      keys[2 * i + 1] = khi;
      counts[klo & 2047]++;
      counts[2048 + ((klo >>> 11) & 2047)]++;
      counts[4096 + (klo >>> 22)]++;
      counts[6144 + (khi & 2047)]++;
      counts[8192 + ((khi >>> 11) & 2047)]++;
      counts[10240 + (khi >>> 22)]++;
    }
    for (let pass = 0; pass < RADIX_PASSES.length; pass++) {
      const [word, shift, bits] = RADIX_PASSES[pass];
      const mask = (1 << bits) - 1;
      const at = 2048 * pass;
      if (n === 0 || counts[at + ((keys[word] >>> shift) & mask)] === n) continue;
      let total = 0;
      for (let d = 0; d <= mask; d++) {
        const c = counts[at + d];
        counts[at + d] = total;
        total += c;
      }
      for (let i = 0; i < n; i++) {
        const slot = at + ((keys[2 * i + word] >>> shift) & mask);
        const to = counts[slot]++;
        spare[2 * to] = keys[2 * i];
        spare[2 * to + 1] = keys[2 * i + 1];
      }
      [keys, spare] = [spare, keys];
    }
    for (let i = 0; i < n; i++) {
      const lo = keys[2 * i];
      const hi = keys[2 * i + 1];
      const negative = !(hi >>> 31);
      words[2 * i] = negative ? ~lo >>> 0 : lo;
      words[2 * i + 1] = negative ? ~hi >>> 0 : (hi ^ 0x80000000) >>> 0;
    }
    return values;
  }
}

/** Radix passes over the keys' (word, first bit, bits): the low word, then the high one. */
const RADIX_PASSES: readonly (readonly [number, number, number])[] = [
  [0, 0, 11],
  [0, 11, 11],
  [0, 22, 10],
  [1, 0, 11],
  [1, 11, 11],
  [1, 22, 10],
];

/** Equal-frequency bins over the sorted finite values of a feature's sample. */
function numericBins(sorted: Float64Array, maxBins: number): FeatureBins {
  const k = sorted.length;
  const maxValueBins = maxBins - 1;
  let nDistinct = k > 0 ? 1 : 0;
  for (let i = 1; i < k && nDistinct <= maxValueBins; i++) if (sorted[i] !== sorted[i - 1]) nDistinct++;
  const cuts: number[] = [];
  if (nDistinct <= maxValueBins) {
    // Few values: one bin each, cut halfway between neighbours (robust to unseen values in between).
    for (let i = 1; i < k; i++) if (sorted[i] !== sorted[i - 1]) cuts.push(midpoint(sorted[i - 1], sorted[i]));
  } else {
    // Equal-frequency cuts over the sorted sample, each at a midpoint between distinct values; a run
    // of equal values is never split, so heavy values get a bin of their own.
    let next = 1;
    for (let i = 0; i + 1 < k && next < maxValueBins; i++) {
      if (sorted[i + 1] === sorted[i]) continue;
      const cumulative = i + 1;
      if (cumulative >= (next * k) / maxValueBins) {
        cuts.push(midpoint(sorted[i], sorted[i + 1]));
        while (next < maxValueBins && cumulative >= (next * k) / maxValueBins) next++;
      }
    }
  }
  cuts.push(Infinity);
  return { isCategorical: false, cuts: Float64Array.from(cuts), binOfCategory: new Int32Array(0), categoryOfBin: new Int32Array(0), nValueBins: cuts.length };
}

function midpoint(a: number, b: number): number {
  const m = a + (b - a) / 2;
  // Rounding may land on b for adjacent doubles: keep a so that a goes left and b right.
  return m >= b ? a : m;
}

function categoricalBins(source: FeatureSource, f: number, maxBins: number, options: BinningOptions): FeatureBins {
  const read = source.column(f);
  const nCategories = source.categories[f].length;
  const counts = new Float64Array(nCategories);
  const gradients = new Float64Array(nCategories);
  const gradient = options.gradient;
  for (let i = 0; i < source.nRows; i++) {
    const v = read(i);
    if (v === v && v >= 0 && v < nCategories) {
      counts[v]++;
      if (gradient) gradients[v] += gradient[i];
    }
  }
  const present = Array.from({ length: nCategories }, (_, c) => c).filter((c) => counts[c] > 0);
  if (gradient && present.length > maxBins - 1) {
    return groupedCategoricalBins(present, counts, gradients, nCategories, maxBins - 1, options.catSmooth ?? 10);
  }
  // Most frequent first; ties by code, so the mapping never depends on anything but the data.
  present.sort((a, b) => counts[b] - counts[a] || a - b);
  const ownBins = present.length <= maxBins - 1 ? present.length : maxBins - 2;
  const kept = present.slice(0, ownBins).sort((a, b) => a - b);
  const hasOther = present.length > ownBins;
  const nValueBins = Math.max(1, kept.length + (hasOther ? 1 : 0));
  const otherBin = hasOther ? kept.length : -1;
  // Categories absent from training stay -1: they go right at every split, as unseen ones do.
  const binOfCategory = new Int32Array(nCategories).fill(-1);
  for (const c of present.slice(ownBins)) binOfCategory[c] = otherBin;
  const categoryOfBin = new Int32Array(nValueBins).fill(-1);
  kept.forEach((c, b) => {
    binOfCategory[c] = b;
    categoryOfBin[b] = c;
  });
  return { isCategorical: true, cuts: new Float64Array(0), binOfCategory, categoryOfBin, nValueBins };
}

/**
 * Many categories into `nBins` bins: categories sorted by their smoothed mean gradient, cut into
 * runs of about equal row counts. A category is never split; neighbours in the order — categories
 * whose rows pull the score the same way — share a bin, so a split on bins keeps most of what a
 * split on every category would find.
 */
function groupedCategoricalBins(present: number[], counts: Float64Array, gradients: Float64Array, nCategories: number, nBins: number, smooth: number): FeatureBins {
  const stat = (c: number): number => gradients[c] / (counts[c] + smooth);
  const order = [...present].sort((a, b) => stat(a) - stat(b) || a - b);
  const total = order.reduce((sum, c) => sum + counts[c], 0);
  const binOfCategory = new Int32Array(nCategories).fill(-1);
  let bin = 0;
  let cumulative = 0;
  order.forEach((c, j) => {
    binOfCategory[c] = bin;
    cumulative += counts[c];
    // Move to the next bin once this one holds its share of rows, leaving a bin for each of the
    // categories still to come when they are fewer than the bins left.
    const remainingCategories = order.length - j - 1;
    if (bin < nBins - 1 && remainingCategories > 0 && (cumulative >= ((bin + 1) * total) / nBins || remainingCategories <= nBins - 1 - bin)) bin++;
  });
  const nValueBins = bin + 1;
  return { isCategorical: true, cuts: new Float64Array(0), binOfCategory, categoryOfBin: new Int32Array(nValueBins).fill(-1), nValueBins };
}

/** The bin of one raw value of feature f. */
export function binOf(fb: FeatureBins, v: number): number {
  if (v !== v) return fb.nValueBins;
  if (fb.isCategorical) {
    // Only training data is binned, so a code outside the dictionary is treated as missing.
    if (v < 0 || v >= fb.binOfCategory.length || !Number.isInteger(v) || fb.binOfCategory[v] < 0) return fb.nValueBins;
    return fb.binOfCategory[v];
  }
  const cuts = fb.cuts;
  let lo = 0;
  let hi = cuts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v > cuts[mid]) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Bins every row into the arena, column by column: one byte per row and feature, feature f of row
 * i at columnsAt + f × n + i, what histograms and partitions read. A dense numeric matrix is
 * copied in blocks of rows into the arena and binned there by the binBlock kernel on all threads;
 * the blocks go to `scratch` when it holds one (arena space not yet in use), else to new space.
 */
export function applyBinsInArena(mapper: BinMapper, source: FeatureSource, arena: Arena, columnsAt: number, scratch: { at: number; bytes: number }): void {
  const n = source.nRows;
  const p = mapper.features.length;
  const dense = source.dense;
  if (!dense || mapper.features.some((fb) => fb.isCategorical)) {
    binColumns(mapper, source, arena.u8(columnsAt, n * p));
    return;
  }
  let width = 1;
  for (const fb of mapper.features) while (width < fb.cuts.length) width *= 2;
  const cutsAt = arena.alloc(8 * p * width);
  const missingAt = arena.alloc(4 * p);
  const cuts = arena.f64(cutsAt, p * width).fill(Infinity);
  mapper.features.forEach((fb, f) => cuts.set(fb.cuts, f * width));
  arena.i32(missingAt, p).set(mapper.features.map((fb) => fb.cuts.length));
  const blockRows = Math.min(n, BIN_BLOCK_ROWS);
  const blockAt = scratch.bytes >= 8 * blockRows * dense.cols ? scratch.at : arena.alloc(8 * blockRows * dense.cols);
  for (let r0 = 0; r0 < n; r0 += blockRows) {
    const m = Math.min(blockRows, n - r0);
    const block = arena.f64(blockAt, m * dense.cols);
    if (dense.data instanceof Float64Array) block.set(dense.data.subarray(r0 * dense.cols, (r0 + m) * dense.cols));
    else for (let k = 0; k < m * dense.cols; k++) block[k] = dense.data[r0 * dense.cols + k];
    const threads = m < 8192 ? 1 : arena.nThreads;
    const args = (t: number): number[] => [blockAt, dense.cols, p, cutsAt, width, missingAt, columnsAt, n, r0, Math.round((t * m) / threads), Math.round(((t + 1) * m) / threads)];
    if (threads === 1) (arena.kernels.binBlock as (...a: number[]) => void)(...args(0));
    else arena.team.run("binBlock", args);
  }
}

/** Rows of a dense matrix copied into the arena per binning step: bounds the copy's memory. */
const BIN_BLOCK_ROWS = 16384;

/** Column by column through the source's readers (Frames, categorical features). */
function binColumns(mapper: BinMapper, source: FeatureSource, columns: Uint8Array): void {
  const nFeatures = mapper.features.length;
  const n = source.nRows;
  for (let f = 0; f < nFeatures; f++) {
    const column = columns.subarray(f * n, (f + 1) * n);
    const fb = mapper.features[f];
    if (fb.isCategorical) {
      const readCode = source.column(f);
      for (let i = 0; i < n; i++) column[i] = binOf(fb, readCode(i));
    } else if (source.dense) {
      binDense(source.dense.data, source.dense.cols, f, fb.cuts, column);
    } else {
      const read = source.column(f);
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = read(i);
      binDense(values, 1, 0, fb.cuts, column);
    }
  }
}

/** Bins column f of a row-major array with `cols` columns; NaN goes to the bin after the cuts. */
function binDense(data: Float64Array | Float32Array, cols: number, f: number, cuts: Float64Array, out: Uint8Array): void {
  const last = cuts.length - 1;
  const missing = cuts.length;
  const n = out.length;
  for (let i = 0, k = f; i < n; i++, k += cols) {
    const v = data[k];
    if (v !== v) {
      out[i] = missing;
      continue;
    }
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v > cuts[mid]) lo = mid + 1;
      else hi = mid;
    }
    out[i] = lo;
  }
}
