import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Engine } from './engine';
import { EventQueue } from './queue';
import { Prng } from './prng';
import type { Model } from './types';
import { buildEngine } from '../scenario/build';
import { parseScenarioText } from '../scenario/load';
import quickstart from '../../scenarios/quickstart-vm-host.json';

function scenario() {
  const r = parseScenarioText(JSON.stringify(quickstart));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

/** A model whose events depend on the PRNG, so a wrong replay changes the hash. */
const jitter: Model<{ sum: number }, number> = {
  name: 'jitter',
  init(n, ctx) {
    for (let i = 0; i < n; i++) ctx.schedule(ctx.rng.below(100), 'jitter.go', { i });
    return { sum: 0 };
  },
  handle(ev, s, ctx) {
    const d = ctx.rng.below(50);
    s.sum += d;
    if (s.sum % 7 === 0) ctx.note('jitter.seven', `sum ${s.sum}`, { sum: s.sum });
    ctx.schedule(d, 'jitter.go', ev.data);
  },
};

describe('engine determinism', () => {
  it('gives the identical log hash for the same scenario and seed', () => {
    const a = buildEngine(scenario());
    const b = buildEngine(scenario());
    a.runUntil(2e9);
    b.runUntil(2e9);
    expect(a.summary()).toEqual(b.summary());
    expect(a.log).toEqual(b.log);
    expect(a.summary().events).toBeGreaterThan(2000);
  });

  it('gives a different hash for a different seed', () => {
    const a = buildEngine(scenario(), { seed: 1 });
    const b = buildEngine(scenario(), { seed: 2 });
    a.runUntil(2e9);
    b.runUntil(2e9);
    expect(a.summary().logHash).not.toEqual(b.summary().logHash);
  });

  it('continues identically after snapshot and restore, in the same and in a fresh engine', () => {
    const full = buildEngine(scenario());
    full.runUntil(2e9);
    const half = buildEngine(scenario());
    half.runUntil(0.9e9);
    const snap = half.snapshot({ withLog: true });
    half.runUntil(2e9);
    expect(half.summary()).toEqual(full.summary());
    half.restore(snap);
    expect(half.now).toBe(0.9e9);
    half.runUntil(2e9);
    expect(half.summary()).toEqual(full.summary());
    const fresh = buildEngine(scenario());
    fresh.restore(snap);
    fresh.runUntil(2e9);
    expect(fresh.summary()).toEqual(full.summary());
    expect(fresh.log).toEqual(full.log);
  });

  it('replays any interleaving of runUntil stops to the same hash (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 8 }), (seed, stops) => {
        const straight = new Engine({ seed });
        straight.addModel(jitter, 5);
        straight.runUntil(5000);
        const stepped = new Engine({ seed });
        stepped.addModel(jitter, 5);
        let snap = stepped.snapshot();
        for (const t of [...stops].sort((x, y) => x - y)) {
          stepped.runUntil(t);
          snap = stepped.snapshot();
          stepped.runUntil(t + 100);
          stepped.restore(snap);
        }
        stepped.runUntil(5000);
        expect(stepped.summary()).toEqual(straight.summary());
      }),
      { numRuns: 100 },
    );
  });

  it('refuses to schedule into the past and to run an event no model handles', () => {
    const e = new Engine({ seed: 1 });
    expect(() => e.schedule(-1, 'x.y')).toThrow(/cannot schedule/);
    e.schedule(1, 'nobody.home');
    expect(() => e.step()).toThrow(/no model handles/);
  });
});

describe('event queue', () => {
  it('pops in (time, seq) order for any pushes (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 300 }), (times) => {
        const q = new EventQueue();
        times.forEach((at, seq) => q.push({ at, seq, kind: 'k' }));
        const out: [number, number][] = [];
        for (let ev = q.pop(); ev; ev = q.pop()) out.push([ev.at, ev.seq]);
        const expected = times.map((at, seq) => [at, seq] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(out).toEqual(expected);
      }),
    );
  });
});

describe('prng', () => {
  it('is reproducible from its seed and from a saved state', () => {
    const a = new Prng(123);
    const b = new Prng(123);
    for (let i = 0; i < 10; i++) a.nextU32();
    const saved = a.state();
    const xs = Array.from({ length: 5 }, () => a.nextU32());
    const c = Prng.fromState(saved);
    expect(Array.from({ length: 5 }, () => c.nextU32())).toEqual(xs);
    for (let i = 0; i < 10; i++) b.nextU32();
    expect(b.nextU32()).toBe(xs[0]);
  });

  it('stays inside [0, n) and is roughly uniform', () => {
    const r = new Prng(9);
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) buckets[r.below(10)]++;
    for (const b of buckets) expect(Math.abs(b - 10_000)).toBeLessThan(600);
    for (let i = 0; i < 1000; i++) {
      const x = r.below(2 ** 40);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(2 ** 40);
    }
  });
});
