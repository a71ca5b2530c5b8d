// Properties of the pre-copy models over random parameters (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyticPrecopy, expectedPagePrecopy, stopIndex, totalBytes } from './analytic';
import { pagePrecopy } from './precopy';

const MiB = 2 ** 20;

const analyticArgs = fc.record({
  memoryMiB: fc.integer({ min: 1, max: 1 << 20 }),
  bandwidthMiB: fc.integer({ min: 1, max: 10_000 }),
  lambda: fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 2, noNaN: true })),
  downtimeMs: fc.integer({ min: 0, max: 5_000 }),
  maxRounds: fc.integer({ min: 0, max: 60 }),
  autoConverge: fc.boolean(),
  xen: fc.boolean(),
});

function run(a: { memoryMiB: number; bandwidthMiB: number; lambda: number; downtimeMs: number; maxRounds: number; autoConverge: boolean; xen: boolean }) {
  return analyticPrecopy({
    memoryBytes: a.memoryMiB * MiB,
    bandwidthBps: a.bandwidthMiB * MiB,
    dirtyRateBps: a.lambda * a.bandwidthMiB * MiB,
    downtimeLimitS: a.downtimeMs / 1000,
    maxRounds: a.maxRounds,
    autoConverge: a.autoConverge,
    xen: a.xen,
  });
}

describe('pre-copy properties', () => {
  it('sentBytesTotal >= memory; totals add up; the last round is the only stop-and-copy', () => {
    fc.assert(
      fc.property(analyticArgs, (a) => {
        const r = run(a);
        expect(r.sentBytesTotal).toBeGreaterThanOrEqual(a.memoryMiB * MiB);
        const sum = r.rounds.reduce((s, x) => s + x.sentBytes, 0);
        expect(Math.abs(sum - r.sentBytesTotal)).toBeLessThanOrEqual(1e-9 * sum);
        expect(r.rounds.filter((x) => x.stopAndCopy).length).toBe(1);
        expect(r.rounds[r.rounds.length - 1].stopAndCopy).toBe(true);
        expect(r.rounds.length - 1).toBeLessThanOrEqual(a.maxRounds);
      }),
    );
  });

  it('downtime <= limit when converged; over it otherwise', () => {
    fc.assert(
      fc.property(analyticArgs, (a) => {
        const r = run(a);
        if (r.converged) expect(r.downtimeS).toBeLessThanOrEqual(a.downtimeMs / 1000 + 1e-12);
        else expect(r.downtimeS).toBeGreaterThan(a.downtimeMs / 1000);
      }),
    );
  });

  it('while converging (λ < 1) rounds never grow, with or without throttling', () => {
    fc.assert(
      fc.property(analyticArgs, (a) => {
        fc.pre(a.lambda < 1);
        const r = run(a);
        for (let i = 1; i < r.rounds.length; i++) expect(r.rounds[i].sentBytes).toBeLessThanOrEqual(r.rounds[i - 1].sentBytes);
      }),
    );
  });

  it('the round loop agrees with the closed forms F2 and F3 (QEMU stop rule, no throttle)', () => {
    fc.assert(
      fc.property(analyticArgs, (a) => {
        // A zero limit is only reached through floating-point underflow in the loop: not a model question.
        fc.pre(a.lambda < 1 && a.downtimeMs > 0);
        const r = run({ ...a, autoConverge: false, xen: false });
        const M = a.memoryMiB * MiB;
        const n = stopIndex(M, a.bandwidthMiB * MiB, a.lambda * a.bandwidthMiB * MiB, a.downtimeMs / 1000, a.maxRounds);
        expect(r.rounds.length - 1).toBe(n);
        const f3 = totalBytes(M, a.lambda, n);
        expect(Math.abs(r.sentBytesTotal - f3)).toBeLessThanOrEqual(1e-9 * f3);
      }),
    );
  });

  it('auto-converge ends at or below F5\'s throttle, and a throttle never lowers', () => {
    fc.assert(
      fc.property(analyticArgs, (a) => {
        const r = run({ ...a, autoConverge: true });
        for (let i = 1; i < r.throttleSteps.length; i++) expect(r.throttleSteps[i].percent).toBeGreaterThanOrEqual(r.throttleSteps[i - 1].percent);
        for (let i = 1; i < r.rounds.length - 1; i++) expect(r.rounds[i].throttlePercent).toBeGreaterThanOrEqual(r.rounds[i - 1].throttlePercent);
      }),
    );
  });

  it('page level: sentBytesTotal >= memory, the downtime rule holds, and U never exceeds the hot set', () => {
    fc.assert(
      fc.property(
        fc.record({
          pages: fc.integer({ min: 1, max: 4096 }),
          writes: fc.integer({ min: 0, max: 200_000 }),
          hot: fc.double({ min: 0.01, max: 1, noNaN: true }),
          downtimeMs: fc.integer({ min: 0, max: 2_000 }),
          seed: fc.integer({ min: 0, max: 1000 }),
          tracker: fc.constantFrom('uffd-wp-async' as const, 'soft-dirty' as const),
        }),
        (a) => {
          const o = { memoryBytes: a.pages * 4096, bandwidthBps: MiB, writesPerS: a.writes, hotSetFraction: a.hot, downtimeLimitS: a.downtimeMs / 1000, maxRounds: 8, seed: a.seed, tracker: a.tracker };
          const r = pagePrecopy(o);
          expect(r.sentBytesTotal).toBeGreaterThanOrEqual(o.memoryBytes);
          if (r.converged) expect(r.downtimeS).toBeLessThanOrEqual(o.downtimeLimitS + 1e-12);
          const hot = Math.max(1, Math.floor(a.pages * a.hot));
          for (const x of r.rounds.slice(1)) expect(x.sentBytes).toBeLessThanOrEqual(hot * 4096);
          const e = expectedPagePrecopy(o);
          for (const x of e.rounds.slice(1)) expect(x.sentBytes).toBeLessThanOrEqual(hot * 4096 * (1 + 1e-12));
        },
      ),
      { numRuns: 60 },
    );
  });
});
