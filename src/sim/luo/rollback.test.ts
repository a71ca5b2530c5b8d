// Rollback when an injected callback fails, in the documented order, for both models.
import { describe, expect, it } from 'vitest';
import { extentAt } from '../kho/kho';
import { luoInvariants } from './invariants';
import { parseLuoScript, runLuoScript, runParsed } from './script';
import { lines } from './testing';
import type { LuoSystem } from './types';

const RFC = { model: 'rfc-v2' } as const;
const LATEST = { model: 'mainline', kernel: 'latest' } as const;

function callbacks(sys: LuoSystem): string[] {
  return sys.log.filter((e) => e.kind === 'callback').map((e) => e.text.replace(/ -> .*/, ''));
}

describe('RFC v2 rollback', () => {
  it('callbacks run files (token order) then subsystems (registration order)', () => {
    const { system } = runLuoScript(lines('register sA', 'register sB', 'preserve memfd:4K', 'preserve memfd:4K', 'prepare', 'freeze'), RFC);
    const cb = callbacks(system).filter((t) => /prepare|freeze/.test(t));
    expect(cb).toEqual([
      'memfd-v1.prepare(token 0)',
      'memfd-v1.prepare(token 1)',
      'sA.prepare(subsystem sA)',
      'sB.prepare(subsystem sB)',
      'memfd-v1.freeze(token 0)',
      'memfd-v1.freeze(token 1)',
      'sA.freeze(subsystem sA)',
      'sB.freeze(subsystem sB)',
    ]);
  });

  it('a file prepare failure cancels the files prepared before it; state stays NORMAL', () => {
    const { system, lines: out } = runLuoScript(lines('preserve memfd:4K@a', 'preserve memfd:4K@b', 'preserve memfd:4K@c', 'fail memfd prepare', 'prepare', 'state'), RFC);
    expect(out.slice(-2)).toEqual(['-EIO', 'normal']);
    expect(system.rfc!.files.every((f) => f.phase === 'preserved')).toBe(true);
    expect(Object.values(system.kho.extents).filter((e) => e.preserved)).toEqual([]);
    expect(system.kho.subtrees).toEqual({});
    const s2 = runLuoScript(lines('preserve memfd:4K', 'preserve memfd:4K', 'preserve memfd:4K'), RFC).system;
    s2.inject.push({ target: 'memfd-v1', callback: 'prepare', count: 1, after: 1 });
    expect(runParsed(s2, parseLuoScript('prepare', 'rfc-v2'))).toEqual(['-EIO']);
    expect(callbacks(s2).slice(-3)).toEqual(['memfd-v1.prepare(token 0)', 'memfd-v1.prepare(token 1)', 'memfd-v1.cancel(token 0)']);
    expect(luoInvariants(s2)).toEqual([]);
  });

  it('a subsystem prepare failure cancels earlier subsystems and every file', () => {
    const { system, lines: out } = runLuoScript(lines('register sA', 'register sB', 'preserve memfd:4K', 'fail sB prepare', 'prepare'), RFC);
    expect(out.slice(-1)).toEqual(['-EIO']);
    const cb = callbacks(system);
    const pa = system.rfc!.subsystems[0].pagePa.toString(16);
    expect(cb.slice(cb.indexOf('sB.prepare(subsystem sB)'))).toEqual(['sB.prepare(subsystem sB)', `sA.cancel(data 0x${pa})`, 'memfd-v1.cancel(token 0)']);
    expect(system.rfc!.state).toBe('normal');
  });

  it('a freeze failure returns to NORMAL, cancels earlier files, leaves later ones prepared and KHO finalized (RFC v2 gap)', () => {
    const sys = runLuoScript(lines('preserve memfd:4K', 'preserve memfd:4K', 'preserve memfd:4K', 'prepare'), RFC).system;
    sys.inject.push({ target: 'memfd-v1', callback: 'freeze', count: 1, after: 1 });
    expect(runParsed(sys, parseLuoScript(lines('freeze', 'state', 'prepare', 'cancel'), 'rfc-v2'))).toEqual(['-EIO', 'normal', '-EEXIST', '-EINVAL']);
    expect(sys.rfc!.files.map((f) => f.phase)).toEqual(['preserved', 'prepared', 'prepared']);
    expect(sys.kho.finalized).toBe(true);
  });

  it('reboot(KEXEC) in PREPARED with a failing freeze fails and the system keeps running', () => {
    const { system, lines: out } = runLuoScript(lines('preserve memfd:4K', 'prepare', 'fail memfd freeze', 'kexec', 'state'), RFC);
    expect(out.slice(-2)).toEqual(['-EIO', 'normal']);
    expect(system.kho.boot).toBe(0);
  });

  it('kho finalize failing after the LUO notifier cancels everything; a new PREPARE then works', () => {
    expect(runLuoScript(lines('register s', 'preserve memfd:4K', 'fail kho finalize', 'prepare', 'state', 'prepare', 'state'), RFC).lines.slice(-4)).toEqual(['-EIO', 'normal', 'ok', 'prepared']);
  });

  it('a cancel() that "fails" cannot be seen: CANCEL succeeds and the file pages stay preserved (leak)', () => {
    const { system, lines: out } = runLuoScript(lines('preserve memfd:4K@m', 'prepare', 'fail memfd cancel', 'cancel'), RFC);
    expect(out.slice(-1)).toEqual(['ok']);
    const f = system.files[String(system.labels.m)];
    expect(extentAt(system.kho, f.runs[0].pa)!.preserved).toBe('folio');
    expect(system.log.some((e) => e.kind === 'warn' && e.text.includes('memfd-v1.cancel'))).toBe(true);
  });
});

