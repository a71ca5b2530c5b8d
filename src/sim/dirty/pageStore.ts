// Two bits per 4 KiB page in one Uint32Array, the two lanes interleaved word by word
// ([A0, B0, A1, B1, ...]) so that touching a page reads one cache line, not two. Lane A is the
// counted lane (uffd-wp: "written"; soft-dirty: "dirty"); lane B is "populated". A per-block
// summary (64 words = 2048 pages) holds lane A's popcount, so scans skip clean blocks and heatmap
// buckets add block counts instead of reading words. Bit 15 of a summary entry is a flag the owner
// uses to send writes in that block to its slow path. Everything is plain typed arrays, so
// structuredClone copies it and a Web Worker can transfer it.
import * as C from './constants';
import * as B from './bits';

// Module-local copies: an imported binding is re-read through its module on every access, which
// makes these word loops several times slower under tsx and vitest.
const BLOCK_PAGE_SHIFT = C.BLOCK_PAGE_SHIFT;
const BLOCK_WORD_SHIFT = C.BLOCK_WORD_SHIFT;
const WORD_SHIFT = C.WORD_SHIFT;
const ctz32 = B.ctz32;
const popcount32 = B.popcount32;
const rangeMask = B.rangeMask;

export interface PageStore {
  readonly pages: number;
  /** Words per lane: ceil(pages / 32). */
  readonly words: number;
  /** Lane A and lane B interleaved: lane A of word w at 2w, lane B at 2w + 1. */
  readonly bits: Uint32Array;
  /** Per block: bits 0-14 = number of lane-A bits set, bit 15 = owner's SLOW flag. */
  readonly blocks: Uint16Array;
}

export const BLOCK_COUNT_MASK = 0x7fff;
export const BLOCK_SLOW = 0x8000;

export function createPageStore(pages: number, laneA: boolean, laneB: boolean): PageStore {
  const words = Math.ceil(pages / 32);
  const bits = new Uint32Array(words * 2);
  const blocks = new Uint16Array(Math.max(1, Math.ceil(words / (1 << BLOCK_WORD_SHIFT))));
  const store: PageStore = { pages, words, bits, blocks };
  if (laneA || laneB) {
    forEachWord(store, 0, pages, (wi, mask) => {
      if (laneA) bits[wi << 1] = mask;
      if (laneB) bits[(wi << 1) + 1] = mask;
    });
    recountBlocks(store, 0, pages);
  }
  return store;
}

/** Bytes of typed arrays the store holds. */
export function storeBytes(s: PageStore): number {
  return s.bits.byteLength + s.blocks.byteLength;
}

export function testA(s: PageStore, p: number): boolean {
  return (s.bits[(p >>> WORD_SHIFT) << 1] & (1 << (p & 31))) !== 0;
}

export function testB(s: PageStore, p: number): boolean {
  return (s.bits[((p >>> WORD_SHIFT) << 1) + 1] & (1 << (p & 31))) !== 0;
}

/** Sets lane A for page p; returns true if it was clear. Keeps the block count. */
export function setA(s: PageStore, p: number): boolean {
  const i = (p >>> WORD_SHIFT) << 1;
  const m = 1 << (p & 31);
  const w = s.bits[i];
  if ((w & m) !== 0) return false;
  s.bits[i] = w | m;
  s.blocks[p >>> BLOCK_PAGE_SHIFT]++;
  return true;
}

/** Clears lane A for page p; returns true if it was set. Keeps the block count. */
export function clearA(s: PageStore, p: number): boolean {
  const i = (p >>> WORD_SHIFT) << 1;
  const m = 1 << (p & 31);
  const w = s.bits[i];
  if ((w & m) === 0) return false;
  s.bits[i] = w & ~m;
  s.blocks[p >>> BLOCK_PAGE_SHIFT]--;
  return true;
}

export function setB(s: PageStore, p: number): void {
  s.bits[((p >>> WORD_SHIFT) << 1) + 1] |= 1 << (p & 31);
}

export function clearB(s: PageStore, p: number): void {
  s.bits[((p >>> WORD_SHIFT) << 1) + 1] &= ~(1 << (p & 31));
}

/**
 * Calls visit(wordIndex, mask) for every word overlapping pages [from, to), mask selecting the
 * in-range bits. The callback edits s.bits directly; call recountBlocks afterwards if lane A changed.
 */
export function forEachWord(
  s: PageStore,
  from: number,
  to: number,
  visit: (wi: number, mask: number) => void,
): void {
  to = Math.min(to, s.pages);
  if (to <= from) return;
  const first = from >>> WORD_SHIFT;
  const last = (to - 1) >>> WORD_SHIFT;
  for (let wi = first; wi <= last; wi++) {
    const lo = wi === first ? from & 31 : 0;
    const hi = wi === last ? to - (last << WORD_SHIFT) : 32;
    visit(wi, rangeMask(lo, hi));
  }
}

