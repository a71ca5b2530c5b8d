// One live-update system: create it, apply operations, preview them, list what is allowed now.
// State is plain data; applyOp mutates it in place, previewOp works on a clone.
import { coldBootKho } from '../kho/kho';
import { blockRuns } from '../kho/tracker';
import type { KhoMachine, ScratchConfig } from '../kho/types';
import { refuse, type OpResult } from './errno';
import { registerTestFlbs } from './flb';
import { HANDLERS } from './handlers/index';
import { addInjection } from './inject';
import { kernelLimits } from './limits';
import { logEvent } from './log';
import { mainlineLateInit, mlClose, mlCloseDev, mlCreate, mlFinish, mlKexec, mlLuodExit, mlNumber, mlOpen, mlPreserve, mlRetrieve, mlRetrieveFd, newMainlineState } from './mainline';
import { opToText, type LuoOp } from './ops';
import { newRfcState, rfcCancel, rfcFinish, rfcFreeze, rfcKexec, rfcPrepare, rfcPreserve, rfcRegister, rfcRestore, rfcUnpreserve, rfcUnregister, sysfsState } from './rfc2';
import { SRC } from './sources';
import type { KernelLine, LuoModel, LuoSystem, UpdateRecord } from './types';

export interface LuoOptions {
  model: LuoModel;
  /** Mainline only: 6.19 limits and behaviour, or later kernels. Ignored by rfc-v2. */
  kernel?: KernelLine;
  machine?: KhoMachine;
  scratch?: ScratchConfig;
  /** Register the PROPOSED VFIO device handler as well as memfd-v1. */
  proposedHandlers?: boolean;
  /** Register N in-kernel test FLBs per handler (CONFIG_LIVEUPDATE_TEST). Mainline only. */
  testFlbs?: number;
}

export function createLuoSystem(o: LuoOptions): LuoSystem {
  const kernel = o.kernel ?? 'latest';
  const limits = kernelLimits(kernel);
  const version = o.model === 'rfc-v2' ? '6.16' : kernel === '6.19' ? '6.19' : 'radix';
  const sys: LuoSystem = {
    model: o.model,
    kernel,
    limits,
    kho: coldBootKho({ version, machine: o.machine, scratch: o.scratch }),
    handlers: ['memfd-v1', ...(o.proposedHandlers ? ['vfio-pci-proposed'] : [])],
    files: {},
    nextFileId: 1,
    labels: {},
    inject: [],
    flbs: [],
    oracle: {},
    rfc: o.model === 'rfc-v2' ? newRfcState() : null,
    ml: o.model === 'mainline' ? newMainlineState() : null,
    log: [],
    logSeq: 0,
    last: null,
    updates: [],
    holePagesFilled: 0,
  };
  if (o.model === 'mainline') {
    if (o.testFlbs) for (const h of sys.handlers) registerTestFlbs(sys, h, o.testFlbs);
    mainlineLateInit(sys);
  }
  logEvent(sys, 'info', `cold boot: model ${o.model}${o.model === 'mainline' ? `, kernel ${kernel}` : ''}, KHO ${version}, ${sys.kho.scratch.length} scratch regions`);
  return sys;
}

/** A short label of the current state: the RFC v2 state, or the mainline device/session summary. */
export function stateLabel(sys: LuoSystem): string {
  if (sys.rfc) return sys.rfc.state;
  const m = sys.ml!;
  return `dev:${m.deviceOpen ? 'open' : 'closed'} out:${m.outgoing.length} in:${m.incoming.length}`;
}

function updateRecord(sys: LuoSystem): UpdateRecord {
  const files = sys.rfc ? sys.rfc.files : sys.ml!.outgoing.flatMap((s) => s.files);
  let folios = 0;
  for (const f of files) {
    const file = f.fileId !== null ? sys.files[String(f.fileId)] : undefined;
    if (file && file.kind === 'memfd') folios += file.runs.reduce((s, r) => s + r.count, 0);
  }
  const preserved = Object.values(sys.kho.extents).filter((e) => e.preserved);
  return {
    fromBoot: sys.kho.boot,
    model: sys.model,
    sessions: sys.ml ? sys.ml.outgoing.length : 0,
    files: files.length,
    folios,
    preservedBytes: preserved.reduce((s, e) => s + e.pages * 4096, 0),
    trackerBlocks: blockRuns(preserved).reduce((s, r) => s + r.count, 0),
  };
}

/** The process world ends at kexec: files of the old kernel are gone (their labels now give -EBADF). */
function jump(sys: LuoSystem): void {
  for (const [k, f] of Object.entries(sys.files)) if (f.boot < sys.kho.boot) delete sys.files[k];
  sys.holePagesFilled = 0;
}

function kexec(sys: LuoSystem): OpResult {
  const rec = updateRecord(sys);
  const r = sys.rfc ? rfcKexec(sys, () => jump(sys)) : mlKexec(sys, () => jump(sys));
  if (r.ok) {
    sys.updates.push(rec);
    if (sys.updates.length > 20) sys.updates.shift();
  }
  return r;
}

