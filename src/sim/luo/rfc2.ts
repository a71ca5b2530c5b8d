// LUO as proposed in RFC v2 (May 2025): one global state machine
//   NORMAL --prepare--> PREPARED --freeze--> FROZEN --kexec--> UPDATED --finish--> NORMAL
// with CANCEL from PREPARED or FROZEN, kernel-generated tokens, file handlers then subsystems
// called in order, and rollback when a callback fails (S-RFC2-04..10, reference §1).
import { fdtNode, phys, readFdt, str } from '../kho/fdt';
import { addSubtree, allocExtent, freeExtent, kexecKho, khoAllocPreserve, khoRestoreFree, khoUnpreserveFree, preserveExtent, removeSubtree, retrieveSubtree, writeRecord } from '../kho/kho';
import { refuse, ok, type ErrnoName, type OpResult, type Refusal } from './errno';
import { fileUsable, maybeRelease, resolveFile, type FileSpec } from './files';
import { handlerDef, type HandlerResult } from './handlers/index';
import { callBool, callInt, callVoid, takeFailure } from './inject';
import { RFC_MAX_SUBSYSTEMS } from './limits';
import { logEvent } from './log';
import { fileReport } from './report';
import { SRC } from './sources';
import type { FdtNode } from '../kho/types';
import type { LuoSystem, RfcState, RfcStateName, SimFile } from './types';

export function newRfcState(): RfcState {
  return { state: 'normal', nextToken: 0, files: [], subsystems: [], incomingFiles: [], incomingSubsystems: {}, luoFdtPa: null };
}

/** /sys/kernel/liveupdate/state (read-only, CONFIG_LIVEUPDATE_SYSFS_API). */
export function sysfsState(sys: LuoSystem): RfcStateName {
  return sys.rfc!.state;
}

const LUO_FDT_BYTES = 1 << 20;

function rfc(sys: LuoSystem): RfcState {
  return sys.rfc!;
}

/** Writes the current /file-descriptors and /subsystems data into the LUO FDT blob. */
function writeLuoFdt(sys: LuoSystem): void {
  const s = rfc(sys);
  if (s.luoFdtPa === null) return;
  const tree: FdtNode = fdtNode('/', [str('compatible', 'luo-v1')], [
    fdtNode(
      'file-descriptors',
      [str('compatible', 'file-descriptors-v1')],
      s.files.filter((f) => f.phase !== 'preserved').map((f) => fdtNode('0x' + f.token.toString(16), [str('compatible', f.handler), phys('data', f.data)])),
    ),
    fdtNode('subsystems', [str('compatible', 'subsystems-v1'), ...s.subsystems.filter((x) => x.phase !== 'registered').map((x) => phys(x.name, x.data))]),
  ]);
  writeRecord(sys.kho, s.luoFdtPa, { kind: 'fdt', tree });
}

function destroyLuoFdt(sys: LuoSystem): void {
  const s = rfc(sys);
  if (s.luoFdtPa === null) return;
  removeSubtree(sys.kho, 'LUO');
  khoUnpreserveFree(sys.kho, s.luoFdtPa);
  s.luoFdtPa = null;
}

function cancelFile(sys: LuoSystem, i: number): void {
  const f = rfc(sys).files[i];
  const h = handlerDef(f.handler)!;
  const file = sys.files[String(f.fileId)];
  callVoid(sys, f.handler, 'cancel', `token ${f.token}`, () => file && h.unpreserve(sys, file, f.data));
  f.phase = 'preserved';
  f.data = 0;
}

function cancelSubsystem(sys: LuoSystem, j: number): void {
  const x = rfc(sys).subsystems[j];
  // The selftest driver's cancel only logs; the page stays preserved in the 6.16 tracker.
  callVoid(sys, x.name, 'cancel', `data 0x${x.data.toString(16)}`, () => undefined);
  x.phase = 'registered';
  x.data = 0;
}

