// An incremental 64-bit hash of the event log (two independent 32-bit lanes, murmur3-style
// mixing). Cheap enough to run on every event; only equality matters, not cryptographic strength.
export type HashState = [number, number];

export const HASH_SEED: HashState = [0x811c9dc5, 0x1b873593];

export function mixU32(h: HashState, x: number): void {
  let k = Math.imul(x | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  let a = h[0] ^ k;
  a = (a << 13) | (a >>> 19);
  h[0] = (Math.imul(a, 5) + 0xe6546b64) | 0;
  let b = h[1] ^ Math.imul(k, 0x85ebca6b);
  b = (b << 17) | (b >>> 15);
  h[1] = (Math.imul(b, 9) + 0x7feb352d) | 0;
}

/** Mixes any finite double exactly (hi and lo words of an integer part, plus fraction bits). */
export function mixNumber(h: HashState, x: number): void {
  if (Number.isInteger(x) && Math.abs(x) <= Number.MAX_SAFE_INTEGER) {
    mixU32(h, x % 4294967296);
    mixU32(h, Math.floor(x / 4294967296));
  } else {
    const f = new Float64Array([x]);
    const u = new Uint32Array(f.buffer);
    mixU32(h, u[0]);
    mixU32(h, u[1]);
  }
}

const stringCodes = new Map<string, number>();

export function mixString(h: HashState, s: string): void {
  let code = stringCodes.get(s);
  if (code === undefined) {
    const t: HashState = [0x9747b28c, 0x2545f491];
    for (let i = 0; i < s.length; i++) mixU32(t, s.charCodeAt(i));
    code = (t[0] ^ t[1]) >>> 0;
    if (stringCodes.size < 10_000) stringCodes.set(s, code);
  }
  mixU32(h, code);
}

export function hashHex(h: HashState): string {
  return (h[0] >>> 0).toString(16).padStart(8, '0') + (h[1] >>> 0).toString(16).padStart(8, '0');
}
