import { describe, expect, it } from 'vitest';
import { MEMTIER_ADISTANCE_DRAM, MEMTIER_DEFAULT_DAX_ADISTANCE } from './constants';
import { deriveLayout } from './derive';
import { presetMachine } from './test-helpers';
import { demotionTargets, groupTiers, perfToAdistance, tierIdOf } from './tiers';

const dram = { readLatencyNs: 100, writeLatencyNs: 100, readBandwidthMiBps: 10000, writeBandwidthMiBps: 10000 };

describe('memory tiers', () => {
  it('DRAM is adistance 576 in memory_tier4; kmem default is 2880 in memory_tier22', () => {
    expect(MEMTIER_ADISTANCE_DRAM).toBe(576);
    expect(tierIdOf(576)).toBe(4);
    expect(MEMTIER_DEFAULT_DAX_ADISTANCE).toBe(2880);
    expect(tierIdOf(2880)).toBe(22);
  });

  it('mt_perf_to_adistance: twice the latency and half the bandwidth gives 2304 (tier 18)', () => {
    const slow = { readLatencyNs: 200, writeLatencyNs: 200, readBandwidthMiBps: 5000, writeBandwidthMiBps: 5000 };
    expect(perfToAdistance(slow, dram)).toBe(2304);
    expect(tierIdOf(2304)).toBe(18);
    expect(perfToAdistance(dram, dram)).toBe(576);
  });

  it('uses integer division left to right as the C code does', () => {
    // 576*250/200 = 720; 720*20000/15000 = 960 exactly; a float formula would give the same here,
    // but 576*333/200 = 959.04 -> 959 first, then 959*20000/19999 = 959.04 -> 959.
    expect(perfToAdistance({ readLatencyNs: 133, writeLatencyNs: 200, readBandwidthMiBps: 9999, writeBandwidthMiBps: 10000 }, dram)).toBe(959);
  });

  it('demotes to the nearest node of the next tier only', () => {
    const tiers = groupTiers(new Map([[0, 576], [1, 576], [2, 2880], [3, 2880]]));
    expect(tiers.map((t) => t.id)).toEqual([4, 22]);
    const d = (a: number, b: number) => (a === b ? 10 : (a + b) % 2 === 0 ? 17 : 28);
    const targets = demotionTargets(tiers, d);
    expect(targets.get(0)).toEqual([2]);
    expect(targets.get(1)).toEqual([3]);
    expect(targets.get(2)).toEqual([]);
  });

  it('kmem nodes of a preset land in tier 22 and DRAM demotes to them', () => {
    const layout = deriveLayout(presetMachine('devdax-system-ram'));
    expect(layout.tiers.map((t) => [t.id, t.nodes])).toEqual([[4, [0, 1]], [22, [2, 3]]]);
    const node1 = layout.nodes.find((n) => n.id === 1)!;
    expect(node1.demotionTargets).toEqual([3]); // SLIT 17 beats 24
  });
});
