// Page-level pre-copy against the closed forms: worked example 3 as a mean over seeds, the
// writable working set that F1 misses, and soft-dirty's re-sent false positives.
import { describe, expect, it } from 'vitest';
import { expectedPagePrecopy } from './analytic';
import { pagePrecopy } from './precopy';

const MiB = 2 ** 20;
const GiB = 2 ** 30;
const B = 128 * MiB;
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('worked example 3, page by page (N = 262144, w = 5000/s, uffd-wp async)', () => {
  const runs = SEEDS.map((seed) => pagePrecopy({ memoryBytes: GiB, bandwidthBps: B, writesPerS: 5000, downtimeLimitS: 0.3, seed }));
  const f6 = expectedPagePrecopy({ memoryBytes: GiB, bandwidthBps: B, writesPerS: 5000, downtimeLimitS: 0.3 });
  const within = (actual: number, expected: number) => expect(Math.abs(actual / expected - 1)).toBeLessThan(0.02);

  it('every run stops at n = 2, like F6', () => {
    for (const r of runs) expect(r.rounds.length).toBe(3);
  });

  it('the mean over seeds is within 2 % of F6: U_1, U_2, total pages, total time, downtime', () => {
    within(mean(runs.map((r) => r.rounds[0].dirtyPages)), 37097.718);
    within(mean(runs.map((r) => r.rounds[1].sentBytes / 4096)), 37097.718);
    within(mean(runs.map((r) => r.rounds[2].sentBytes / 4096)), 5599.983);
    within(mean(runs.map((r) => r.sentBytesTotal / 4096)), 304841.7);
    within(mean(runs.map((r) => r.totalS)), 9.30303);
    within(mean(runs.map((r) => r.downtimeS)), 0.170898);
    within(mean(runs.map((r) => r.totalS)), f6.totalS);
  });

  it('carries the closed forms computed on the same parameters', () => {
    expect(runs[0].closedForm.pageGranular.totalS).toBe(f6.totalS);
    // Geometric with D = w x P ignores that writes hit pages already dirty: it overestimates round 1.
    expect(runs[0].closedForm.geometric.rounds[1].sentBytes).toBeGreaterThan(runs[0].rounds[1].sentBytes);
  });

  it('uffd-wp async reports exactly the pages written: no false positives; tracking faults = pages written', () => {
    for (const x of runs[0].rounds.slice(0, -1)) {
      expect(x.falsePositivePages).toBe(0);
      expect(x.trackerFaults).toBe(x.dirtyPages);
    }
  });

  it('same seed, same run', () => {
    const again = pagePrecopy({ memoryBytes: GiB, bandwidthBps: B, writesPerS: 5000, downtimeLimitS: 0.3, seed: 1 });
    expect(again.rounds).toEqual(runs[0].rounds);
  });
});

describe('where the page level parts from the geometric model', () => {
  it('a hot set larger than B x d never converges: rounds plateau at the writable working set', () => {
    // 64 MiB hot set (16384 pages), written far faster than it can be sent.
    const r = pagePrecopy({ memoryBytes: 256 * MiB, bandwidthBps: B, writesPerS: 1_000_000, hotSetFraction: 0.25, downtimeLimitS: 0.3, maxRounds: 10, seed: 3 });
    expect(r.converged).toBe(false);
    expect(r.stopReason).toBe('max-rounds');
    for (const x of r.rounds.slice(1)) expect(x.sentBytes).toBeLessThanOrEqual(64 * MiB);
    expect(r.rounds[5].sentBytes).toBeGreaterThan(60 * MiB);
    // The geometric model with the same D = w x P diverges too, but without a floor: its rounds are all of memory.
    expect(r.closedForm.geometric.rounds[5].sentBytes).toBe(256 * MiB);
  });

  it('soft-dirty on THP memory re-sends whole 2 MiB units: more bytes than uffd-wp async', () => {
    const o = { memoryBytes: 256 * MiB, bandwidthBps: B, writesPerS: 200, downtimeLimitS: 0.3, seed: 5, thp: true };
    const uffd = pagePrecopy({ ...o, tracker: 'uffd-wp-async' });
    const sd = pagePrecopy({ ...o, tracker: 'soft-dirty' });
    expect(sd.rounds[1].sentBytes).toBeGreaterThan(10 * uffd.rounds[1].sentBytes);
    expect(sd.rounds[0].falsePositivePages).toBeGreaterThan(0);
    expect(uffd.rounds[0].falsePositivePages).toBe(0);
    expect(sd.sentBytesTotal).toBeGreaterThan(uffd.sentBytesTotal);
  });

  it('auto-converge throttles the page writes too', () => {
    const r = pagePrecopy({ memoryBytes: 256 * MiB, bandwidthBps: 32 * MiB, writesPerS: 40_000, downtimeLimitS: 0.3, autoConverge: true, seed: 2 });
    expect(r.throttleSteps.length).toBeGreaterThan(0);
    expect(r.throttleSteps[0].percent).toBe(20);
    const later = r.rounds.find((x) => x.throttlePercent > 0)!;
    expect(later.progressRate).toBeLessThan(1 - later.throttlePercent / 100 + 1e-12);
  });
});
