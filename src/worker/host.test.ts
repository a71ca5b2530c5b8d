import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EngineHost, bucketCounts } from './host';
import quickstart from '../scenarios/quickstart-vm-host.json';

const text = JSON.stringify(quickstart);

async function loaded() {
  const h = new EngineHost();
  const r = await h.loadText(text, 'q.json');
  if (!r.ok) throw new Error('load failed');
  return h;
}

describe('engine host', () => {
  it('refuses a bad scenario with located errors and keeps the loaded one', async () => {
    const h = await loaded();
    await h.runUntil(100e6, 0);
    const bad = await h.loadText('{"schema": "handover-lab/scenario@1", "name": 3}', 'bad.json');
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors.map((e) => e.path)).toEqual(['$.name', '$.machine']);
      expect(bad.errors[0]).toMatchObject({ file: 'bad.json', line: 1, column: 47 });
    }
    const f = await h.runUntil(100e6, 0);
    expect(f.timeNs).toBe(100e6);
  });

  it('seeks back and forth to the same state as a straight run', async () => {
    const straight = await loaded();
    const at = await straight.runUntil(1.3e9, 0);
    const h = await loaded();
    await h.runUntil(1.9e9, 0);
    await h.seek(0.2e9, 0);
    const back = await h.seek(1.3e9, 0);
    expect(back.logHash).toBe(at.logHash);
    expect(back.log).toEqual(at.log);
    expect(back.workloads[0].heat).toEqual(at.workloads[0].heat);
    expect(back.workloads[0].round).toBe(2);
  });

  it('resumes from a checkpoint in a fresh host (a restarted worker)', async () => {
    const h = await loaded();
    await h.runUntil(1.1e9, 0);
    const snap = await h.checkpoint();
    const end = await h.runUntil(2e9, 0);
    const fresh = new EngineHost();
    const r = await fresh.resume(text, 'q.json', snap);
    expect(r.ok && r.frame.timeNs).toBe(1.1e9);
    const end2 = await fresh.runUntil(2e9, 0);
    expect(end2.logHash).toBe(end.logHash);
    expect(end2.log).toEqual(end.log);
  });

  it('steps one event at a time and returns only new log entries', async () => {
    const h = await loaded();
    const f1 = await h.step(0);
    expect(f1.events).toBe(1);
    const f2 = await h.runUntil(600e6, f1.logLength);
    expect(f2.logFrom).toBe(f1.logLength);
    expect(f2.log.map((l) => l.kind)).toEqual(['workload.clear']);
  });
});

describe('bucketCounts', () => {
  it('counts the set bits of each bucket, word-aligned or not (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(4095), { maxLength: 200 }), fc.constantFrom(1, 3, 4, 7, 16, 128), (bits, buckets) => {
        const n = 4096;
        const words = new Uint32Array(n / 32);
        for (const b of bits) words[b >>> 5] |= 1 << (b & 31);
        const expected = new Uint32Array(buckets);
        for (const b of bits) expected[Math.min(buckets - 1, Math.floor(b / (n / buckets)))]++;
        expect(Array.from(bucketCounts(words, n, buckets))).toEqual(Array.from(expected));
      }),
    );
  });
});

describe('live update through the engine host', () => {
  it('records operations in the script, answers like the kernel, and survives time travel', async () => {
    const h = await loaded();
    await h.runUntil(100e6, 0);
    for (const op of ['open', 'create vm0', 'preserve vm0 1 memfd:1G@guest']) {
      const r = await h.luoOp(op, 0);
      expect(r.ok).toBe(true);
    }
    const refused = await h.luoOp('create vm0', 0);
    expect(refused.ok && refused.load.ok && refused.load.frame.luo.lastResult?.result).toMatchObject({ ok: false, errno: 'EEXIST' });
    const r = await h.luoOp('kexec', 0);
    if (!r.ok || !r.load.ok) throw new Error('kexec failed');
    expect(JSON.parse(r.text).script.filter((a: { action: string }) => a.action === 'luo.op')).toHaveLength(5); // the refused one too: it is part of the story
    expect(r.load.frame.luo.kho.regions.length).toBeGreaterThan(0);
    const opened = await h.luoOp('open', 0);
    expect(opened.ok && opened.load.ok && opened.load.frame.luo.mainline?.counts.incoming).toBe(1);
    const back = await h.seek(50e6, 0);
    expect(back.luo.mainline?.counts.outgoing).toBe(0);
    const fwd = await h.seek(100e6, 0);
    expect(fwd.luo.mainline?.counts.incoming).toBe(1);
    expect(fwd.log.filter((l) => l.kind === 'luo.op').map((l) => l.label)).toContain('create vm0 → -EEXIST');
  });

  it('refuses an operation of the other model without recording it', async () => {
    const h = await loaded();
    const r = await h.luoOp('prepare', 0);
    expect(r).toMatchObject({ ok: false, error: { rule: 'luo-script' } });
  });
});

describe('time travel over a state too large to snapshot', () => {
  it('rebuilds from the scenario and replays, to the same state as a straight run', async () => {
    const big = { ...quickstart, duration: '300ms', workloads: [{ id: 'big', kind: 'uniform', sizeBytes: '256G', writeRatePagesPerSec: 100000 }], script: [{ at: '100ms', action: 'workload.clear', args: { id: 'big' } }] };
    const text = JSON.stringify(big);
    const straight = new EngineHost();
    await straight.loadText(text, 'big.json');
    const want = await straight.runUntil(250e6, 0);
    const h = new EngineHost();
    await h.loadText(text, 'big.json');
    await h.runUntil(280e6, 0);
    await h.seek(50e6, 0);
    const got = await h.seek(250e6, 0);
    expect(got.logHash).toBe(want.logHash);
    expect(got.workloads[0].rounds[0].pagesWritten).toBe(want.workloads[0].rounds[0].pagesWritten);
    expect(got.workloads[0].trackers).toEqual({ uffd: true, softDirty: true });
  });
});