describe('mainline rollback', () => {
  it('a preserve() failure leaves the session empty and frees its file array', () => {
    const { system, lines: out } = runLuoScript(lines('open', 'create s', 'fail memfd preserve', 'preserve s 1 memfd:4K'), { model: 'mainline', kernel: '6.19' });
    expect(out.slice(-1)).toEqual(['-EIO']);
    expect(system.ml!.outgoing[0].files).toEqual([]);
    expect(system.ml!.outgoing[0].filePages).toEqual([]);
  });

  it('can_preserve() failing means no handler: -ENOENT', () => {
    expect(runLuoScript(lines('open', 'create s', 'fail memfd can_preserve', 'preserve s 1 memfd:4K', 'preserve s 1 memfd:4K'), LATEST).lines.slice(-2)).toEqual(['-ENOENT', 'ok']);
  });

  it('a freeze failure in the second session unfreezes the first session too, in reverse', () => {
    const sys = runLuoScript(lines('open', 'create a', 'preserve a 1 memfd:4K', 'create b', 'preserve b 2 memfd:4K', 'preserve b 3 memfd:4K'), LATEST).system;
    sys.inject.push({ target: 'memfd-v1', callback: 'freeze', count: 1, after: 2 });
    const before = structuredClone(sys.ml!.outgoing);
    expect(runParsed(sys, parseLuoScript('kexec', 'mainline'))).toEqual(['-EIO']);
    expect(sys.ml!.outgoing).toEqual(before);
    expect(callbacks(sys).filter((t) => t.includes('freeze'))).toEqual(['memfd-v1.freeze(a/0x1)', 'memfd-v1.freeze(b/0x2)', 'memfd-v1.freeze(b/0x3)']);
  });

  it('6.19: kho_finalize failing gives -EAGAIN and leaves the sessions frozen', () => {
    const { system, lines: out } = runLuoScript(lines('open', 'create a', 'preserve a 1 memfd:4K', 'fail kho finalize', 'kexec'), { model: 'mainline', kernel: '6.19' });
    expect(out.slice(-1)).toEqual(['-EAGAIN']);
    expect(system.ml!.outgoing[0].files[0].frozen).toBe(true);
    expect(luoInvariants(system)).toContain('a/0x1 is frozen while the system runs');
  });

  it('an unpreserve() that "fails" on close leaks the preserved pages into the next kernel', () => {
    const { system } = runLuoScript(lines('open', 'create a', 'preserve a 1 memfd:4K@m', 'fail memfd unpreserve', 'close a'), LATEST);
    const f = system.files[String(system.labels.m)];
    expect(extentAt(system.kho, f.runs[0].pa)!.preserved).toBe('folio');
    runParsed(system, parseLuoScript('kexec', 'mainline'));
    expect(Object.values(system.kho.extents).some((e) => e.incoming && e.use === 'memfd-data')).toBe(true);
  });
});
