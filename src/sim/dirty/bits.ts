// 32-bit word helpers. JS bitwise operators work on int32, so masks here are int32 values; they
// store into Uint32Array unchanged and compare with `!== 0`.

/** Number of set bits (SWAR; V8 has no popcount intrinsic). */
export function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Index of the lowest set bit; -1 for 0. */
export function ctz32(x: number): number {
  return 31 - Math.clz32(x & -x);
}

/** Bits [lo, hi) set, 0 <= lo <= hi <= 32. */
export function rangeMask(lo: number, hi: number): number {
  if (lo >= hi) return 0;
  const upper = hi >= 32 ? -1 : ((1 << hi) - 1) | 0;
  const lower = ((1 << lo) - 1) | 0;
  return upper & ~lower;
}
