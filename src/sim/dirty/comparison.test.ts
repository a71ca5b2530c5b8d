import { describe, expect, it } from 'vitest';
import { TrackerComparison } from './comparison';
import { costRatios, REFERENCE_COSTS, scanCostNs } from './costs';
import { parseTraceStrict } from './trace';
import { createWorkload, runWorkload, type WorkloadSpec } from './workloads';
import { PTE_SOFTWARE_BITS } from './pteBits';
import { ARCHES, kernelProfile } from './arch';

describe('costs', () => {
  it('keeps the reference ratios: async WP fault ~24x a plain write, sync ~150x', () => {
    const r = costRatios();
    expect(r.asyncFault).toBeCloseTo(24.1, 1);
    expect(r.syncFault).toBeCloseTo(152.6, 1);
    expect(r.syncFaultSlow / r.asyncFault).toBeGreaterThan(50);
  });

  it('fits the measured scan rows it was derived from', () => {
    const perPage = (reported: number, regions: number) => scanCostNs(16384, reported, regions, true) / 16384;
    expect(perPage(0, 0)).toBeCloseTo(0.7, 5);
    expect(perPage(16384, 1)).toBeCloseTo(10.8, 1);
    expect(perPage(256, 256)).toBeCloseTo(1.6, 5);
    expect(REFERENCE_COSTS.pageTableBytesPerPage).toBe(8);
  });
});

describe('workloads', () => {
  const specs: WorkloadSpec[] = [
    { kind: 'uniform' },
    { kind: 'hotset', hotFraction: 0.01, hotWriteFraction: 0.9 },
    { kind: 'sequential' },
    { kind: 'guest-mix', readFraction: 0.3 },
  ];

  it.each(specs)('$kind is deterministic for a seed and resumable from its plain state', (spec) => {
    const seen = (seed: number, split: boolean) => {
      const pages: number[] = [];
      const target = { write: (p: number) => pages.push(p), read: (p: number) => pages.push(-p - 1) };
      const w = createWorkload(spec, 10_000, seed);
      if (split) {
        runWorkload(w, target, 300);
        runWorkload(structuredClone(w), target, 0);
        runWorkload(w, target, 300);
      } else runWorkload(w, target, 600);
      return pages;
    };
    expect(seen(7, true)).toEqual(seen(7, false));
    if (spec.kind !== 'sequential') expect(seen(7, false)).not.toEqual(seen(8, false));
  });

  it('hot set takes its share of writes; sequential streams', () => {
    const hits: number[] = [];
    runWorkload(createWorkload({ kind: 'hotset', hotFraction: 0.01, hotWriteFraction: 0.9 }, 10_000, 1), { write: (p) => hits.push(p), read: () => {} }, 5000);
    const hot = hits.filter((p) => p < 100).length / hits.length;
    expect(hot).toBeGreaterThan(0.85);
    expect(hot).toBeLessThan(0.95);
    const seq: number[] = [];
    runWorkload(createWorkload({ kind: 'sequential' }, 5, 1), { write: (p) => seq.push(p), read: () => {} }, 7);
    expect(seq).toEqual([0, 1, 2, 3, 4, 0, 1]);
  });

  it('replays a trace and stops at each round boundary', () => {
    const trace = parseTraceStrict('w 0-2\nr 5\nclear\nw 9\nscanclear\n');
    const w = createWorkload({ kind: 'trace', trace }, 64, 0);
    const log: string[] = [];
    const target = { write: (p: number) => log.push(`w${p}`), read: (p: number) => log.push(`r${p}`) };
    expect(runWorkload(w, target, 100)).toEqual({ writes: 3, reads: 1, roundEnd: true, done: false });
    expect(runWorkload(w, target, 100)).toEqual({ writes: 1, reads: 0, roundEnd: true, done: true });
    expect(log).toEqual(['w0', 'w1', 'w2', 'r5', 'w9']);
  });
});

describe('TrackerComparison', () => {
  it('soft-dirty over-reports by whole THPs where uffd-wp is exact', () => {
    const cmp = new TrackerComparison({ pages: 4096, thp: true });
    const w = createWorkload({ kind: 'uniform' }, 4096, 3);
    runWorkload(w, cmp, 20);
    const r = cmp.endRound();
    expect(r.uffd!.pagesReported).toBe(r.pagesWritten);
    expect(r.softDirty!.pagesReported % 512).toBe(0);
    expect(r.softDirty!.falsePositives).toBeGreaterThan(0);
    expect(r.softDirty!.falseNegatives).toBe(0);
  });

  it('charges the first round for arming and page tables, later rounds for faults and scans', () => {
    const cmp = new TrackerComparison({ pages: 2048 });
    cmp.write(1);
    const first = cmp.endRound();
    cmp.write(1);
    cmp.write(2);
    const second = cmp.endRound();
    expect(first.uffd!.cost.armNs).toBeCloseTo(2048 * REFERENCE_COSTS.writeProtectNsPerPage);
    expect(second.uffd!.cost.armNs).toBe(0);
    expect(second.uffd!.faults).toBe(2);
    expect(second.uffd!.cost.faultNs).toBeCloseTo(2 * REFERENCE_COSTS.asyncFaultNs);
    expect(second.uffd!.pageTableBytes).toBe(4 * 4096);
    expect(second.softDirty!.faults).toBe(1); // page 1 was mapped before clear_refs; page 2 is a first touch
  });

  it('has no soft-dirty tracker on arm64 and no uffd-wp on s390', () => {
    expect(new TrackerComparison({ pages: 64, arch: 'arm64' }).softDirty).toBeNull();
    expect(new TrackerComparison({ pages: 64, arch: 's390' }).uffd).toBeNull();
    expect(() => kernelProfile('arm64', { softDirty: true })).toThrow('arm64 has no soft-dirty');
    expect(ARCHES.arm64.uffdWp).toBe('yes');
  });

  it('cites PTE bits: x86_64 soft-dirty bit 11 and uffd-wp bit 10; arm64 uffd-wp bit 58 only', () => {
    expect(PTE_SOFTWARE_BITS.x86_64.softDirty?.pte).toBe(11);
    expect(PTE_SOFTWARE_BITS.x86_64.uffdWp.pte).toBe(10);
    expect(PTE_SOFTWARE_BITS.arm64.softDirty).toBeNull();
    expect(PTE_SOFTWARE_BITS.arm64.uffdWp).toMatchObject({ pte: 58, swap: 3 });
    for (const a of Object.values(PTE_SOFTWARE_BITS)) expect(a.sources.length).toBeGreaterThan(0);
  });
});

describe('TrackerComparison save and load', () => {
  it('resumes from a structuredClone of its state exactly as it would have gone on', () => {
    const a = new TrackerComparison({ pages: 4096, arch: 'x86_64', thp: true });
    for (let i = 0; i < 300; i++) a.write((i * 7919) % 4096);
    a.endRound();
    for (let i = 0; i < 200; i++) a.write((i * 104729) % 4096);
    const b = TrackerComparison.load(structuredClone(a.save()));
    for (const c of [a, b]) for (let i = 0; i < 150; i++) c.write((i * 31) % 4096);
    expect(b.endRound()).toEqual(a.endRound());
  });
});
