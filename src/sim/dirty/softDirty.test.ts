import { describe, expect, it } from 'vitest';
import { SoftDirtyTracker } from './softDirty';
import { softDirtyBuckets } from './heatmap';

function tracked(pages: number, thp = false) {
  const s = SoftDirtyTracker.create({ pages, thp });
  s.clearRefs();
  return s;
}

describe('SoftDirtyTracker', () => {
  it('a new mapping reads wholly soft-dirty until clear_refs', () => {
    const s = SoftDirtyTracker.create({ pages: 100 });
    expect(s.dirtyCount()).toBe(100);
    s.clearRefs();
    expect(s.dirtyCount()).toBe(0);
    s.write(7);
    expect(s.isDirty(7)).toBe(true);
    expect(s.dirtyCount()).toBe(1);
  });

  it('counts a fault only for a write to a mapped page it write-protected', () => {
    const s = tracked(64);
    s.write(1); // first touch: allocation, not a tracking fault
    s.clearRefs();
    s.write(1);
    s.write(1);
    expect(s.counts.wpFaults).toBe(1);
    expect(s.counts.entriesCleared).toBe(1);
  });

  it('THP granularity: one write dirties the 512 pages of its PMD', () => {
    const s = tracked(1024, true);
    s.write(700);
    expect(s.dirtyCount()).toBe(512);
    expect(s.isDirty(512) && s.isDirty(1023) && !s.isDirty(0)).toBe(true);
  });

  it('munmap + mmap merging with the neighbours flags the whole merged VMA', () => {
    const merged = tracked(3000);
    merged.remapNew(1000, 1010);
    expect(merged.dirtyCount()).toBe(3000);
    const separate = tracked(3000);
    separate.remapNew(1000, 1010, false);
    expect(separate.dirtyCount()).toBe(10);
    separate.clearRefs();
    expect(separate.dirtyCount()).toBe(0);
  });

  it('mremap marks every moved PTE; MADV_DONTNEED drops the bits', () => {
    const s = tracked(64);
    for (const p of [3, 4, 40]) s.read(p);
    s.mremap(0, 32);
    expect([s.isDirty(3), s.isDirty(4), s.isDirty(40), s.isDirty(5)]).toEqual([true, true, false, false]);
    s.zap(0, 8);
    expect(s.dirtyCount()).toBe(0);
  });

  it('heatmap buckets include VM_SOFTDIRTY pages', () => {
    const s = tracked(4096);
    s.remapNew(2048, 2050, false);
    s.write(10);
    expect(Array.from(softDirtyBuckets(s, 0, 4096, new Uint32Array(4)))).toEqual([1, 0, 2, 0]);
  });

  it('snapshots as plain data', () => {
    const s = tracked(128, true);
    s.write(1);
    const copy = SoftDirtyTracker.fromState(structuredClone(s.snapshot()));
    s.clearRefs();
    expect(copy.dirtyCount()).toBe(1); // 128 pages cannot hold a THP: 4 KiB granularity
    expect(s.dirtyCount()).toBe(0);
    expect(copy.isDirty(1)).toBe(true);
  });
});