function fail(errno: ErrnoName, rule: string, source: string): Refusal {
  return refuse(errno, rule, source);
}

export function rfcPrepare(sys: LuoSystem): OpResult {
  const s = rfc(sys);
  if (s.state !== 'normal') return fail('EINVAL', `PREPARE is allowed only in NORMAL (state is ${s.state.toUpperCase()})`, SRC.RFC2_CORE);
  if (sys.kho.finalized)
    return fail('EEXIST', 'kho_finalize(): KHO is still finalized from a FREEZE that failed (RFC v2 does not call kho_abort on that path)', SRC.KHO_616);
  const fdt = khoAllocPreserve(sys.kho, LUO_FDT_BYTES, { use: 'luo-fdt', owner: 'LUO FDT (luo-v1)', content: { t: 'zero' } });
  if (typeof fdt === 'string') return fail('ENOMEM', 'could not allocate the 1 MiB LUO FDT', SRC.RFC2_CORE);
  s.luoFdtPa = fdt.pa;
  addSubtree(sys.kho, 'LUO', fdt.pa);
  for (let i = 0; i < s.files.length; i++) {
    const f = s.files[i];
    const h = handlerDef(f.handler)!;
    const file = sys.files[String(f.fileId)];
    let data = 0;
    let why = '';
    const err = callInt(sys, f.handler, 'prepare', `token ${f.token}`, () => {
      const r = h.preserve(sys, file, `LUO token ${f.token}`);
      if (!r.ok) {
        why = r.why;
        return r.errno;
      }
      data = r.value;
      return null;
    });
    if (err) {
      for (let k = i - 1; k >= 0; k--) cancelFile(sys, k);
      destroyLuoFdt(sys);
      logEvent(sys, 'rollback', `prepare of token ${f.token} failed: ${i} earlier file(s) cancelled, state stays NORMAL`);
      return fail(err, `${f.handler}.prepare(token ${f.token}) failed${why ? ` (${why})` : ''}: the files prepared before it get cancel(), state stays NORMAL`, SRC.RFC2_FILES);
    }
    f.data = data;
    f.phase = 'prepared';
  }
  for (let j = 0; j < s.subsystems.length; j++) {
    const x = s.subsystems[j];
    const err = callInt(sys, x.name, 'prepare', `subsystem ${x.name}`, () => preserveExtent(sys.kho, x.pagePa, 'pages'));
    if (err) {
      for (let k = j - 1; k >= 0; k--) cancelSubsystem(sys, k);
      for (let k = s.files.length - 1; k >= 0; k--) cancelFile(sys, k);
      destroyLuoFdt(sys);
      logEvent(sys, 'rollback', `subsystem ${x.name} prepare failed: earlier subsystems and all files cancelled`);
      return fail(err, `subsystem ${x.name}.prepare() failed: earlier subsystems and every file get cancel(), state stays NORMAL`, SRC.RFC2_SUBSYS);
    }
    x.data = x.pagePa;
    x.phase = 'prepared';
  }
  // kho_finalize() serializes the memory map after the notifiers; if that fails, kho_abort() runs
  // the ABORT notifier and LUO cancels everything.
  if (takeFailure(sys, 'kho', 'finalize')) {
    logEvent(sys, 'callback', 'kho.finalize() -> -EIO (injected): kho_abort() -> LUO cancels every file and subsystem');
    for (let k = s.subsystems.length - 1; k >= 0; k--) cancelSubsystem(sys, k);
    for (let k = s.files.length - 1; k >= 0; k--) cancelFile(sys, k);
    destroyLuoFdt(sys);
    return fail('EIO', 'kho_finalize() failed after the LUO notifier; kho_abort() cancels every file and subsystem, state stays NORMAL', SRC.KHO_616);
  }
  sys.kho.finalized = true;
  writeLuoFdt(sys);
  s.state = 'prepared';
  return ok();
}

