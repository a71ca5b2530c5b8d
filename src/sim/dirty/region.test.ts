import { describe, expect, it } from 'vitest';
import { KernelError } from './errors';
import { FAULT_ALLOC, FAULT_HANDLER_EINVAL, FAULT_NONE, FAULT_SEGV, FAULT_SPLIT, FAULT_THP, FAULT_WP, FAULT_ZERO_MAP } from './faults';
import { countA } from './pageStore';
import { UffdWpRegion } from './region';
import { madviseDontneed, madviseGuardInstall } from './regionMadvise';
import { categoryRuns, pageCategories, scanWritten } from './regionScan';
import { PAGE_IS_HUGE, PAGE_IS_PRESENT, PAGE_IS_WPALLOWED, PAGE_IS_WRITTEN } from './constants';
import { writtenBuckets } from './heatmap';

function armed(config: Parameters<typeof UffdWpRegion.create>[0]) {
  const r = UffdWpRegion.create(config);
  r.arm();
  return r;
}

const pagesOf = (r: UffdWpRegion) => {
  const { regions } = scanWritten(r);
  const out: number[] = [];
  for (let i = 0; i < regions.length; i += 2) for (let p = regions[i]; p < regions[i + 1]; p++) out.push(p);
  return out;
};

describe('UffdWpRegion', () => {
  it('reports fault kinds: marker write = allocation + WP fault, second write none', () => {
    const r = armed({ pages: 64 });
    expect(r.write(5)).toBe(FAULT_ALLOC | FAULT_WP);
    expect(r.write(5)).toBe(FAULT_NONE);
    expect(r.read(6)).toBe(FAULT_ZERO_MAP);
    expect(r.write(6) & FAULT_WP).toBe(FAULT_WP);
    expect(r.counts.wpFaults).toBe(2);
    expect(pagesOf(r)).toEqual([5, 6]);
  });

  it('allocates page tables for the whole range when arming with markers (8 B per page)', () => {
    expect(armed({ pages: 2048 }).counts.pageTables).toBe(4);
    expect(armed({ pages: 2048, mode: 'sync', unpopulated: false }).counts.pageTables).toBe(0);
  });

  it('splits a protected THP on first write and keeps 4 KiB granularity', () => {
    const r = armed({ pages: 1024, thp: true, prefault: 'write' });
    expect(r.isHugeMapped(700)).toBe(true);
    expect(r.write(700)).toBe(FAULT_SPLIT | FAULT_WP);
    expect(r.isHugeMapped(700)).toBe(false);
    expect(r.isHugeMapped(3)).toBe(true);
    expect(pagesOf(r)).toEqual([700]);
  });

  it('maps a whole unprotected THP without markers, and one after a whole-unit zap in async mode', () => {
    const sync = armed({ pages: 512, thp: true, mode: 'sync', unpopulated: false });
    expect(sync.write(3)).toBe(FAULT_ALLOC | FAULT_THP);
    expect(sync.writtenCount()).toBe(512);
    const async = armed({ pages: 1024, thp: true, prefault: 'write' });
    madviseDontneed(async, 0, 512);
    async.clear(); // markers go back, so the next fault is 4 KiB again
    expect(async.write(10)).toBe(FAULT_ALLOC | FAULT_WP);
    expect(async.writtenCount()).toBe(1);
  });

  it('hugetlb: 2 MiB granularity; a sync handler cannot un-protect 4 KiB of it', () => {
    const r = armed({ pages: 1024, backing: 'hugetlb' });
    r.write(600);
    expect(r.writtenCount()).toBe(512);
    expect(pageCategories(r, 0) & PAGE_IS_HUGE).toBe(PAGE_IS_HUGE);
    const s = armed({ pages: 512, backing: 'hugetlb', mode: 'sync' });
    expect(s.write(1) & FAULT_HANDLER_EINVAL).toBe(FAULT_HANDLER_EINVAL);
    expect(() => madviseDontneed(r, 3, 600)).toThrow(KernelError);
    expect(() => madviseGuardInstall(r, 0, 512)).toThrow(KernelError);
  });

  it('guard pages fault with SIGSEGV and survive clear and dontneed', () => {
    const r = armed({ pages: 16 });
    madviseGuardInstall(r, 4, 6);
    expect(r.write(4)).toBe(FAULT_SEGV);
    expect(r.read(5)).toBe(FAULT_SEGV);
    r.clear();
    madviseDontneed(r, 0, 16);
    expect(r.isGuard(4) && r.isGuard(5)).toBe(true);
    expect(pagesOf(r)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
  });

  it('scan limits: max_pages cuts inside a run, vec_len stops before the region that does not fit', () => {
    const r = armed({ pages: 64 });
    for (const p of [0, 1, 2, 3, 4, 5, 20, 30, 31]) r.write(p);
    expect(scanWritten(r, { maxPages: 4 })).toEqual({ regions: [0, 4], pages: 4, walkEnd: 4 });
    expect(scanWritten(r, { maxPages: 6 })).toEqual({ regions: [0, 6], pages: 6, walkEnd: 20 });
    expect(scanWritten(r, { vecLen: 2, wpMatching: true })).toEqual({ regions: [0, 6, 20, 21], pages: 7, walkEnd: 30 });
    expect(pagesOf(r)).toEqual([30, 31]);
    expect(() => scanWritten(armed({ pages: 8, mode: 'sync' }), { wpMatching: true, checkWpAsync: true })).toThrow('Operation not permitted');
  });

  it('keeps block summaries equal to the bitmap and snapshots as plain data', () => {
    const r = armed({ pages: 5000 });
    for (let p = 0; p < 5000; p += 7) r.write(p);
    madviseDontneed(r, 100, 2100);
    const snap = r.snapshot();
    const copy = UffdWpRegion.fromState(structuredClone(snap));
    r.clear();
    expect(r.writtenCount()).toBe(0);
    expect(copy.writtenCount()).toBe(countA(snap.store, 0, 5000));
    expect(copy.writtenCount()).toBeGreaterThan(2000);
    expect(categoryRuns(copy, 0, 100)[0].categories).toBe(PAGE_IS_WPALLOWED | PAGE_IS_WRITTEN | PAGE_IS_PRESENT);
  });

  it('heatmap buckets keep one written page visible and add up to the total', () => {
    const pages = 1 << 22;
    const r = armed({ pages });
    r.write(3_000_001);
    const out = writtenBuckets(r, 0, pages, new Uint32Array(100));
    expect(out.reduce((a, b) => a + b, 0)).toBe(1);
    expect(out[Math.floor((3_000_001 * 100) / pages)]).toBe(1);
    expect(r.memoryBytes() / pages).toBeLessThanOrEqual(0.3);
  });
});
