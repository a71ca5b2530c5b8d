// xoshiro128** — small, fast, and its whole state is four uint32s, so a snapshot is trivial.
// Seeded through splitmix32 so that nearby seeds give unrelated streams.
export type PrngState = [number, number, number, number];

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export class Prng {
  private s: Uint32Array;

  constructor(seed: number | PrngState) {
    this.s = new Uint32Array(4);
    if (Array.isArray(seed)) this.s.set(seed);
    else {
      const sm = splitmix32(seed);
      for (let i = 0; i < 4; i++) this.s[i] = sm();
      if ((this.s[0] | this.s[1] | this.s[2] | this.s[3]) === 0) this.s[0] = 1;
    }
  }

  static fromState(state: PrngState): Prng {
    return new Prng(state);
  }

  state(): PrngState {
    return [this.s[0], this.s[1], this.s[2], this.s[3]];
  }

  nextU32(): number {
    const s = this.s;
    const r = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return r;
  }

  /** Uniform in [0, 1) with 32 bits of randomness. */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  /** Uniform integer in [0, n), n up to 2^53 (two draws above 2^32). */
  below(n: number): number {
    if (n <= 4294967296) return Math.floor(this.next() * n);
    const u53 = this.nextU32() * 2097152 + (this.nextU32() >>> 11); // 53 random bits
    return Math.floor((u53 / 9007199254740992) * n);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