/** Recomputes lane-A counts of the blocks overlapping pages [from, to); keeps SLOW flags. */
export function recountBlocks(s: PageStore, from: number, to: number): void {
  if (to <= from) return;
  const { bits, blocks, words } = s;
  const b0 = from >>> BLOCK_PAGE_SHIFT;
  const b1 = (to - 1) >>> BLOCK_PAGE_SHIFT;
  for (let b = b0; b <= b1; b++) {
    const w0 = b << BLOCK_WORD_SHIFT;
    const w1 = Math.min(w0 + (1 << BLOCK_WORD_SHIFT), words);
    let n = 0;
    for (let w = w0; w < w1; w++) n += popcount32(bits[w << 1]);
    blocks[b] = (blocks[b] & BLOCK_SLOW) | n;
  }
}

/** Number of lane-A bits set in pages [from, to); whole blocks come from the summary. */
export function countA(s: PageStore, from: number, to: number): number {
  if (to <= from) return 0;
  const { bits, blocks } = s;
  let n = 0;
  let p = from;
  while (p < to) {
    if ((p & ((1 << BLOCK_PAGE_SHIFT) - 1)) === 0 && p + (1 << BLOCK_PAGE_SHIFT) <= to) {
      n += blocks[p >>> BLOCK_PAGE_SHIFT] & BLOCK_COUNT_MASK;
      p += 1 << BLOCK_PAGE_SHIFT;
      continue;
    }
    const wi = p >>> WORD_SHIFT;
    const hi = Math.min(32, to - (wi << WORD_SHIFT));
    n += popcount32(bits[wi << 1] & rangeMask(p & 31, hi));
    p = (wi << WORD_SHIFT) + hi;
  }
  return n;
}

/**
 * Visits maximal runs [start, end) of lane-A bits within [from, to), ascending. Blocks whose
 * count is 0 are skipped without reading their words. Return false from visit to stop.
 */
export function forEachRunA(
  s: PageStore,
  from: number,
  to: number,
  visit: (start: number, end: number) => boolean | void,
): void {
  if (to <= from) return;
  const { bits, blocks } = s;
  const first = from >>> WORD_SHIFT;
  const last = (to - 1) >>> WORD_SHIFT;
  let open = -1; // start of a run that continues into the next word
  let wi = first;
  while (wi <= last) {
    if (open < 0 && (blocks[wi >>> BLOCK_WORD_SHIFT] & BLOCK_COUNT_MASK) === 0) {
      wi = ((wi >>> BLOCK_WORD_SHIFT) + 1) << BLOCK_WORD_SHIFT;
      continue;
    }
    const lo = wi === first ? from & 31 : 0;
    const hi = wi === last ? to - (last << WORD_SHIFT) : 32;
    let w = bits[wi << 1] & rangeMask(lo, hi);
    const base = wi << WORD_SHIFT;
    if (open >= 0) {
      if (w === -1) {
        wi++;
        continue;
      }
      const end = ctz32(~w);
      if (visit(open, base + end) === false) return;
      open = -1;
      w &= ~rangeMask(0, end);
    }
    while (w !== 0) {
      const start = ctz32(w);
      const filled = w | rangeMask(0, start);
      if (filled === -1) {
        open = base + start;
        break;
      }
      const end = ctz32(~filled);
      if (visit(base + start, base + end) === false) return;
      w &= ~rangeMask(0, end);
    }
    wi++;
  }
  if (open >= 0) visit(open, to);
}

/**
 * Copies lane A into `out` (one bit per page, packed: word w of out = lane A word w) and returns
 * the number of set bits. Clean blocks are zero-filled without reading lane A. This is the
 * bitmap form of "collect the written set" used by round reports and the benchmark.
 */
export function copyLaneA(s: PageStore, out: Uint32Array): number {
  const { bits, blocks, words } = s;
  const blockWords = 1 << BLOCK_WORD_SHIFT;
  let n = 0;
  for (let b = 0; b < blocks.length; b++) {
    const c = blocks[b] & BLOCK_COUNT_MASK;
    const w0 = b << BLOCK_WORD_SHIFT;
    const w1 = Math.min(w0 + blockWords, words);
    if (c === 0) {
      for (let w = w0; w < w1; w++) out[w] = 0;
      continue;
    }
    n += c;
    for (let w = w0; w < w1; w++) out[w] = bits[w << 1];
  }
  return n;
}

/**
 * Heatmap buckets: splits [from, to) into out.length equal buckets (bucket i covers
 * [from + floor(i*len/n), from + floor((i+1)*len/n))) and stores each bucket's lane-A count.
 * A count > 0 means "any page written", so a single written page stays visible at any zoom.
 */
export function bucketCountsA(s: PageStore, from: number, to: number, out: Uint32Array): void {
  const n = out.length;
  const len = to - from;
  for (let i = 0; i < n; i++) {
    const a = from + Math.floor((i * len) / n);
    const b = from + Math.floor(((i + 1) * len) / n);
    out[i] = countA(s, a, b);
  }
}
