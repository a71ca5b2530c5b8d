import { describe, expect, it } from 'vitest';
import { postcopy, simulatePostcopyPhase } from './postcopy';
import { Prng } from '../engine/prng';

const MiB = 2 ** 20;
const B = 128 * MiB;
const slotS = 4096 / B;
const noSwitch = { fixedS: 0, deviceStateBytes: 0 };

describe('post-copy', () => {
  it('pure post-copy: every page crosses the network once; the link time is exact; short downtime', () => {
    const r = postcopy({ memoryBytes: 256 * MiB, bandwidthBps: B, writesPerS: 20_000, seed: 4, params: { precopyRounds: 0 }, switchover: { fixedS: 0.01, deviceStateBytes: MiB } });
    expect(r.precopyRounds).toEqual([]);
    expect(r.missingPagesAtSwitch).toBe(65536);
    expect(r.networkBytes).toBe(256 * MiB + MiB);
    expect(r.downtimeS).toBeCloseTo(0.01 + 1 / 128, 12);
    expect(r.postcopyS).toBeGreaterThanOrEqual(65536 * slotS - 1e-9);
    expect(r.postcopyS).toBeLessThan(65536 * slotS + r.faultLatencyS + 1e-9);
    expect(r.buckets.reduce((s, b) => s + b.pagesArrived, 0)).toBe(65536);
    expect(r.faults).toBeGreaterThan(0);
    expect(r.stallS).toBeCloseTo(r.faults * r.faultLatencyS, 9);
    expect(r.lostWorkS).toBeCloseTo(r.downtimeS + r.stallS, 6);
  });

  it('one pre-copy pass first: what it found dirty is what is missing, and it is the same round 0 as pre-copy', () => {
    const o = { memoryBytes: 256 * MiB, bandwidthBps: B, writesPerS: 5000, hotSetFraction: 0.5, seed: 9 };
    const r = postcopy({ ...o, switchover: noSwitch });
    expect(r.precopyRounds.length).toBe(1);
    expect(r.missingPagesAtSwitch).toBe(r.precopyRounds[0].dirtyPages);
    expect(r.missingHotPagesAtSwitch).toBe(r.missingPagesAtSwitch);
    expect(r.networkBytes).toBe(256 * MiB + r.missingPagesAtSwitch * 4096);
    expect(r.postcopyStartS).toBeCloseTo(2, 12);
  });

  it('faults: none without accesses; nearly every hot page when accesses are far faster than the link', () => {
    const quiet = simulatePostcopyPhase({ missingHot: 1000, missingOther: 5000, hot: 1000, accessRate: 0, slotS, faultLatencyS: 1e-4, rng: new Prng(1), buckets: 10 });
    expect(quiet.faults).toBe(0);
    expect(quiet.durationS).toBeCloseTo(6000 * slotS, 12);
    const busy = simulatePostcopyPhase({ missingHot: 1000, missingOther: 5000, hot: 1000, accessRate: 1e9, slotS, faultLatencyS: 1e-9, rng: new Prng(1), buckets: 10 });
    expect(busy.faults).toBeGreaterThan(990);
  });

  it('fault count follows the access rate', () => {
    const faults = (a: number) => simulatePostcopyPhase({ missingHot: 20_000, missingOther: 0, hot: 20_000, accessRate: a, slotS, faultLatencyS: 1e-4, rng: new Prng(3), buckets: 10 }).faults;
    expect(faults(100)).toBeLessThan(faults(10_000));
    // At a low rate the expected faults are about a x (time a page stays missing on average) = a x T / 2.
    const T = 20_000 * slotS;
    expect(faults(1000)).toBeGreaterThan(0.7 * (1000 * T) / 2);
    expect(faults(1000)).toBeLessThan(1.3 * (1000 * T) / 2);
  });

  it('same seed, same run', () => {
    const o = { memoryBytes: 64 * MiB, bandwidthBps: B, writesPerS: 50_000, seed: 2, params: { precopyRounds: 0 } };
    expect(postcopy(o)).toEqual(postcopy(o));
  });
});
