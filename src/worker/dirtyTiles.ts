// Level-of-detail tiles of the page heatmap: per pixel, how many pages a lane shows as written.
// The axis is the workload's memory in bytes, at the same power-of-two scale as the memory map.
import { softDirtyBuckets, writtenBuckets } from '../sim/dirty/heatmap';
import { writtenBits, type WorkloadState } from '../sim/workload/model';

export const DIRTY_TILE_PX = 256;
export type DirtyLane = 'truth' | 'uffd' | 'soft';

export function dirtyTile(w: WorkloadState, lane: DirtyLane, level: number, index: number): Uint32Array {
  const out = new Uint32Array(DIRTY_TILE_PX);
  const pagesPerPx = 2 ** level / 4096;
  const cmp = w.cmp;
  if (lane !== 'truth' && !cmp) return out;
  if (lane === 'uffd' && !cmp?.uffd) return out;
  if (lane === 'soft' && !cmp?.softDirty) return out;
  // Sampled workloads keep fewer bits than pages: `scale` pages per bit.
  const scale = cmp ? 1 : w.pages / w.trackedPages;
  const bits = writtenBits(w);
  const pageSet = (p: number): boolean => {
    if (lane === 'uffd') return cmp!.uffd!.isWritten(p);
    if (lane === 'soft') return cmp!.softDirty!.isDirty(p);
    const b = Math.floor(p / scale);
    return (bits[b >>> 5] & (1 << (b & 31))) !== 0;
  };
  if (pagesPerPx < 1) {
    // Zoomed in past one page a pixel: each pixel shows its page.
    for (let i = 0; i < DIRTY_TILE_PX; i++) {
      const p = Math.floor(((index * DIRTY_TILE_PX + i) * 2 ** level) / 4096);
      if (p < w.pages && pageSet(p)) out[i] = 1;
    }
    return out;
  }
  const from = index * DIRTY_TILE_PX * pagesPerPx;
  if (from >= w.pages) return out;
  const to = Math.min(w.pages, from + DIRTY_TILE_PX * pagesPerPx);
  const npx = Math.ceil((to - from) / pagesPerPx);
  const sub = out.subarray(0, npx);
  if (lane === 'uffd') writtenBuckets(cmp!.uffd!, from, to, sub);
  else if (lane === 'soft') softDirtyBuckets(cmp!.softDirty!, from, to, sub);
  else countBuckets(bits, from / scale, to / scale, sub);
  return out;
}

/** Set bits per bucket of [from, to) (bit indices), word at a time inside each bucket. */
function countBuckets(bits: Uint32Array, from: number, to: number, out: Uint32Array): void {
  const n = out.length;
  const len = to - from;
  for (let i = 0; i < n; i++) {
    const a = Math.floor(from + (i * len) / n);
    const b = Math.floor(from + ((i + 1) * len) / n);
    out[i] = countRange(bits, a, b);
  }
}

function countRange(bits: Uint32Array, a: number, b: number): number {
  let c = 0;
  let p = a;
  while (p < b && p & 31) c += (bits[p >>> 5] >>> (p++ & 31)) & 1;
  for (; p + 32 <= b; p += 32) c += popcount(bits[p >>> 5]);
  while (p < b) c += (bits[p >>> 5] >>> (p++ & 31)) & 1;
  return c;
}

function popcount(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}
