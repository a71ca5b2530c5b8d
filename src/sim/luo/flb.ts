// File-Lifecycle-Bound global objects (kernel/liveupdate/luo_flb.c, S-FLB): preserved when the
// first dependent file is preserved, unpreserved after the last one, retrieved on demand in the
// next kernel and finished after the last dependent file is finished. Only the in-kernel test FLBs
// (lib/tests/liveupdate.c, CONFIG_LIVEUPDATE_TEST) are modelled: data = 0xFEEDF00DCAFEBEE0 + idx.
import type { ErrnoName } from './errno';
import { logEvent } from './log';
import type { FlbState, LuoSystem } from './types';

export const TEST_FLB_BASE = 0xfeedf00dcafebee0n;

export function testFlbName(handler: string, idx: number): string {
  return `test-flb-${handler}-${idx}`;
}

/** liveupdate_register_flb: -EEXIST if already linked to this handler (or the compatible is taken). */
export function registerFlb(sys: LuoSystem, handler: string, compatible: string): ErrnoName | null {
  if (sys.flbs.some((f) => f.compatible === compatible)) return 'EEXIST';
  sys.flbs.push({
    compatible,
    handler,
    outgoing: { count: 0, data: null },
    incoming: { count: 0, data: null, retrieved: false, finished: false, obj: null },
    finishedWith: null,
  });
  return null;
}

export function registerTestFlbs(sys: LuoSystem, handler: string, n: number): void {
  for (let i = 0; i < n; i++) registerFlb(sys, handler, testFlbName(handler, i));
}

function testData(f: FlbState): string {
  const idx = Number(f.compatible.split('-').pop());
  return '0x' + (TEST_FLB_BASE + BigInt(idx)).toString(16);
}

export function flbFilePreserve(sys: LuoSystem, handler: string): void {
  for (const f of sys.flbs.filter((x) => x.handler === handler)) {
    if (f.outgoing.count === 0) {
      f.outgoing.data = testData(f);
      logEvent(sys, 'callback', `flb ${f.compatible}.preserve() -> data ${f.outgoing.data}`);
    }
    f.outgoing.count++;
  }
}

export function flbFileUnpreserve(sys: LuoSystem, handler: string): void {
  for (const f of sys.flbs.filter((x) => x.handler === handler).reverse()) {
    if (f.outgoing.count === 0) continue;
    if (--f.outgoing.count === 0) {
      logEvent(sys, 'callback', `flb ${f.compatible}.unpreserve()`);
      f.outgoing.data = null;
    }
  }
}

/** What luo_flb_serialize writes: name, data, count of each FLB in use. */
export function flbSerialize(sys: LuoSystem): { name: string; data: string; count: number }[] {
  return sys.flbs.filter((f) => f.outgoing.count > 0).map((f) => ({ name: f.compatible, data: f.outgoing.data!, count: f.outgoing.count }));
}

/** New kernel: the FLBs are registered again (module init) and see the incoming entries. */
export function flbIncoming(sys: LuoSystem, entries: { name: string; data: string; count: number }[]): void {
  for (const f of sys.flbs) {
    f.outgoing = { count: 0, data: null };
    f.finishedWith = null;
    const e = entries.find((x) => x.name === f.compatible);
    f.incoming = { count: e ? e.count : 0, data: e ? e.data : null, retrieved: false, finished: false, obj: null };
  }
}

/** liveupdate_flb_get_incoming: -ENODATA after finish or without incoming data, -ENOENT if not handed over. */
export function flbGetIncoming(sys: LuoSystem, compatible: string): { obj: string } | { errno: ErrnoName } {
  const f = sys.flbs.find((x) => x.compatible === compatible);
  if (!f) return { errno: 'ENOENT' };
  if (f.incoming.finished) return { errno: 'ENODATA' };
  if (!f.incoming.retrieved) {
    if (f.incoming.data === null) return { errno: f.incoming.count === 0 && !sys.kho.khoBoot ? 'ENODATA' : 'ENOENT' };
    // The test FLB's retrieve checks the data it gets back.
    if (f.incoming.data !== testData(f)) return { errno: 'EINVAL' };
    f.incoming.obj = f.incoming.data;
    f.incoming.retrieved = true;
    logEvent(sys, 'callback', `flb ${f.compatible}.retrieve() -> obj ${f.incoming.obj}`);
  }
  return { obj: f.incoming.obj! };
}

export function flbFileFinish(sys: LuoSystem, handler: string): void {
  for (const f of sys.flbs.filter((x) => x.handler === handler).reverse()) {
    if (f.incoming.count === 0) continue;
    if (--f.incoming.count === 0) {
      const got = flbGetIncoming(sys, f.compatible);
      if ('errno' in got) {
        logEvent(sys, 'warn', `flb ${f.compatible}: retrieve before finish failed (-${got.errno})`);
        continue;
      }
      f.finishedWith = got.obj;
      f.incoming.finished = true;
      f.incoming.obj = null;
      f.incoming.data = null;
      logEvent(sys, 'callback', `flb ${f.compatible}.finish(obj ${got.obj})`);
    }
  }
}
