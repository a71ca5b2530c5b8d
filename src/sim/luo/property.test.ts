// Property tests: random operation sequences never reach an invalid state; a failed reboot leaves
// every session as it was; any memfd survives the round trip.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RFC_TRANSITIONS } from './describe';
import { addInjection } from './inject';
import { luoInvariants } from './invariants';
import { pageHashes } from './files';
import { checkInjection, parseLine, parseLuoScript, runLuoScript, runParsed } from './script';
import { applyOp, createLuoSystem, type LuoOptions } from './system';
import { lines } from './testing';
import type { LuoSystem } from './types';

const name = fc.constantFrom('a', 'b', 'c');
const token = fc.integer({ min: 0, max: 1 });
const file = fc.constantFrom('memfd:4K', 'memfd:0', 'memfd:16K:fill=0.5', 'devnull', 'memfd-hugetlb:2M', 'memfd:4K@x', 'memfd:8K@y', '@x', '@y');

const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });
const create = name.map((n) => `create ${n}`);
const preserve = fc.tuple(name, token, file).map(([n, t, f]) => `preserve ${n} ${t} ${f}`);
const failOp = fc.constantFrom('fail memfd freeze', 'fail memfd preserve', 'fail memfd retrieve', 'fail memfd can_preserve', 'fail memfd unpreserve', 'fail memfd finish', 'fail luo deserialize');
const before = fc.oneof(w(2, create), w(8, preserve), w(1, name.map((n) => `close ${n}`)), w(1, failOp), w(1, fc.constantFrom('close-dev', 'open', 'number', 'luod-exit')));
const after = fc.oneof(
  w(3, name.map((n) => `retrieve ${n}`)),
  w(4, fc.tuple(name, token).map(([n, t]) => `retrieve-fd ${n} ${t}`)),
  w(2, name.map((n) => `finish ${n}`)),
  w(1, name.map((n) => `close ${n}`)),
  w(1, create),
  w(1, preserve),
  w(1, failOp),
  w(1, fc.constantFrom('kexec', 'open', 'close-dev', 'luod-exit')),
);
/** open, some outgoing work, kexec, open, some incoming work (which may include further kexecs). */
const mainlineRun = fc
  .tuple(fc.array(before, { maxLength: 25 }), fc.array(after, { maxLength: 25 }))
  .map(([a, b]) => ['open', 'create a', 'create b', ...a, 'kexec', 'open', 'retrieve a', 'retrieve b', ...b]);

const rfcOp = fc.oneof(
  fc.constantFrom('state', 'prepare', 'freeze', 'cancel', 'finish', 'kexec', 'prepare', 'freeze', 'kexec'),
  file.map((f) => `preserve ${f}`),
  file.map((f) => `preserve ${f}`),
  token.map((t) => `unpreserve ${t}`),
  token.map((t) => `restore ${t}`),
  fc.constantFrom('sA', 'sB').map((s) => `register ${s}`),
  fc.constantFrom('sA', 'sB').map((s) => `unregister ${s}`),
  fc.constantFrom('fail memfd prepare', 'fail memfd freeze', 'fail memfd cancel', 'fail memfd retrieve', 'fail sA prepare', 'fail sB freeze', 'fail kho finalize'),
);

const rfcSetup = fc.oneof(w(4, file.map((f) => `preserve ${f}`)), w(1, fc.constantFrom('sA', 'sB').map((s) => `register ${s}`)), w(1, rfcOp));
const rfcAfter = fc.oneof(w(3, token.map((t) => `restore ${t}`)), w(1, fc.constant('finish')), w(2, rfcOp));
/** Random setup, then prepare / freeze / kexec interleaved with random operations, then restores. */
const rfcRun = fc
  .tuple(fc.array(rfcSetup, { maxLength: 12 }), fc.array(rfcOp, { maxLength: 3 }), fc.array(rfcOp, { maxLength: 3 }), fc.array(rfcAfter, { maxLength: 12 }))
  .map(([a, b, c, d]) => [...a, 'prepare', ...b, 'freeze', ...c, 'kexec', ...d]);

/** Applies lines one by one; script errors (a label not yet defined) are skipped. */
function drive(sys: LuoSystem, ops: string[], after: (op: string, ok: boolean, from: string) => void): void {
  for (const text of ops) {
    const op = parseLine(text, sys.model);
    const from = sys.rfc ? sys.rfc.state : '';
    let ok: boolean;
    try {
      if (op.op === 'fail') checkInjection(sys, op.target, op.callback);
      ok = applyOp(sys, op).ok;
    } catch (e) {
      expect((e as Error).message).toMatch(/unknown file label/);
      continue;
    }
    after(text, ok, from);
  }
}