/** The freeze step, from the FREEZE event or from reboot(KEXEC) in PREPARED. */
function freezeAll(sys: LuoSystem, via: string): Refusal | null {
  const s = rfc(sys);
  for (let i = 0; i < s.files.length; i++) {
    const f = s.files[i];
    const h = handlerDef(f.handler)!;
    const file = sys.files[String(f.fileId)];
    const err = callInt(sys, f.handler, 'freeze', `token ${f.token}`, () => h.freeze(sys, file, f.data));
    if (err) {
      for (let k = i - 1; k >= 0; k--) cancelFile(sys, k);
      s.state = 'normal';
      logEvent(sys, 'rollback', `freeze of token ${f.token} failed: earlier files cancelled; later files stay prepared and KHO stays finalized (RFC v2 gap)`);
      return fail(err, `${via}: ${f.handler}.freeze(token ${f.token}) failed: the files before it get cancel(), the state returns to NORMAL (files after it stay prepared, KHO stays finalized: an RFC v2 gap)`, SRC.RFC2_CORE);
    }
    f.phase = 'frozen';
  }
  for (let j = 0; j < s.subsystems.length; j++) {
    const x = s.subsystems[j];
    const err = callInt(sys, x.name, 'freeze', `subsystem ${x.name}`, () => null);
    if (err) {
      for (let k = j - 1; k >= 0; k--) cancelSubsystem(sys, k);
      for (let k = s.files.length - 1; k >= 0; k--) cancelFile(sys, k);
      s.state = 'normal';
      return fail(err, `${via}: subsystem ${x.name}.freeze() failed: earlier subsystems and every file get cancel(), the state returns to NORMAL`, SRC.RFC2_CORE);
    }
    x.phase = 'frozen';
  }
  writeLuoFdt(sys);
  s.state = 'frozen';
  return null;
}

export function rfcFreeze(sys: LuoSystem): OpResult {
  const s = rfc(sys);
  if (s.state !== 'prepared') return fail('EINVAL', `FREEZE is allowed only in PREPARED (state is ${s.state.toUpperCase()})`, SRC.RFC2_CORE);
  return freezeAll(sys, 'FREEZE') ?? ok();
}

export function rfcCancel(sys: LuoSystem): OpResult {
  const s = rfc(sys);
  if (s.state !== 'prepared' && s.state !== 'frozen')
    return fail('EINVAL', `CANCEL is allowed only in PREPARED or FROZEN (state is ${s.state.toUpperCase()})`, SRC.RFC2_CORE);
  for (let i = 0; i < s.files.length; i++) if (s.files[i].phase !== 'preserved') cancelFile(sys, i);
  for (let j = 0; j < s.subsystems.length; j++) if (s.subsystems[j].phase !== 'registered') cancelSubsystem(sys, j);
  destroyLuoFdt(sys);
  sys.kho.finalized = false;
  s.state = 'normal';
  return ok();
}

export function rfcFinish(sys: LuoSystem): OpResult {
  const s = rfc(sys);
  if (s.state !== 'updated') return fail('EINVAL', `FINISH is allowed only in UPDATED (state is ${s.state.toUpperCase()})`, SRC.RFC2_CORE);
  for (const f of s.incomingFiles) {
    const h = handlerDef(f.compatible);
    if (!h) continue;
    callVoid(sys, f.compatible, 'finish', `token ${f.token}, reclaimed=${f.restored}`, () => h.finish(sys, f.data, f.restored));
    if (f.fileId !== null) {
      const file = sys.files[String(f.fileId)];
      if (file) {
        file.luoRefs = Math.max(0, file.luoRefs - 1);
        maybeRelease(sys, file);
      }
    }
  }
  for (const x of s.subsystems) {
    const data = s.incomingSubsystems[x.name] ?? 0;
    callVoid(sys, x.name, 'finish', `data 0x${data.toString(16)}`, () => undefined);
  }
  s.incomingFiles = [];
  s.incomingSubsystems = {};
  const fdtPa = retrieveSubtree(sys.kho, 'LUO');
  if (typeof fdtPa === 'number') khoRestoreFree(sys.kho, fdtPa);
  s.state = 'normal';
  return ok();
}

