// Frames arrive many times a second while the scenario plays, each a fresh copy of the
// live-update state even when nothing in it changed. This key changes whenever the state does
// (every operation adds a log line; focus changes the listed events), so the view can keep the
// previous object and skip redrawing the graph.
import type { LuoFrame } from '../../worker/protocol';

export function luoFrameKey(luo: LuoFrame): string {
  const lastLog = luo.log.length ? luo.log[luo.log.length - 1] : null;
  const lr = luo.lastResult;
  return [
    luo.model,
    luo.kernel,
    lastLog ? `${lastLog.boot}.${lastLog.seq}` : '-',
    luo.log.length,
    lr ? `${lr.op}${lr.result.ok ? '+' : '-'}` : '',
    luo.allowed.map((a) => `${a.allowed ? '+' : '-'}${a.label}`).join(','),
    luo.handlers.map((h) => h.compatible).join(','),
    luo.kho.regions.length,
    luo.kho.preservedBytes,
    luo.updates.length,
  ].join('|');
}
