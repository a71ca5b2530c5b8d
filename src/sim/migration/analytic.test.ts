// The reference's worked examples (dirty-tracking.md §6), to 1e-6 relative error.
import { describe, expect, it } from 'vitest';
import {
  analyticPrecopy,
  distinctPagesAfter,
  distinctPagesAfterWrites,
  downtimeS,
  expectedDowntimeS,
  expectedPagePrecopy,
  finalThrottle,
  stopIndex,
  thresholdBytes,
  totalBytes,
  totalTimeS,
} from './analytic';
import { precopyConfig, runPrecopy } from './rounds';

const MiB = 2 ** 20;
const GiB = 2 ** 30;
const B = 128 * MiB;

function close(actual: number, expected: number, rel = 1e-6) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
}

describe('F4: QEMU threshold at the defaults', () => {
  it('134217.728 B/ms x 300 ms = 40,265,318.4 B = 38.4 MiB = 9830.4 pages', () => {
    close(thresholdBytes(B, 0.3), 40_265_318.4);
    close(thresholdBytes(B, 0.3) / MiB, 38.4);
    close(thresholdBytes(B, 0.3) / 4096, 9830.4);
    close(expectedDowntimeS(16 * MiB, B), 0.125);
  });
});

describe('worked example 1: 1 GiB at 128 MiB/s, D = 32 MiB/s, d = 300 ms', () => {
  const r = analyticPrecopy({ memoryBytes: GiB, bandwidthBps: B, dirtyRateBps: 32 * MiB, downtimeLimitS: 0.3 });

  it('rounds 1024, 256, 64, 16 MiB (8, 2, 0.5, 0.125 s); n = 3', () => {
    expect(r.rounds.map((x) => x.sentBytes / MiB)).toEqual([1024, 256, 64, 16]);
    r.rounds.forEach((x, i) => close(x.durationS, [8, 2, 0.5, 0.125][i]));
    expect(r.rounds.map((x) => x.stopAndCopy)).toEqual([false, false, false, true]);
    expect(stopIndex(GiB, B, 32 * MiB, 0.3, 29)).toBe(3);
    close(Math.log(0.0375) / Math.log(0.25), 2.3685, 1e-4);
  });

  it('V_total = 1360 MiB, T_total = 10.625 s, T_down = 125 ms; expected_downtime at the last sync 125 ms', () => {
    close(r.sentBytesTotal, 1360 * MiB);
    close(r.totalS, 10.625);
    close(r.downtimeS, 0.125);
    expect(r.converged).toBe(true);
    expect(r.stopReason).toBe('threshold');
    close(r.rounds[2].expectedDowntimeS, 0.125);
    close(totalBytes(GiB, 0.25, 3), 1360 * MiB);
    close(totalTimeS(GiB, B, 0.25, 3), 10.625);
    close(downtimeS(GiB, B, 0.25, 3), 0.125);
  });
});

describe('worked example 2: 4 GiB, D = 160 MiB/s (λ = 1.25)', () => {
  const base = { memoryBytes: 4 * GiB, bandwidthBps: B, dirtyRateBps: 160 * MiB, downtimeLimitS: 0.3 };

  it('diverges without auto-converge: forced stop-and-copy at n_max, downtime over the limit', () => {
    const r = analyticPrecopy(base);
    expect(stopIndex(4 * GiB, B, 160 * MiB, 0.3, 29)).toBe(29);
    expect(r.rounds.length).toBe(30);
    expect(r.converged).toBe(false);
    expect(r.stopReason).toBe('max-rounds');
    expect(r.downtimeS).toBeGreaterThan(0.3);
  });

  it('F5 ladder: D_eff / λ per step; the trigger stops at 60 %', () => {
    const steps = [0, 20, 30, 40, 50, 60].map((p) => (160 * (1 - p / 100)) / 128);
    steps.forEach((l, i) => close(l, [1.25, 1, 0.875, 0.75, 0.625, 0.5][i]));
    expect(finalThrottle(160 * MiB, B)).toBe(60);
  });

  it('with 60 % held from round 0: n = 7, 4096 ... 32 MiB, V_total 8160 MiB, T_total 63.75 s, T_down 250 ms', () => {
    const r = analyticPrecopy({ ...base, fixedThrottlePercent: 60 });
    expect(stopIndex(4 * GiB, B, 64 * MiB, 0.3, 29)).toBe(7);
    close(Math.log(38.4 / 4096) / Math.log(0.5), 6.737, 1e-4);
    expect(r.rounds.map((x) => x.sentBytes / MiB)).toEqual([4096, 2048, 1024, 512, 256, 128, 64, 32]);
    close(r.sentBytesTotal, 8160 * MiB);
    close(r.totalS, 63.75);
    close(r.downtimeS, 0.25);
    expect(r.converged).toBe(true);
  });

  it('with auto-converge: 5 steps (20 ... 60 %), each after two syncs over the threshold, then converges', () => {
    const r = analyticPrecopy({ ...base, autoConverge: true });
    expect(r.throttleSteps.map((s) => s.percent)).toEqual([20, 30, 40, 50, 60]);
    expect(r.throttleSteps.map((s) => s.afterRound)).toEqual([1, 3, 5, 7, 9]);
    expect(r.throttlePercent).toBe(60);
    expect(r.converged).toBe(true);
    expect(r.downtimeS).toBeLessThanOrEqual(0.3);
    // Rounds stay at all of memory until the throttle brings λ under 1.
    expect(r.rounds.slice(0, 4).map((x) => x.sentBytes / MiB)).toEqual([4096, 4096, 4096, 4096]);
  });
});

