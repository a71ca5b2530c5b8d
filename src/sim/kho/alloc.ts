// A simplified page allocator for the simulated machine: free ranges in address order, a cursor
// that moves forward, and freed pages that are merged back only when the cursor runs out. It never
// hands out scratch pages: preserved memory must not be in scratch (memfd pins migrate out of CMA,
// KHO metadata is unmovable), so the simulator keeps all its allocations outside scratch.
import type { AllocRange, AllocState } from './types';

export function makeAllocator(ranges: AllocRange[]): AllocState {
  const sorted = coalesce(ranges);
  return { ranges: sorted, cursor: 0, freed: [], freePages: sorted.reduce((s, r) => s + r.pages, 0) };
}

function coalesce(ranges: AllocRange[]): AllocRange[] {
  const rs = ranges.filter((r) => r.pages > 0).sort((a, b) => a.pfn - b.pfn);
  const out: AllocRange[] = [];
  for (const r of rs) {
    const last = out[out.length - 1];
    if (last && last.pfn + last.pages >= r.pfn) {
      last.pages = Math.max(last.pages, r.pfn + r.pages - last.pfn);
    } else out.push({ ...r });
  }
  return out;
}

function remerge(a: AllocState): boolean {
  if (!a.freed.length) return false;
  a.ranges = coalesce([...a.ranges.slice(a.cursor), ...a.ranges.slice(0, a.cursor), ...a.freed]);
  a.freed = [];
  a.cursor = 0;
  return true;
}

/** Contiguous, naturally aligned to `align` pages. Returns the first pfn or null (-ENOMEM). */
export function allocContiguous(a: AllocState, pages: number, align = 1): number | null {
  if (pages <= 0 || a.freePages < pages) return null;
  for (let pass = 0; pass < 2; pass++) {
    for (let i = a.cursor; i < a.ranges.length; i++) {
      const r = a.ranges[i];
      if (r.pages < pages) continue;
      const start = Math.ceil(r.pfn / align) * align;
      const end = r.pfn + r.pages;
      if (start + pages > end) continue;
      if (start > r.pfn) a.freed.push({ pfn: r.pfn, pages: start - r.pfn });
      r.pages = end - (start + pages);
      r.pfn = start + pages;
      a.freePages -= pages;
      if (i === a.cursor) while (a.cursor < a.ranges.length && a.ranges[a.cursor].pages === 0) a.cursor++;
      return start;
    }
    if (!remerge(a)) break;
  }
  return null;
}

/** Up to `pages` pages, possibly in several pieces. All or nothing: null when not enough is free. */
export function allocScattered(a: AllocState, pages: number): AllocRange[] | null {
  if (pages <= 0) return [];
  if (a.freePages < pages) return null;
  const out: AllocRange[] = [];
  let left = pages;
  for (let pass = 0; pass < 2 && left > 0; pass++) {
    for (let i = a.cursor; i < a.ranges.length && left > 0; i++) {
      const r = a.ranges[i];
      if (!r.pages) continue;
      const n = Math.min(r.pages, left);
      out.push({ pfn: r.pfn, pages: n });
      r.pfn += n;
      r.pages -= n;
      left -= n;
      a.freePages -= n;
    }
    while (a.cursor < a.ranges.length && a.ranges[a.cursor].pages === 0) a.cursor++;
    if (left > 0 && !remerge(a)) break;
  }
  if (left > 0) {
    for (const p of out) freeRange(a, p.pfn, p.pages);
    return null;
  }
  return out;
}

export function freeRange(a: AllocState, pfn: number, pages: number): void {
  a.freed.push({ pfn, pages });
  a.freePages += pages;
}