export function rfcPreserve(sys: LuoSystem, spec: FileSpec): OpResult {
  const s = rfc(sys);
  // The holder creates (or picks) the file first, then issues the ioctl.
  const file = resolveFile(sys, spec);
  if (file === 'ENOMEM') return fail('ENOMEM', 'the holder could not write the memfd: not enough free RAM outside scratch', SRC.SIM);
  if (s.state !== 'normal' && s.state !== 'updated')
    return fail('EBUSY', `FD_PRESERVE is allowed only in NORMAL or UPDATED (state is ${s.state.toUpperCase()})`, SRC.RFC2_FILES);
  if (!fileUsable(sys, file)) return fail('EBADF', 'the file descriptor is not open (closed, or from before the kexec)', SRC.FD);
  const handler = sys.handlers.find((c) => callBool(sys, c, 'can_preserve', `${file.kind} #${file.id}`, () => handlerDef(c)!.canPreserve(sys, file)));
  if (!handler) return fail('ENOENT', `no registered handler's can_preserve() accepts a ${file.kind} file`, SRC.RFC2_FILES);
  const token = s.nextToken++;
  s.files.push({ token, fileId: file.id, handler, data: 0, phase: 'preserved' });
  file.luoRefs++;
  return ok({ token });
}

export function rfcUnpreserve(sys: LuoSystem, token: number): OpResult {
  const s = rfc(sys);
  if (s.state !== 'normal' && s.state !== 'updated')
    return fail('EBUSY', `FD_UNPRESERVE is allowed only in NORMAL or UPDATED (state is ${s.state.toUpperCase()})`, SRC.RFC2_FILES);
  const i = s.files.findIndex((f) => f.token === token);
  if (i < 0) return fail('ENOENT', `token ${token} is not preserved`, SRC.RFC2_FILES);
  const [f] = s.files.splice(i, 1);
  const file = sys.files[String(f.fileId)];
  const warnings: string[] = [];
  if (f.phase !== 'preserved') warnings.push(`token ${token} was still ${f.phase} (after a failed FREEZE); unpreserve calls no handler callback, so its preserved pages leak`);
  if (file) {
    file.luoRefs = Math.max(0, file.luoRefs - 1);
    maybeRelease(sys, file);
  }
  for (const w of warnings) logEvent(sys, 'warn', w);
  return ok(undefined, warnings);
}

export function rfcRestore(sys: LuoSystem, token: number): OpResult {
  const s = rfc(sys);
  if (s.state !== 'updated') return fail('EBUSY', `FD_RESTORE is allowed only in UPDATED (state is ${s.state.toUpperCase()})`, SRC.RFC2_FILES);
  const f = s.incomingFiles.find((x) => x.token === token);
  if (!f) return fail('ENOENT', `no incoming file has token ${token}`, SRC.RFC2_FILES);
  if (f.restored) return fail('EINVAL', `token ${token} was already restored`, SRC.RFC2_FILES);
  const h = handlerDef(f.compatible)!;
  const box: { r?: HandlerResult<SimFile> } = {};
  const err = callInt(sys, f.compatible, 'retrieve', `token ${token}`, () => {
    box.r = h.retrieve(sys, f.data, `restored token ${token}`);
    return box.r.ok ? null : box.r.errno;
  });
  const r = box.r;
  if (err || !r || !r.ok) return fail(err ?? 'EIO', `${f.compatible}.retrieve(token ${token}) failed${r && !r.ok ? `: ${r.why}` : ''}`, SRC.RFC2_FILES);
  f.restored = true;
  f.fileId = r.value.id;
  r.value.open = true;
  r.value.luoRefs = 1;
  return ok(fileReport(sys, r.value));
}

