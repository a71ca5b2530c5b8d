import { describe, expect, it } from 'vitest';
import { APPROACHES, compareApproaches } from './compare';
import { pagePrecopy } from './precopy';

const MiB = 2 ** 20;
const workload = { memoryBytes: 512 * MiB, writesPerS: 5000, hotSetFraction: 0.25, seed: 11 };

describe('compareApproaches', () => {
  const c = compareApproaches(workload);
  const by = Object.fromEntries(c.approaches.map((a) => [a.id, a]));

  it('runs all six approaches in order, with totals, segments and a series on one grid', () => {
    expect(c.approaches.map((a) => a.id)).toEqual([...APPROACHES]);
    for (const a of c.approaches) {
      expect(a.label.length).toBeGreaterThan(0);
      expect(a.series.length).toBe(201);
      expect(a.series[a.series.length - 1].tS).toBeCloseTo(c.horizonS, 9);
      expect(a.totals.totalS).toBeGreaterThan(0);
      expect(a.totals.downtimeS).toBeLessThanOrEqual(a.totals.totalS + 1e-12);
      expect(a.totals.lostWorkS).toBeGreaterThanOrEqual(a.totals.downtimeS - 1e-12);
      expect(a.totals.lostWorkOverHorizonS).toBeGreaterThanOrEqual(a.totals.lostWorkS);
      expect(a.notes.length).toBeGreaterThan(0);
    }
  });

  it('pre-copy is the same run as pagePrecopy on the same seed; post-copy shares its round 0', () => {
    const alone = pagePrecopy({ memoryBytes: workload.memoryBytes, writesPerS: 5000, hotSetFraction: 0.25, seed: 11, resumeS: 0.01 + 1 / 128 });
    expect(by.precopy.rounds).toEqual(alone.rounds);
    expect(by.postcopy.rounds[0]).toEqual(by.precopy.rounds[0]);
    expect(c.precopy?.closedForm.pageGranular.rounds.length).toBeGreaterThan(1);
  });

  it('network bytes: pre- and post-copy move the memory over the network, CXL only the device state, live update and snapshot nothing', () => {
    expect(by.precopy.totals.networkBytes).toBeGreaterThan(workload.memoryBytes);
    expect(by.postcopy.totals.networkBytes).toBeGreaterThan(workload.memoryBytes);
    expect(by['cxl-1'].totals.networkBytes).toBe(MiB);
    expect(by['cxl-2'].totals.networkBytes).toBe(MiB);
    expect(by['live-update'].totals.networkBytes).toBe(0);
    expect(by['cow-snapshot'].totals.networkBytes).toBe(0);
  });

  it('downtimes: post-copy and the CXL switch are short; CXL 2 keeps a steady slowdown over the horizon', () => {
    expect(by.postcopy.totals.downtimeS).toBeLessThan(by.precopy.totals.downtimeS);
    expect(by['cxl-2'].totals.totalS).toBe(by['cxl-2'].totals.downtimeS);
    expect(by['cxl-2'].totals.steadySlowdown).toBeGreaterThan(0);
    expect(by['cxl-2'].series[200].progressRate).toBeCloseTo(1 - by['cxl-2'].totals.steadySlowdown, 12);
    expect(by['cxl-2'].totals.lostWorkOverHorizonS).toBeGreaterThan(by['cxl-2'].totals.lostWorkS);
  });

  it('the snapshot window is the horizon; a subset of approaches can be asked for', () => {
    expect(by['cow-snapshot'].totals.totalS).toBeGreaterThanOrEqual(by.precopy.totals.totalS);
    const two = compareApproaches(workload, { approaches: ['cxl-1', 'live-update'] });
    expect(two.approaches.map((a) => a.id)).toEqual(['cxl-1', 'live-update']);
    expect(two.precopy).toBeNull();
  });

  it('is deterministic for a workload and seed', () => {
    expect(compareApproaches(workload, { approaches: ['precopy', 'postcopy', 'cow-snapshot'] })).toEqual(compareApproaches(workload, { approaches: ['precopy', 'postcopy', 'cow-snapshot'] }));
  });
});