describe('random operation sequences keep every invariant', () => {
  for (const kernel of ['6.19', 'latest'] as const) {
    it(`mainline --kernel ${kernel}`, () => {
      fc.assert(
        fc.property(mainlineRun, (ops) => {
          const sys = createLuoSystem({ model: 'mainline', kernel });
          drive(sys, ops, (op) => expect(luoInvariants(sys), op).toEqual([]));
        }),
        { numRuns: 150 },
      );
    });
  }

  it('rfc-v2: every accepted event follows the state graph; a refused one leaves the state or rolls back to NORMAL', () => {
    const edges = new Set(RFC_TRANSITIONS.map((t) => `${t.from}:${t.event}:${t.to}`));
    fc.assert(
      fc.property(rfcRun, (ops) => {
        const sys = createLuoSystem({ model: 'rfc-v2' });
        drive(sys, ops, (op, ok, from) => {
          expect(luoInvariants(sys), op).toEqual([]);
          const to = sys.rfc!.state;
          if (!['prepare', 'freeze', 'cancel', 'finish', 'kexec'].includes(op)) return expect(to).toBe(from);
          if (!ok) return expect([from, 'normal']).toContain(to);
          if (op === 'kexec') return expect(from === 'frozen' || from === 'prepared' ? to === 'updated' : to === 'normal').toBe(true);
          expect(edges.has(`${from}:${op}:${to}`), `${from} -${op}-> ${to}`).toBe(true);
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('a failed reboot leaves every session as it was', () => {
  const layout = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 });
  const setup = (files: number[]) =>
    lines(
      'open',
      files.flatMap((n, s) => [`create s${s}`, ...Array.from({ length: n }, (_, i) => `preserve s${s} ${i} memfd:4K`)]),
    );

  it('later kernels: sessions, files and preserved memory are unchanged; the system keeps running', () => {
    fc.assert(
      fc.property(layout.filter((l) => l.some((n) => n > 0)), fc.nat(), (files, pick) => {
        const total = files.reduce((a, b) => a + b, 0);
        const sys = runLuoScript(setup(files), { model: 'mainline', kernel: 'latest' }).system;
        addInjection(sys, 'memfd-v1', 'freeze', pick % total);
        const before = structuredClone({ sessions: sys.ml!.outgoing, extents: sys.kho.extents });
        expect(runParsed(sys, parseLuoScript('kexec', 'mainline'))).toEqual(['-EIO']);
        expect(sys.kho.boot).toBe(0);
        expect({ sessions: sys.ml!.outgoing, extents: sys.kho.extents }).toEqual(before);
      }),
      { numRuns: 100 },
    );
  });

  it('6.19: the same, except that the files unfrozen by the rollback lost their serialized data', () => {
    fc.assert(
      fc.property(layout.filter((l) => l.some((n) => n > 0)), fc.nat(), (files, pick) => {
        const total = files.reduce((a, b) => a + b, 0);
        const k = pick % total;
        const sys = runLuoScript(setup(files), { model: 'mainline', kernel: '6.19' }).system;
        addInjection(sys, 'memfd-v1', 'freeze', k);
        const before = structuredClone(sys.ml!.outgoing);
        expect(runParsed(sys, parseLuoScript('kexec', 'mainline'))).toEqual(['-EIO']);
        let i = 0;
        for (const s of before) for (const f of s.files) if (i++ < k) f.data = 0;
        expect(sys.ml!.outgoing).toEqual(before);
      }),
      { numRuns: 100 },
    );
  });
});

describe('round trip', () => {
  it('any memfd (size, fill) comes back with the same page contents', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 96 }), fc.integer({ min: 0, max: 10 }), fc.constantFrom<LuoOptions>({ model: 'mainline', kernel: '6.19' }, { model: 'mainline', kernel: 'latest' }), (pages, tenths, opts) => {
        const fill = tenths / 10;
        const sys = runLuoScript(lines('open', 'create s', `preserve s 9 memfd:${pages * 4096}:fill=${fill}@m`), opts).system;
        const want = pageHashes(sys, sys.files[String(sys.labels.m)]);
        const out = runParsed(sys, parseLuoScript(lines('kexec', 'open', 'retrieve s', 'retrieve-fd s 9'), 'mainline'));
        expect(out[3]).toMatch(new RegExp(`^ok size=${pages * 4096} pos=0 digest=[0-9a-f]{8} intact=yes$`));
        const got = Object.values(sys.files).find((f) => f.kind === 'memfd')!;
        expect(pageHashes(sys, got)).toEqual(want);
      }),
      { numRuns: 60 },
    );
  });
});
