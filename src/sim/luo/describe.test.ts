import { describe, expect, it } from 'vitest';
import { handlerList, mainlineView, RFC_TRANSITIONS } from './describe';
import { runLuoScript } from './script';
import { allowedEvents, createLuoSystem, previewOp } from './system';
import { lines } from './testing';

describe('model outputs for the views', () => {
  it('RFC v2: allowed events with the next state each leads to, refusals with errno and rule', () => {
    const sys = createLuoSystem({ model: 'rfc-v2' });
    const ev = allowedEvents(sys);
    const by = Object.fromEntries(ev.map((e) => [e.label, e]));
    expect(by.prepare).toMatchObject({ allowed: true, nextState: 'prepared' });
    expect(by.freeze.allowed).toBe(false);
    expect(by.freeze.result).toMatchObject({ ok: false, errno: 'EINVAL' });
    if (!by.freeze.result.ok) expect(by.freeze.result.rule).toMatch(/only in PREPARED/);
    expect(sys.rfc!.state).toBe('normal'); // previews do not change the state
    for (const e of ev.filter((x) => x.allowed && x.label !== 'kexec')) expect(RFC_TRANSITIONS.some((t) => t.from === 'normal' && t.event === e.label && t.to === e.nextState)).toBe(true);
  });

  it('previews include injected failures', () => {
    const sys = runLuoScript(lines('preserve memfd:4K', 'prepare', 'fail memfd freeze'), { model: 'rfc-v2' }).system;
    const p = previewOp(sys, { op: 'freeze' });
    expect(p.result).toMatchObject({ ok: false, errno: 'EIO' });
    expect(p.next.rfc!.state).toBe('normal');
    expect(sys.rfc!.state).toBe('prepared');
    expect(sys.inject.length).toBe(1);
  });

  it('mainline: per-session events and a compact, capped view', () => {
    const sys = runLuoScript(lines('open', 'create s', 'preserve s 1 memfd:4K', 'create t', 'kexec', 'open'), { model: 'mainline' }).system;
    const ev = allowedEvents(sys, { session: 's' });
    expect(ev.find((e) => e.label === 'retrieve s')).toMatchObject({ allowed: true });
    const v = mainlineView(sys, 1);
    expect(v.counts).toMatchObject({ incoming: 2, outgoing: 0, files: 1 });
    expect(v.sessions.length).toBe(1);
    expect(v.liveupdateNumber).toBe(1);
  });

  it('without KHO (scratch does not fit) LUO disables itself: no /dev/liveupdate', () => {
    const GiB = 1024 ** 3;
    const sys = createLuoSystem({ model: 'mainline', scratch: { kind: 'sizes', lowmem: 2 * GiB, global: 200 * GiB, pernode: GiB } });
    expect(sys.kho.disabled).not.toBeNull();
    expect(previewOp(sys, { op: 'open' }).result).toMatchObject({ ok: false, errno: 'ENOENT' });
  });

  it('the state is plain data: structuredClone and JSON round-trip it', () => {
    const sys = runLuoScript(lines('open', 'create s', 'preserve s 1 memfd:8K'), { model: 'mainline', proposedHandlers: true }).system;
    expect(structuredClone(sys)).toEqual(sys);
    expect(JSON.parse(JSON.stringify(sys))).toEqual(sys);
    expect(handlerList(sys).map((h) => [h.compatible, h.proposed])).toEqual([
      ['memfd-v1', false],
      ['vfio-pci-proposed', true],
    ]);
  });
});
