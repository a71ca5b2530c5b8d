// Size of the preserved-memory tracker for a preserved set, in each format:
//  - 6.16: per order, 512-byte bitmaps (4096 blocks each) in an xarray, serialized at finalize into
//    a list of 4 KiB chunks of 255 {phys_start, bitmap PA} entries (S-KHO-616);
//  - 6.19: the same shape with PAGE_SIZE bitmaps (32768 blocks, 128 MiB of order 0 each) (S-KHO-619);
//  - post-6.19: one radix tree for all orders, 4 KiB tables of 512 entries and 4 KiB leaf bitmaps,
//    key = (1 << (52 - order)) | (pa >> (12 + order)) (S-KHO-RADIX).
// xarray node overhead of 6.16/6.19 is not counted (an approximation, noted in the docs).
import { BITMAP_BYTES, CHUNK_ENTRIES, KHO_BITMAP_SIZE_LOG2, KHO_ORDER_0_LOG2, KHO_TABLE_SIZE_LOG2, PAGE_SHIFT, PAGE_SIZE } from './constants';
import type { Extent } from './types';

/** `count` naturally aligned blocks of 2^order pages starting at pfn. */
export interface BlockRun {
  pfn: number;
  count: number;
  order: number;
}

/** A preserved range as the kernel splits it: order = min(ctz(pfn), ilog2(end - pfn)). */
export function splitRange(pfn: number, pages: number): BlockRun[] {
  const out: BlockRun[] = [];
  let p = pfn;
  const end = pfn + pages;
  while (p < end) {
    let order = 0;
    while (p % 2 ** (order + 1) === 0 && p + 2 ** (order + 1) <= end) order++;
    const last = out[out.length - 1];
    if (last && last.order === order && last.pfn + last.count * 2 ** order === p) last.count++;
    else out.push({ pfn: p, count: 1, order });
    p += 2 ** order;
  }
  return out;
}

/** The tracker's view of preserved extents: folios keep their order, page ranges are split, vmalloc pages are order 0. */
export function blockRuns(extents: Pick<Extent, 'pa' | 'pages' | 'order' | 'preserved'>[]): BlockRun[] {
  const runs: BlockRun[] = [];
  for (const e of extents) {
    if (!e.preserved) continue;
    const pfn = e.pa / PAGE_SIZE;
    if (e.preserved === 'folio') runs.push({ pfn, count: e.pages / 2 ** e.order, order: e.order });
    else if (e.preserved === 'vmalloc') runs.push({ pfn, count: e.pages, order: 0 });
    else runs.push(...splitRange(pfn, e.pages));
  }
  return runs;
}

/** Number of distinct values of floor(x / 2^shift) over a union of integer intervals [a, b]. */
function distinct(intervals: [number, number][], shift: number): number {
  const d = 2 ** shift;
  const iv = intervals.map(([a, b]) => [Math.floor(a / d), Math.floor(b / d)] as [number, number]).sort((x, y) => x[0] - y[0]);
  let n = 0;
  let curEnd = -1;
  for (const [a, b] of iv) {
    if (a > curEnd) {
      n += b - a + 1;
      curEnd = b;
    } else if (b > curEnd) {
      n += b - curEnd;
      curEnd = b;
    }
  }
  return n;
}

export interface TrackerSize {
  format: '6.16' | '6.19' | 'radix';
  /** Bitmaps (6.16/6.19) or leaf pages (radix). */
  bitmaps: number;
  /** Chunk pages (6.16/6.19) or table pages (radix). */
  indexPages: number;
  bytes: number;
}

function bitmapTracker(runs: BlockRun[], format: '6.16' | '6.19'): TrackerSize {
  const bitsLog2 = Math.log2(BITMAP_BYTES[format] * 8);
  const byOrder = new Map<number, [number, number][]>();
  for (const r of runs) {
    const first = r.pfn / 2 ** r.order;
    const list = byOrder.get(r.order) ?? [];
    list.push([first, first + r.count - 1]);
    byOrder.set(r.order, list);
  }
  let bitmaps = 0;
  let chunks = 0;
  for (const list of byOrder.values()) {
    const n = distinct(list, bitsLog2);
    bitmaps += n;
    chunks += Math.ceil(n / CHUNK_ENTRIES);
  }
  return { format, bitmaps, indexPages: chunks, bytes: bitmaps * BITMAP_BYTES[format] + chunks * PAGE_SIZE };
}

function radixTracker(runs: BlockRun[]): TrackerSize {
  if (!runs.length) return { format: 'radix', bitmaps: 0, indexPages: 0, bytes: 0 };
  const keys: [number, number][] = runs.map((r) => {
    const k = 2 ** (KHO_ORDER_0_LOG2 - r.order) + r.pfn / 2 ** r.order;
    return [k, k + r.count - 1];
  });
  const leaves = distinct(keys, KHO_BITMAP_SIZE_LOG2);
  let tables = 0;
  // Levels 1..4 are tables indexed by 9 key bits each above the 15 bitmap bits; level 5 is the root.
  for (let level = 1; level <= 4; level++) tables += distinct(keys, KHO_BITMAP_SIZE_LOG2 + KHO_TABLE_SIZE_LOG2 * level);
  tables += 1;
  return { format: 'radix', bitmaps: leaves, indexPages: tables, bytes: (leaves + tables) * PAGE_SIZE };
}

export function trackerSize(runs: BlockRun[], format: '6.16' | '6.19' | 'radix'): TrackerSize {
  return format === 'radix' ? radixTracker(runs) : bitmapTracker(runs, format);
}

/** The three formats side by side, for the KHO view. */
export function trackerSizes(runs: BlockRun[]): Record<'6.16' | '6.19' | 'radix', TrackerSize> {
  return { '6.16': trackerSize(runs, '6.16'), '6.19': trackerSize(runs, '6.19'), radix: trackerSize(runs, 'radix') };
}

export const TRACKER_NOTE =
  'Tracker sizes count bitmaps, chunk pages and radix pages only; xarray node overhead in 6.16/6.19 is left out.';

export const PAGE_SHIFT_BITS = PAGE_SHIFT;
