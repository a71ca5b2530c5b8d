// Reference §5.5: the in-kernel FLB test (lib/tests/liveupdate.c, CONFIG_LIVEUPDATE_TEST).
import { describe, expect, it } from 'vitest';
import { flbGetIncoming, registerFlb, TEST_FLB_BASE, testFlbName } from './flb';
import { parseLuoScript, runParsed } from './script';
import { createLuoSystem } from './system';
import { lines } from './testing';

describe('§5.5 FLB test', () => {
  it('registering FLB[0] again is -EEXIST', () => {
    const sys = createLuoSystem({ model: 'mainline', testFlbs: 3 });
    expect(sys.flbs.length).toBe(3);
    expect(registerFlb(sys, 'memfd-v1', testFlbName('memfd-v1', 0))).toBe('EEXIST');
  });

  it('preserve sets data = 0xFEEDF00DCAFEBEE0 + idx; the next kernel retrieves the same data; finish gets obj == data', () => {
    const sys = createLuoSystem({ model: 'mainline', testFlbs: 3 });
    runParsed(sys, parseLuoScript(lines('open', 'create s', 'preserve s 1 memfd:4K', 'preserve s 2 memfd:4K'), 'mainline'));
    expect(sys.flbs.map((f) => f.outgoing.data)).toEqual([0n, 1n, 2n].map((i) => '0x' + (TEST_FLB_BASE + i).toString(16)));
    expect(sys.flbs.every((f) => f.outgoing.count === 2)).toBe(true);
    runParsed(sys, parseLuoScript(lines('kexec', 'open', 'retrieve s'), 'mainline'));
    const want = '0x' + (TEST_FLB_BASE + 1n).toString(16);
    expect(flbGetIncoming(sys, testFlbName('memfd-v1', 1))).toEqual({ obj: want });
    expect(runParsed(sys, parseLuoScript(lines('retrieve-fd s 1', 'finish s'), 'mainline'))[1]).toBe('ok');
    expect(sys.flbs.map((f) => f.finishedWith)).toEqual([0n, 1n, 2n].map((i) => '0x' + (TEST_FLB_BASE + i).toString(16)));
    expect(flbGetIncoming(sys, testFlbName('memfd-v1', 0))).toEqual({ errno: 'ENODATA' });
  });

  it('the FLB is unpreserved after the last dependent file', () => {
    const sys = createLuoSystem({ model: 'mainline', testFlbs: 1 });
    runParsed(sys, parseLuoScript(lines('open', 'create s', 'preserve s 1 memfd:4K', 'create t', 'preserve t 2 memfd:4K', 'close s'), 'mainline'));
    expect(sys.flbs[0].outgoing.count).toBe(1);
    runParsed(sys, parseLuoScript('close t', 'mainline'));
    expect(sys.flbs[0].outgoing).toEqual({ count: 0, data: null });
  });
});
