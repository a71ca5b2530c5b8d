// What the live-update views need at one moment, computed from the engine's luo state.
import { khoMemoryMap } from '../sim/kho/memmap';
import { allowedEvents, blackoutInput, blackoutTimeline, handlerList, mainlineView, previewOp, stateLabel } from '../sim/luo';
import type { LuoModelState } from '../sim/luo/engineModel';
import type { OpResult } from '../sim/luo/errno';
import { parseLine } from '../sim/luo/script';

/** Sessions listed in full in a frame; the rest are counted (the view groups and virtualizes). */
export const SESSION_LIST_LIMIT = 400;

export function luoFrame(st: LuoModelState, focusSession?: string) {
  const sys = st.sys;
  return {
    model: sys.model,
    kernel: sys.kernel,
    state: stateLabel(sys),
    rfcState: sys.rfc?.state ?? null,
    allowed: allowedEvents(sys, focusSession ? { session: focusSession } : {}).map((e) => ({ label: e.label, allowed: e.allowed, result: e.result, nextState: e.nextState })),
    last: sys.last,
    lastResult: st.lastResult,
    mainline: sys.ml ? mainlineView(sys, SESSION_LIST_LIMIT) : null,
    handlers: handlerList(sys),
    log: sys.log.slice(-60),
    kho: khoMemoryMap(sys.kho),
    blackout: blackoutTimeline(blackoutInput(sys)),
    updates: sys.updates,
  };
}

export type LuoFrame = ReturnType<typeof luoFrame>;

/** What an operation would do now, without doing it (hover preview). */
export function luoPreview(st: LuoModelState, line: string): { result: OpResult; nextState: string } {
  let op;
  try {
    op = parseLine(line, st.sys.model);
  } catch (e) {
    return { result: { ok: false, errno: 'EINVAL', rule: (e as Error).message, source: 'simulator' }, nextState: stateLabel(st.sys) };
  }
  const { result, next } = previewOp(st.sys, op);
  return { result, nextState: stateLabel(next) };
}
