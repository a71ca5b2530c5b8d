// A third bit per page that is almost always 0 (zero-page mappings, guard markers), stored only for
// the 64 Ki-page chunks that have any: a dense third lane would cost 0.125 B/page for nothing.
// Plain data: an array of Uint32Array | null, which structuredClone copies.
import * as C from './constants';
import * as B from './bits';

// Module-local copies (see pageStore.ts): sparseWord runs once per word in bulk operations.
const CHUNK_PAGE_SHIFT = C.CHUNK_PAGE_SHIFT;
const WORD_SHIFT = C.WORD_SHIFT;
const rangeMask = B.rangeMask;

const CHUNK_WORDS = 1 << (CHUNK_PAGE_SHIFT - WORD_SHIFT);

export interface SparseLane {
  readonly chunks: (Uint32Array | null)[];
}

export function createSparseLane(pages: number): SparseLane {
  return { chunks: new Array<Uint32Array | null>(Math.ceil(pages / (1 << CHUNK_PAGE_SHIFT))).fill(null) };
}

export function sparseBytes(l: SparseLane): number {
  let n = l.chunks.length * 8; // one slot per chunk
  for (const c of l.chunks) if (c) n += c.byteLength;
  return n;
}

export function sparseTest(l: SparseLane, p: number): boolean {
  const c = l.chunks[p >>> CHUNK_PAGE_SHIFT];
  return c !== null && (c[(p >>> WORD_SHIFT) & (CHUNK_WORDS - 1)] & (1 << (p & 31))) !== 0;
}

/** Lane word for global word index wi (0 when the chunk is absent). */
export function sparseWord(l: SparseLane, wi: number): number {
  const c = l.chunks[wi >>> (CHUNK_PAGE_SHIFT - WORD_SHIFT)];
  return c === null ? 0 : c[wi & (CHUNK_WORDS - 1)] | 0;
}

/** Writes lane word wi; allocates the chunk only when a bit becomes set. */
export function sparseSetWord(l: SparseLane, wi: number, value: number): void {
  const ci = wi >>> (CHUNK_PAGE_SHIFT - WORD_SHIFT);
  let c = l.chunks[ci];
  if (c === null) {
    if (value === 0) return;
    c = l.chunks[ci] = new Uint32Array(CHUNK_WORDS);
  }
  c[wi & (CHUNK_WORDS - 1)] = value;
}

export function sparseSet(l: SparseLane, p: number): void {
  const wi = p >>> WORD_SHIFT;
  sparseSetWord(l, wi, sparseWord(l, wi) | (1 << (p & 31)));
}

export function sparseClear(l: SparseLane, p: number): void {
  const wi = p >>> WORD_SHIFT;
  sparseSetWord(l, wi, sparseWord(l, wi) & ~(1 << (p & 31)));
}

/** Clears bits [from, to). */
export function sparseClearRange(l: SparseLane, from: number, to: number): void {
  for (let p = from; p < to; ) {
    const wi = p >>> WORD_SHIFT;
    if (l.chunks[p >>> CHUNK_PAGE_SHIFT] === null) {
      p = ((p >>> CHUNK_PAGE_SHIFT) + 1) << CHUNK_PAGE_SHIFT; // nothing set in this chunk
      continue;
    }
    const hi = Math.min(32, to - (wi << WORD_SHIFT));
    sparseSetWord(l, wi, sparseWord(l, wi) & ~rangeMask(p & 31, hi));
    p = (wi << WORD_SHIFT) + hi;
  }
}

/** Sets bits [from, to). */
export function sparseSetRange(l: SparseLane, from: number, to: number): void {
  for (let p = from; p < to; ) {
    const wi = p >>> WORD_SHIFT;
    const hi = Math.min(32, to - (wi << WORD_SHIFT));
    sparseSetWord(l, wi, sparseWord(l, wi) | rangeMask(p & 31, hi));
    p = (wi << WORD_SHIFT) + hi;
  }
}

/** True if any bit of the chunk holding page p is set (cheap test for the write fast path). */
export function sparseChunkPresent(l: SparseLane, p: number): boolean {
  return l.chunks[p >>> CHUNK_PAGE_SHIFT] !== null;
}