function dispatch(sys: LuoSystem, o: LuoOp): OpResult {
  switch (o.op) {
    case 'kexec':
      return kexec(sys);
    case 'fail':
      addInjection(sys, o.target, o.callback);
      return { ok: true };
    case 'state':
      return { ok: true, value: sysfsState(sys) };
    case 'prepare':
      return rfcPrepare(sys);
    case 'freeze':
      return rfcFreeze(sys);
    case 'cancel':
      return rfcCancel(sys);
    case 'finish':
      return rfcFinish(sys);
    case 'preserve':
      return rfcPreserve(sys, o.file);
    case 'unpreserve':
      return rfcUnpreserve(sys, o.token);
    case 'restore':
      return rfcRestore(sys, o.token);
    case 'register':
      return rfcRegister(sys, o.name);
    case 'unregister':
      return rfcUnregister(sys, o.name);
    case 'open':
      return mlOpen(sys);
    case 'close-dev':
      return mlCloseDev(sys);
    case 'create':
      return mlCreate(sys, o.name);
    case 'preserve-fd':
      return mlPreserve(sys, o.session, o.token, o.file);
    case 'close':
      return mlClose(sys, o.session);
    case 'retrieve':
      return mlRetrieve(sys, o.name);
    case 'retrieve-fd':
      return mlRetrieveFd(sys, o.session, o.token);
    case 'finish-session':
      return mlFinish(sys, o.session);
    case 'number':
      return mlNumber(sys);
    case 'luod-exit':
      return mlLuodExit(sys);
  }
}

const RFC_ONLY = new Set(['state', 'prepare', 'freeze', 'cancel', 'finish', 'preserve', 'unpreserve', 'restore', 'register', 'unregister']);

/** Applies one operation (mutating sys). Throws Error for an operation of the other model or an unknown file label. */
export function applyOp(sys: LuoSystem, o: LuoOp): OpResult {
  const isRfc = RFC_ONLY.has(o.op);
  if (o.op !== 'kexec' && o.op !== 'fail' && isRfc !== (sys.model === 'rfc-v2'))
    throw new Error(`"${o.op === 'preserve-fd' ? 'preserve' : o.op === 'finish-session' ? 'finish' : o.op}" is not an operation of the ${sys.model} model`);
  const from = stateLabel(sys);
  const r = dispatch(sys, o);
  const text = opToText(o);
  logEvent(sys, 'op', `${text} -> ${r.ok ? (r.value ?? 'ok') : '-' + r.errno}`);
  sys.last = { op: text, ok: r.ok, from, to: stateLabel(sys), errno: r.ok ? null : r.errno };
  return r;
}

/** What the operation would do, without doing it: the result and the state it would lead to. */
export function previewOp(sys: LuoSystem, o: LuoOp): { result: OpResult; next: LuoSystem } {
  const next = structuredClone(sys);
  try {
    return { result: applyOp(next, o), next };
  } catch (e) {
    return { result: refuse('EINVAL', (e as Error).message, SRC.SIM), next: sys };
  }
}

export interface AllowedEvent {
  op: LuoOp;
  label: string;
  /** Whether the kernel would accept it now. */
  allowed: boolean;
  result: OpResult;
  /** State label it would lead to (RFC v2: normal/prepared/frozen/updated). */
  nextState: string;
}

/**
 * The events of the current state with their outcome, for buttons and hover previews. RFC v2: the
 * four events and kexec. Mainline: device-level events, plus the given session's events (each
 * preview clones the state, so ask per session rather than for all 2000).
 */
export function allowedEvents(sys: LuoSystem, scope: { session?: string } = {}): AllowedEvent[] {
  const ops: LuoOp[] = [];
  if (sys.model === 'rfc-v2') ops.push({ op: 'prepare' }, { op: 'freeze' }, { op: 'cancel' }, { op: 'finish' }, { op: 'kexec' });
  else {
    const m = sys.ml!;
    ops.push(m.deviceOpen ? { op: 'close-dev' } : { op: 'open' }, { op: 'kexec' }, { op: 'luod-exit' });
    if (scope.session !== undefined) {
      const name = scope.session;
      if (m.incoming.some((x) => x.name === name && !x.retrieved)) ops.push({ op: 'retrieve', name });
      ops.push({ op: 'close', session: name }, { op: 'finish-session', session: name });
      const s = m.incoming.find((x) => x.fdName === name && x.fdOpen);
      for (const f of s?.files ?? []) ops.push({ op: 'retrieve-fd', session: name, token: f.token });
    }
  }
  return ops.map((op) => {
    const { result, next } = previewOp(sys, op);
    return { op, label: opToText(op), allowed: result.ok, result, nextState: stateLabel(next) };
  });
}

export { HANDLERS };
