// The one source of randomness. Every random choice in Orchard goes through a seeded Rng so that
// the same seed gives the same result on any machine and with any number of threads.
//
// Generator: xoshiro128** (Blackman & Vigna), 32-bit arithmetic only, so it is exact in JavaScript
// without BigInt. The 128-bit state is filled from the seed by splitmix32.

export class Rng {
  #s0: number;
  #s1: number;
  #s2: number;
  #s3: number;

  constructor(seed = 0) {
    if (!Number.isFinite(seed)) throw new RangeError(`Rng seed must be a finite number: received ${seed}`);
    let x = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    // The state is kept as signed 32-bit integers: values above 2^31 would be boxed as heap
    // numbers on every update (measured: 50 ns per draw instead of a few).
    this.#s0 = next() | 0;
    this.#s1 = next() | 0;
    this.#s2 = next() | 0;
    this.#s3 = next() | 0;
    if ((this.#s0 | this.#s1 | this.#s2 | this.#s3) === 0) this.#s0 = 1;
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const s0 = this.#s0;
    const s1 = this.#s1;
    const s2 = this.#s2 ^ s0;
    const s3 = this.#s3 ^ s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    this.#s0 = s0 ^ s3;
    this.#s1 = s1 ^ s2;
    this.#s2 = s2 ^ (s1 << 9);
    this.#s3 = rotl(s3, 11);
    return result;
  }

  /** A uniform float in [0, 1) with 53 random bits. */
  next(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A uniform integer in [0, n). Unbiased (rejection sampling). */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 2 ** 32) {
      throw new RangeError(`Rng.int bound must be an integer in [1, 2^32]: received ${n}`);
    }
    return this.#below(n);
  }

  /** int(n) for a bound known to be valid: the hot loop of sample() skips the checks. */
  #below(n: number): number {
    // Remainders without the floating-point % (slow in V8): for integers x < 2^53, x / n is
    // within 2^-53 relative of the true quotient, so its floor is the exact integer quotient.
    let x = this.nextUint32();
    // The rejection limit exceeds 2^32 - n: below that, no division is needed to accept.
    while (x >= 2 ** 32 - n && x >= Math.floor(2 ** 32 / n) * n) x = this.nextUint32();
    return x - Math.floor(x / n) * n;
  }

  /** A standard normal deviate (Box-Muller). */
  normal(): number {
    let u = 0;
    while (u === 0) u = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** A random permutation of 0..n-1 (Fisher-Yates). */
  permutation(n: number): Int32Array {
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    this.shuffle(order);
    return order;
  }

  /** Shuffles in place. */
  shuffle<T extends { length: number; [i: number]: unknown }>(values: T): T {
    for (let i = values.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = values[i];
      values[i] = values[j];
      values[j] = tmp;
    }
    return values;
  }

  /** k distinct indices from 0..n-1, in increasing order. */
  sample(n: number, k: number): Int32Array {
    if (k >= n) return this.permutation(n).sort();
    // Floyd's algorithm: k draws, no O(n) permutation. A large sample marks a byte per row (a
    // Set of tens of thousands of numbers cost 25 ms per draw); the draws, and so the sample, are
    // the same either way.
    if (8 * k >= n) {
      // Both arrays are made before the loops: an allocation first reached after a loop that V8
      // compiled mid-run (OSR) deoptimised that code on every call.
      const marked = new Uint8Array(n);
      const out = new Int32Array(k);
      this.#markFloyd(marked, n, k);
      // Branch-free: every index is written, and only marked ones move on (which are marked is a
      // coin flip the CPU cannot predict). The loop ends once all k are in place.
      for (let i = 0, m = 0; m < k; i++) {
        out[m] = i;
        m += marked[i];
      }
      return out;
    }
    const chosen = new Set<number>();
    for (let j = n - k; j < n; j++) {
      const t = this.int(j + 1);
      chosen.add(chosen.has(t) ? j : t);
    }
    return Int32Array.from(chosen).sort();
  }

  /**
   * Floyd's draws for sample(), marking chosen indices: the same draws as int(j + 1) for j = n - k
   * .. n - 1, with the generator's state in local variables for the loop (a draw costs a few ns
   * instead of tens: row subsampling draws most rows of the data for every tree).
   */
  #markFloyd(marked: Uint8Array, n: number, k: number): void {
    let s0 = this.#s0;
    let s1 = this.#s1;
    let s2 = this.#s2;
    let s3 = this.#s3;
    for (let j = n - k; j < n; j++) {
      const bound = j + 1;
      let x: number;
      for (;;) {
        x = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
        s2 ^= s0;
        s3 ^= s1;
        const t = s1 << 9;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = rotl(s3, 11);
        // The rejection limit exceeds 2^32 - bound: below that, no division is needed to accept.
        if (x < 2 ** 32 - bound || x < Math.floor(2 ** 32 / bound) * bound) break;
      }
      const r = x - Math.floor(x / bound) * bound;
      // Branch-free: whether r is taken already is a coin flip late in the draws.
      marked[r + (j - r) * marked[r]] = 1;
    }
    this.#s0 = s0;
    this.#s1 = s1;
    this.#s2 = s2;
    this.#s3 = s3;
  }

  /** An independent generator derived from this one, for a sub-task. */
  fork(): Rng {
    return new Rng(this.nextUint32());
  }
}

/** Rotates a 32-bit pattern left; the result is a signed 32-bit integer. */
function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
