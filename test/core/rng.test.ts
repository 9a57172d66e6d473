// Rng's fast paths (signed 32-bit state, remainders without %, Floyd's draws in a local loop)
// must draw exactly what the textbook algorithms draw: every seeded result in Orchard — row
// subsamples, feature masks, splits — depends on it. The references here are written plainly,
// with unsigned arithmetic and the % operator.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Rng } from "../../src/core/index.js";

/** xoshiro128** seeded by splitmix32, as Rng documents, in plain unsigned arithmetic. */
class Reference {
  s: number[];
  constructor(seed: number) {
    let x = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s = [next(), next(), next(), next()];
    if ((this.s[0] | this.s[1] | this.s[2] | this.s[3]) === 0) this.s[0] = 1;
  }
  u32(): number {
    const [s0, s1, s2, s3] = this.s;
    const rotl = (v: number, k: number): number => ((v << k) | (v >>> (32 - k))) >>> 0;
    const result = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    const n2 = (s2 ^ s0) >>> 0;
    const n3 = (s3 ^ s1) >>> 0;
    this.s = [(s0 ^ n3) >>> 0, (s1 ^ n2) >>> 0, (n2 ^ t) >>> 0, rotl(n3, 11)];
    return result;
  }
  int(n: number): number {
    const limit = 2 ** 32 - (2 ** 32 % n);
    let x = this.u32();
    while (x >= limit) x = this.u32();
    return x % n;
  }
  /** Floyd's algorithm with a Set, sorted. */
  sample(n: number, k: number): number[] {
    const chosen = new Set<number>();
    for (let j = n - k; j < n; j++) {
      const t = this.int(j + 1);
      chosen.add(chosen.has(t) ? j : t);
    }
    return [...chosen].sort((a, b) => a - b);
  }
}

describe("Rng draws what the plain algorithms draw", () => {
  for (const seed of [0, 1, 42, -7, 2 ** 31 + 5]) {
    test(`seed ${seed}: 32-bit words, bounded integers near 2^32 and small, samples large and small`, () => {
      const rng = new Rng(seed);
      const ref = new Reference(seed);
      for (let i = 0; i < 2000; i++) assert.equal(rng.nextUint32(), ref.u32());
      for (const n of [1, 2, 3, 7, 1000, 123_457, 2 ** 31 - 1, 2 ** 31 + 11, 2 ** 32 - 5, 2 ** 32]) {
        for (let i = 0; i < 200; i++) assert.equal(rng.int(n), ref.int(n), `int(${n})`);
      }
      for (const [n, k] of [[26_000, 20_800], [1000, 999], [5000, 400], [64, 8], [10, 1]]) {
        assert.deepEqual(Array.from(rng.sample(n, k)), ref.sample(n, k), `sample(${n}, ${k})`);
      }
    });
  }
});
