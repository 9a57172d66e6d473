// A k-d tree over the rows of a matrix, for the radius queries DBSCAN makes: built once by
// splitting the widest dimension at its median, stored as flat typed arrays (node bounds, child
// ranges, a permutation of row indices). A query prunes every node whose bounding box lies
// farther than the radius. Worth it in low dimension; in high dimension it degrades towards a
// scan of every row, never worse in result.

export class KdTree {
  readonly #X: Float64Array;
  readonly #p: number;
  /** Row indices, reordered so that each node owns a contiguous range. */
  readonly #order: Int32Array;
  readonly #start: number[] = [];
  readonly #end: number[] = [];
  readonly #left: number[] = [];
  readonly #right: number[] = [];
  /** Per node: p lower bounds then p upper bounds. */
  #boxes: Float64Array;
  #nNodes = 0;
  /** Traversal stack for queries: never deeper than the number of nodes. */
  #stack: Int32Array = new Int32Array(0);

  constructor(X: Float64Array, p: number, options: { leafSize: number }) {
    this.#X = X;
    this.#p = p;
    const n = X.length / p;
    this.#order = Int32Array.from({ length: n }, (_, i) => i);
    this.#boxes = new Float64Array(Math.max(1, Math.ceil((2 * n) / Math.max(1, options.leafSize)) + 1) * 2 * p);
    if (n > 0) this.#build(0, n, Math.max(1, options.leafSize));
    this.#stack = new Int32Array(this.#nNodes + 1);
  }

  /**
   * Calls `visit(row)` for every row within `radius` (distance ≤ radius, the query row itself
   * included) of row `query`, and returns their count, or their total weight when `weights` is
   * given. No allocation per query: the traversal stack is the tree's own.
   */
  within(query: number, radius: number, visit: ((row: number) => void) | null, weights: Float64Array | null = null): number {
    const X = this.#X;
    const p = this.#p;
    const qo = query * p;
    const r2 = radius * radius;
    const stack = this.#stack;
    let top = 0;
    stack[top++] = 0;
    let total = 0;
    while (top > 0) {
      const node = stack[--top];
      if (this.#boxDistance2(node, X, qo) > r2) continue;
      if (this.#left[node] === -1) {
        for (let t = this.#start[node]; t < this.#end[node]; t++) {
          const row = this.#order[t];
          const ro = row * p;
          let d2 = 0;
          for (let f = 0; f < p && d2 <= r2; f++) {
            const d = X[ro + f] - X[qo + f];
            d2 += d * d;
          }
          if (d2 <= r2) {
            total += weights ? weights[row] : 1;
            if (visit) visit(row);
          }
        }
      } else {
        stack[top++] = this.#right[node];
        stack[top++] = this.#left[node];
      }
    }
    return total;
  }

  #build(start: number, end: number, leafSize: number): number {
    const node = this.#nNodes++;
    this.#start[node] = start;
    this.#end[node] = end;
    this.#left[node] = -1;
    this.#right[node] = -1;
    const widest = this.#fitBox(node, start, end);
    if (end - start > leafSize && widest >= 0) {
      const mid = (start + end) >>> 1;
      this.#selectMedian(start, end, mid, widest);
      this.#left[node] = this.#build(start, mid, leafSize);
      this.#right[node] = this.#build(mid, end, leafSize);
    }
    return node;
  }

  /** Sets the node's bounding box; returns its widest dimension (−1 when all rows coincide). */
  #fitBox(node: number, start: number, end: number): number {
    const p = this.#p;
    if ((node + 1) * 2 * p > this.#boxes.length) {
      const grown = new Float64Array(this.#boxes.length * 2);
      grown.set(this.#boxes);
      this.#boxes = grown;
    }
    const box = this.#boxes;
    const o = node * 2 * p;
    box.fill(Infinity, o, o + p);
    box.fill(-Infinity, o + p, o + 2 * p);
    for (let t = start; t < end; t++) {
      const ro = this.#order[t] * p;
      for (let f = 0; f < p; f++) {
        const v = this.#X[ro + f];
        if (v < box[o + f]) box[o + f] = v;
        if (v > box[o + p + f]) box[o + p + f] = v;
      }
    }
    let widest = -1;
    let width = 0;
    for (let f = 0; f < p; f++) {
      if (box[o + p + f] - box[o + f] > width) {
        width = box[o + p + f] - box[o + f];
        widest = f;
      }
    }
    return widest;
  }

  /** Quickselect on `order[start, end)` by feature f so that position mid holds the median. */
  #selectMedian(start: number, end: number, mid: number, f: number): void {
    const order = this.#order;
    const X = this.#X;
    const p = this.#p;
    let lo = start;
    let hi = end - 1;
    while (lo < hi) {
      const pivot = X[order[(lo + hi) >>> 1] * p + f];
      let i = lo;
      let j = hi;
      while (i <= j) {
        while (X[order[i] * p + f] < pivot) i++;
        while (X[order[j] * p + f] > pivot) j--;
        if (i <= j) {
          const t = order[i];
          order[i] = order[j];
          order[j] = t;
          i++;
          j--;
        }
      }
      if (mid <= j) hi = j;
      else if (mid >= i) lo = i;
      else return;
    }
  }

  #boxDistance2(node: number, X: Float64Array, qo: number): number {
    const p = this.#p;
    const box = this.#boxes;
    const o = node * 2 * p;
    let d2 = 0;
    for (let f = 0; f < p; f++) {
      const v = X[qo + f];
      const below = box[o + f] - v;
      const above = v - box[o + p + f];
      const d = below > 0 ? below : above > 0 ? above : 0;
      d2 += d * d;
    }
    return d2;
  }
}
