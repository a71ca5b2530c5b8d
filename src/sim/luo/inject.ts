// Failure injection: `fail <handler-or-subsystem> <callback>` makes the next call of that callback
// fail with -EIO. Bool callbacks (can_preserve, can_finish) return false instead; void callbacks
// (cancel, finish, unpreserve, unfreeze) cannot report failure: the kernel carries on and the work
// they should have done is skipped (the resources leak), which the log records.
import type { ErrnoName } from './errno';
import { logEvent } from './log';
import type { LuoModel, LuoSystem } from './types';

export const HANDLER_CALLBACKS: Record<LuoModel, string[]> = {
  'rfc-v2': ['prepare', 'freeze', 'cancel', 'finish', 'retrieve', 'can_preserve'],
  mainline: ['can_preserve', 'preserve', 'unpreserve', 'freeze', 'unfreeze', 'retrieve', 'can_finish', 'finish'],
};
export const SUBSYSTEM_CALLBACKS = ['prepare', 'freeze', 'cancel', 'finish'];
export const VOID_CALLBACKS = new Set(['cancel', 'finish', 'unpreserve', 'unfreeze']);
export const BOOL_CALLBACKS = new Set(['can_preserve', 'can_finish']);

/** Pseudo-targets: KHO's finalize step and LUO's incoming deserialization. */
export const PSEUDO_TARGETS: Record<LuoModel, Record<string, string[]>> = {
  'rfc-v2': { kho: ['finalize'] },
  mainline: { kho: ['finalize'], luo: ['deserialize'] },
};

/** Arms a failure; `after` lets that many calls succeed first (API only; the CLI uses 0). */
export function addInjection(sys: LuoSystem, target: string, callback: string, after = 0): void {
  const hit = sys.inject.find((i) => i.target === target && i.callback === callback && (i.after ?? 0) === after);
  if (hit) hit.count++;
  else sys.inject.push(after ? { target, callback, count: 1, after } : { target, callback, count: 1 });
  logEvent(sys, 'info', `armed: ${after ? `call ${after + 1} of` : 'next'} ${target}.${callback}() fails`);
}

/** Consumes a pending failure for target.callback. */
export function takeFailure(sys: LuoSystem, target: string, callback: string): boolean {
  const i = sys.inject.findIndex((x) => x.target === target && x.callback === callback);
  if (i < 0) return false;
  const inj = sys.inject[i];
  if (inj.after) {
    inj.after--;
    return false;
  }
  if (--inj.count <= 0) sys.inject.splice(i, 1);
  return true;
}

/** Runs a failable int callback: returns 'EIO' when injected, else the body's result. */
export function callInt(sys: LuoSystem, target: string, callback: string, who: string, body: () => ErrnoName | null): ErrnoName | null {
  if (takeFailure(sys, target, callback)) {
    logEvent(sys, 'callback', `${target}.${callback}(${who}) -> -EIO (injected)`);
    return 'EIO';
  }
  const r = body();
  logEvent(sys, 'callback', `${target}.${callback}(${who}) -> ${r ? '-' + r : '0'}`);
  return r;
}

/** Runs a void callback: an injected failure skips its work (the kernel cannot notice). */
export function callVoid(sys: LuoSystem, target: string, callback: string, who: string, body: () => void): boolean {
  if (takeFailure(sys, target, callback)) {
    logEvent(sys, 'warn', `${target}.${callback}(${who}) failed (injected); it returns void, so the kernel carries on and its resources leak`);
    return false;
  }
  body();
  logEvent(sys, 'callback', `${target}.${callback}(${who})`);
  return true;
}

/** Runs a bool callback: an injected failure returns false. */
export function callBool(sys: LuoSystem, target: string, callback: string, who: string, body: () => boolean): boolean {
  if (takeFailure(sys, target, callback)) {
    logEvent(sys, 'callback', `${target}.${callback}(${who}) -> false (injected)`);
    return false;
  }
  const r = body();
  logEvent(sys, 'callback', `${target}.${callback}(${who}) -> ${r}`);
  return r;
}
