import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { layoutMap, MIN_RANGE_PX } from './layout';
import type { Machine } from '../../sim/machine/schema';

const machine = (ranges: [number, number, number][]): Machine => ({
  name: 'm',
  arch: 'x86_64',
  memoryBlockBytes: 2 ** 27,
  nodes: [
    { id: 0, cpus: [0], tier: 'dram' },
    { id: 1, cpus: [], tier: 'cxl' },
  ],
  ranges: ranges.map(([start, size, node], i) => ({ id: `r${i}`, start, size, node, type: 'system-ram', online: true })),
});

describe('memory map layout', () => {
  it('keeps ranges in address order, at least MIN_RANGE_PX wide, inside the width', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(2 ** 40), fc.integer({ min: 1, max: 2 ** 36 }), fc.constantFrom(0, 1)), { minLength: 1, maxLength: 30 }), (rs) => {
        const l = layoutMap(machine(rs), 1000);
        expect(l.width).toBeLessThanOrEqual(1000 + 1e-6 + rs.length * 0); // never wider than asked
        const byStart = [...l.ranges].sort((a, b) => a.range.start - b.range.start);
        for (let i = 1; i < byStart.length; i++) expect(byStart[i].x).toBeGreaterThanOrEqual(byStart[i - 1].x - 1e-6);
        for (const p of l.ranges) expect(p.w).toBeGreaterThanOrEqual(MIN_RANGE_PX);
      }),
    );
  });

  it('compresses a 1 TiB hole to one gap and draws ranges to scale', () => {
    const l = layoutMap(machine([[0, 2 ** 30, 0], [2 ** 40, 3 * 2 ** 30, 1]]), 800);
    expect(l.holes).toHaveLength(1);
    expect(l.holes[0].bytes).toBe(2 ** 40 - 2 ** 30);
    const [a, b] = l.ranges;
    expect(b.w / a.w).toBeGreaterThan(2.5);
    expect(b.w / a.w).toBeLessThan(3.1);
    expect(l.lanes.map((x) => x.node)).toEqual([0, 1]);
  });
});