export function rfcRegister(sys: LuoSystem, name: string): OpResult {
  const s = rfc(sys);
  if (s.subsystems.length >= RFC_MAX_SUBSYSTEMS)
    return fail('ENOMEM', `the selftest driver has ${RFC_MAX_SUBSYSTEMS} subsystem slots (LUO_MAX_SUBSYSTEMS)`, SRC.RFC2_SELFTEST_DRV);
  if (s.state !== 'normal' && s.state !== 'updated')
    return fail('EBUSY', `subsystems can be registered only in NORMAL or UPDATED (state is ${s.state.toUpperCase()})`, SRC.RFC2_SUBSYS);
  if (s.subsystems.some((x) => x.name === name)) return fail('EEXIST', `subsystem "${name}" is already registered`, SRC.RFC2_SUBSYS);
  // The selftest driver copies a user page (here: a pattern seeded by the name) into a kernel page.
  let seed = 0;
  for (const ch of name) seed = (Math.imul(seed, 31) + ch.charCodeAt(0)) | 0;
  const page = allocExtent(sys.kho, 1, { use: 'subsystem-data', owner: `subsystem ${name} data page`, content: { t: 'data', seed, index: 0 } });
  if (!page) return fail('ENOMEM', 'get_zeroed_page failed', SRC.RFC2_SELFTEST_DRV);
  s.subsystems.push({ name, data: 0, pagePa: page.pa, phase: 'registered' });
  return ok();
}

export function rfcUnregister(sys: LuoSystem, name: string): OpResult {
  const s = rfc(sys);
  const i = s.subsystems.findIndex((x) => x.name === name);
  if (i < 0) return fail('EINVAL', `subsystem "${name}" is not registered (the selftest driver's lookup fails before LUO's -ENOENT)`, SRC.RFC2_SELFTEST_DRV);
  if (s.state !== 'normal' && s.state !== 'updated')
    return fail('EBUSY', `subsystems can be unregistered only in NORMAL or UPDATED (state is ${s.state.toUpperCase()})`, SRC.RFC2_SUBSYS);
  const [x] = s.subsystems.splice(i, 1);
  freeExtent(sys.kho, x.pagePa);
  return ok();
}

/** reboot(LINUX_REBOOT_CMD_KEXEC) under RFC v2. */
export function rfcKexec(sys: LuoSystem, jump: () => void): OpResult {
  const s = rfc(sys);
  if (s.state === 'prepared') {
    const r = freezeAll(sys, 'reboot(KEXEC)');
    if (r) return r;
  }
  const handover = s.state === 'frozen';
  if (!handover) logEvent(sys, 'kexec', `state ${s.state.toUpperCase()}: liveupdate_reboot() does nothing, plain kexec (nothing is handed over)`);
  const prevFiles = s.files.length;
  sys.kho = kexecKho(sys.kho, handover);
  jump();
  const next = newRfcState();
  sys.rfc = next;
  // early_initcall: UPDATED if the KHO tree carries a "LUO" subtree.
  const pa = retrieveSubtree(sys.kho, 'LUO');
  const tree = typeof pa === 'number' ? readFdt(sys.kho, pa) : null;
  if (tree) {
    next.state = 'updated';
    const fds = tree.children.find((c) => c.name === 'file-descriptors');
    for (const n of fds?.children ?? []) {
      next.incomingFiles.push({
        token: Number(n.name),
        compatible: String(n.props.find((p) => p.name === 'compatible')!.value),
        data: Number(n.props.find((p) => p.name === 'data')!.value),
        restored: false,
        fileId: null,
      });
    }
    const subs = tree.children.find((c) => c.name === 'subsystems');
    for (const p of subs?.props ?? []) if (p.name !== 'compatible') next.incomingSubsystems[p.name] = Number(p.value);
    logEvent(sys, 'kexec', `next kernel: LUO subtree found, state UPDATED with ${next.incomingFiles.length} file(s) of ${prevFiles}`);
  }
  return ok();
}