describe('worked example 3: page-granular F6, N = 262144, w = 5000 writes/s', () => {
  const r = expectedPagePrecopy({ memoryBytes: GiB, bandwidthBps: B, writesPerS: 5000, downtimeLimitS: 0.3 });
  const pages = r.rounds.map((x) => x.sentBytes / 4096);

  it('U_1 = 37097.718, U_2 = 5599.983 <= 9830.4: n = 2', () => {
    expect(pages[0]).toBe(262144);
    close(pages[1], 37097.718);
    close(pages[2], 5599.983);
    close(r.rounds[1].durationS, 1.1321325);
    expect(r.rounds.length).toBe(3);
    close(distinctPagesAfter(262144, 5000, 8), 37097.718);
  });

  it('total 304841.70 pages, T_total 9.30303 s, T_down 170.898 ms', () => {
    close(r.sentBytesTotal / 4096, 304841.7);
    close(r.totalS, 9.30303);
    close(r.downtimeS, 0.170898);
  });

  it('the oracle check: 48 and 50 writes over 256 pages give 43.8 and 45.5 expected distinct pages', () => {
    expect(distinctPagesAfterWrites(256, 48).toFixed(1)).toBe('43.8');
    expect(distinctPagesAfterWrites(256, 50).toFixed(1)).toBe('45.5');
  });
});

describe("Xen's stop conditions (xc_domain_save.c)", () => {
  it('pure Xen on example 1 (no downtime threshold): the last iteration follows a round under 50 pages', () => {
    const r = analyticPrecopy({ memoryBytes: GiB, bandwidthBps: B, dirtyRateBps: 32 * MiB, downtimeLimitS: 0.3, threshold: false, xen: true });
    expect(r.rounds.map((x) => x.sentBytes)).toEqual([GiB, 256 * MiB, 64 * MiB, 16 * MiB, 4 * MiB, MiB, 256 * 1024, 65536, 16384]);
    expect(r.stopReason).toBe('xen-min-pages');
  });

  it('example 2 with Xen: stops once more than 3 x memory has been sent', () => {
    const r = analyticPrecopy({ memoryBytes: 4 * GiB, bandwidthBps: B, dirtyRateBps: 160 * MiB, downtimeLimitS: 0.3, xen: true });
    expect(r.rounds.map((x) => x.sentBytes / GiB)).toEqual([4, 4, 4, 4, 4]);
    expect(r.stopReason).toBe('xen-max-factor');
    expect(r.converged).toBe(false);
  });

  it('a round that grows at the maximum rate ends it', () => {
    const sizes = [0.5, 0.6, 0.1].map((x) => x * GiB);
    let i = 0;
    const src = { runRound: () => ({ dirtyBytes: sizes[i++], falsePositivePages: 0, trackerFaults: 0, faultS: 0, trackingCostS: 0 }) };
    const r = runPrecopy(precopyConfig({ memoryBytes: GiB, xen: true }), src, 'analytic');
    expect(r.stopReason).toBe('xen-grew');
    expect(r.rounds.map((x) => x.sentBytes / GiB)).toEqual([1, 0.5, 0.6, 0.1]);
    i = 0;
    expect(runPrecopy(precopyConfig({ memoryBytes: GiB, xen: { rateIsMax: false }, maxRounds: 3 }), src, 'analytic').stopReason).toBe('max-rounds');
  });
});
