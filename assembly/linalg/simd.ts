// Small SIMD helpers shared by the kernels (not exports of the module).

/** v[0] + v[1]: the two lanes of a pair of partial sums, added in lane order. */
// @ts-ignore: decorator
@inline export function lanes(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

