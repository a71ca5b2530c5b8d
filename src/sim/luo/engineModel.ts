// The live-update system as an engine model: each `luo.op` action applies one operation, and
// what the kernel answered goes on the timeline and into the log hash.
import type { Model } from '../engine/types';
import type { OpResult } from './errno';
import { parseLine } from './script';
import { applyOp, createLuoSystem, stateLabel, type LuoOptions } from './system';
import type { LuoSystem } from './types';

export interface LuoModelState {
  sys: LuoSystem;
  /** The last operation and what the kernel answered, for the graph's "refused" message. */
  lastResult: { op: string; result: OpResult } | null;
}

export const luoModel: Model<LuoModelState, LuoOptions> = {
  name: 'luo',
  init: (opts) => ({ sys: createLuoSystem(opts), lastResult: null }),
  handle(ev, state, ctx) {
    if (ev.kind !== 'luo.op') throw new Error(`luo model: unknown event ${ev.kind}`);
    const text = String(ev.data?.op ?? '');
    const before = stateLabel(state.sys);
    let result: OpResult;
    try {
      result = applyOp(state.sys, parseLine(text, state.sys.model));
    } catch (e) {
      // Checked at load time; a throw here is an operation of the other model.
      result = { ok: false, errno: 'EINVAL', rule: (e as Error).message, source: 'simulator' };
    }
    state.lastResult = { op: text, result };
    const after = stateLabel(state.sys);
    const answer = result.ok
      ? `ok${result.values ? ' ' + Object.entries(result.values).map(([k, v]) => `${k}=${v}`).join(' ') : ''}`
      : `-${result.errno}`;
    ctx.digest(result.ok ? 1 : 2);
    ctx.note('luo.op', `${text} → ${answer}${before !== after ? ` (${before} → ${after})` : ''}`, {
      op: text,
      ok: result.ok,
      ...(result.ok ? {} : { errno: result.errno, rule: result.rule }),
    });
  },
};
