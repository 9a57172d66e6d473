// The nodes of a tree while it grows (grower.ts), frozen into a flat Tree once it is grown:
// thresholds from the bin cuts, categorical splits as bitsets of category codes.

import type { BinMapper } from "./binning.js";
import type { Split } from "./split.js";
import type { Tree } from "./tree.js";

/** Collects nodes while a tree grows, then freezes them into a flat Tree. */
export class TreeBuilder {
  readonly feature: number[] = [];
  readonly bin: number[] = [];
  readonly missingLeft: number[] = [];
  readonly left: number[] = [];
  readonly right: number[] = [];
  readonly leftBins: (Uint8Array | null)[] = [];
  readonly binLeft: (Uint8Array | null)[] = [];
  readonly value: number[] = [];
  readonly gain: number[] = [];
  readonly cover: number[] = [];

  addNode(): number {
    const id = this.feature.length;
    this.feature.push(-1);
    this.bin.push(-1);
    this.missingLeft.push(0);
    this.left.push(-1);
    this.right.push(-1);
    this.leftBins.push(null);
    this.binLeft.push(null);
    this.value.push(0);
    this.gain.push(0);
    this.cover.push(0);
    return id;
  }

  setSplit(node: number, split: Split, missingLeft: boolean, left: number, right: number, goesLeft: Uint8Array): void {
    this.binLeft[node] = goesLeft;
    this.feature[node] = split.feature;
    this.bin[node] = split.bin;
    this.missingLeft[node] = missingLeft ? 1 : 0;
    this.left[node] = left;
    this.right[node] = right;
    this.leftBins[node] = split.leftBins;
    this.gain[node] = split.gain;
  }

  finish(mapper: BinMapper): Tree {
    const n = this.feature.length;
    const threshold = new Float64Array(n).fill(NaN);
    const catOffset = new Int32Array(n).fill(-1);
    const catWords = new Int32Array(n);
    const bits: number[] = [];
    for (let node = 0; node < n; node++) {
      const f = this.feature[node];
      if (f < 0) continue;
      const fb = mapper.features[f];
      if (!fb.isCategorical) {
        threshold[node] = fb.cuts[this.bin[node]];
        continue;
      }
      // Categories (codes) whose bin goes left; rare categories follow their shared bin.
      const leftBins = this.leftBins[node]!;
      const words = Math.max(1, Math.ceil(fb.binOfCategory.length / 32));
      catOffset[node] = bits.length;
      catWords[node] = words;
      const start = bits.length;
      for (let w = 0; w < words; w++) bits.push(0);
      for (let code = 0; code < fb.binOfCategory.length; code++) {
        const b = fb.binOfCategory[code];
        if (b >= 0 && leftBins[b]) bits[start + (code >>> 5)] |= 1 << (code & 31);
      }
    }
    return {
      nNodes: n,
      feature: Int32Array.from(this.feature),
      threshold,
      binThreshold: Int32Array.from(this.bin),
      missingLeft: Uint8Array.from(this.missingLeft),
      left: Int32Array.from(this.left),
      right: Int32Array.from(this.right),
      catOffset,
      catWords,
      catBits: Uint32Array.from(bits.map((b) => b >>> 0)),
      value: Float64Array.from(this.value),
      gain: Float64Array.from(this.gain),
      cover: Float64Array.from(this.cover),
    };
  }
}
