// LUO as merged for 6.19 and changed later (reference §2): no global state; an exclusive
// /dev/liveupdate; sessions by name, each owned by its descriptor; PRESERVE_FD with user tokens
// does the heavy work before the blackout; reboot(KEXEC) freezes every file of every outgoing
// session and fails cleanly (everything unfrozen, system running) if one freeze fails; the next
// kernel deserializes at the first open, then RETRIEVE_SESSION, RETRIEVE_FD, FINISH.
import { fdtNode, phys, readFdt, str, u64 } from '../kho/fdt';
import { addSubtree, kexecKho, khoAllocPreserve, khoRestoreFree, khoUnpreserveFree, readRecord, retrieveSubtree, writeRecord } from '../kho/kho';
import { ok, refuse, type ErrnoName, type OpResult, type Refusal } from './errno';
import { fileUsable, maybeRelease, resolveFile, type FileSpec } from './files';
import { flbFileFinish, flbFilePreserve, flbFileUnpreserve, flbIncoming, flbSerialize } from './flb';
import { handlerDef, type HandlerResult } from './handlers/index';
import { callBool, callInt, callVoid, takeFailure } from './inject';
import { SESSION_NAME_LENGTH } from './limits';
import { logEvent } from './log';
import { fileReport } from './report';
import { SRC } from './sources';
import type { FdtNode } from '../kho/types';
import type { LuoSystem, MainlineState, MlFile, MlSession, SimFile } from './types';

const SESSION_TABLE_BYTES = 16 * 4096;
const FILE_ARRAY_BYTES = 2 * 4096;
const PAGE = 4096;

function ml(sys: LuoSystem): MainlineState {
  return sys.ml!;
}

function srcSess(sys: LuoSystem): string {
  return sys.limits.line === '6.19' ? SRC.SESS_619 : SRC.SESS_LATER;
}
function srcFile(sys: LuoSystem): string {
  return sys.limits.line === '6.19' ? SRC.FILE_619 : SRC.FILE_LATER;
}

export function newMainlineState(): MainlineState {
  return {
    deviceOpen: false,
    deserialized: false,
    deserializeErr: null,
    outgoing: [],
    incoming: [],
    liveupdateNum: 0,
    luoFdtPa: null,
    flbPa: null,
    sessionPages: [],
    incomingSessionPages: [],
    nextSessionId: 1,
  };
}

/** luo_fdt_setup() at late_initcall: the outgoing LUO FDT (liveupdate-number = previous + 1). */
export function mainlineLateInit(sys: LuoSystem): void {
  const m = ml(sys);
  const fdt = khoAllocPreserve(sys.kho, PAGE, { use: 'luo-fdt', owner: 'LUO FDT (luo-v1)', content: { t: 'zero' } });
  if (typeof fdt === 'string') return;
  m.luoFdtPa = fdt.pa;
  if (sys.limits.line === '6.19') {
    const table = khoAllocPreserve(sys.kho, SESSION_TABLE_BYTES, { use: 'session-array', owner: 'LUO session table (16 pages)', content: { t: 'zero' } });
    if (typeof table !== 'string') m.sessionPages = [table.pa];
  }
  if (sys.flbs.length) {
    const page = khoAllocPreserve(sys.kho, PAGE, { use: 'flb-array', owner: 'LUO FLB table', content: { t: 'zero' } });
    if (typeof page !== 'string') {
      writeRecord(sys.kho, page.pa, { kind: 'luo_flb_ser[]', entries: [] });
      m.flbPa = page.pa;
    }
  }
  writeLuoFdt(sys);
  addSubtree(sys.kho, 'LUO', fdt.pa);
}

function writeLuoFdt(sys: LuoSystem): void {
  const m = ml(sys);
  if (m.luoFdtPa === null) return;
  const head = m.sessionPages[0] ?? 0;
  const sessionNode =
    sys.limits.line === '6.19'
      ? fdtNode('luo-session', [str('compatible', 'luo-session-v2'), phys('luo-session-header', head)])
      : fdtNode('luo-session', [str('compatible', 'luo-session (kho_block sets; version string not pinned)'), phys('sessions (first kho_block)', head)]);
  const children = [sessionNode];
  // FLB node: names are not pinned to a release (LUO_FDT_FLB_* in luo_flb.c).
  if (m.flbPa !== null) children.push(fdtNode('luo-flb', [str('compatible', 'luo-flb (version string not pinned)'), phys('luo-flb-header', m.flbPa)]));
  const tree: FdtNode = fdtNode('/', [str('compatible', 'luo-v1'), u64('liveupdate-number', m.liveupdateNum + 1)], children);
  writeRecord(sys.kho, m.luoFdtPa, { kind: 'fdt', tree });
}

// ------------------------------------------------------------------ descriptors held by luod

/** The session descriptor luod holds under this name. Outgoing and incoming names are separate lists. */
export function sessionFd(sys: LuoSystem, name: string, prefer: 'outgoing' | 'incoming'): MlSession | undefined {
  const m = ml(sys);
  const first = prefer === 'outgoing' ? m.outgoing : m.incoming;
  const second = prefer === 'outgoing' ? m.incoming : m.outgoing;
  return first.find((s) => s.fdOpen && s.fdName === name) ?? second.find((s) => s.fdOpen && s.fdName === name);
}

const noFd = (what: string): Refusal => refuse('EBADF', `luod holds no descriptor for ${what}`, SRC.FD);

// ------------------------------------------------------------------ the device

export function mlOpen(sys: LuoSystem): OpResult {
  const m = ml(sys);
  if (sys.kho.disabled) return refuse('ENOENT', `/dev/liveupdate does not exist: LUO disables itself when KHO is disabled (${sys.kho.disabled})`, SRC.CORE);
  if (m.deviceOpen) return refuse('EBUSY', '/dev/liveupdate is exclusive: it is already open', SRC.CORE);
  if (!m.deserialized) {
    m.deserialized = true;
    m.deserializeErr = deserialize(sys);
  }
  if (m.deserializeErr)
    return refuse('EIO', `incoming deserialization failed (-${m.deserializeErr}) at the first open; every open now returns -EIO`, SRC.CORE);
  m.deviceOpen = true;
  return ok();
}

export function mlCloseDev(sys: LuoSystem): OpResult {
  const m = ml(sys);
  if (!m.deviceOpen) return noFd('/dev/liveupdate');
  m.deviceOpen = false;
  return ok();
}

// ------------------------------------------------------------------ sessions

function allocBlockIfNeeded(sys: LuoSystem, pages: number[], count: number, perBlock: number, owner: string, use: string): ErrnoName | null {
  const need = Math.ceil(count / perBlock);
  while (pages.length < need) {
    if (pages.length >= 10000) return 'ENOSPC';
    const b = khoAllocPreserve(sys.kho, PAGE, { use, owner: `${owner} block ${pages.length}`, content: { t: 'zero' } });
    if (typeof b === 'string') return 'ENOMEM';
    pages.push(b.pa);
  }
  return null;
}

function shrinkBlocks(sys: LuoSystem, pages: number[], count: number, perBlock: number): void {
  while (pages.length > 0 && count <= (pages.length - 1) * perBlock) khoUnpreserveFree(sys.kho, pages.pop()!);
}

export function mlCreate(sys: LuoSystem, name: string): OpResult {
  const m = ml(sys);
  const L = sys.limits;
  if (!m.deviceOpen) return noFd('/dev/liveupdate');
  if (L.nameChecks && (name.length === 0 || name.length > SESSION_NAME_LENGTH - 1))
    return refuse('EINVAL', `a session name must be 1 to ${SESSION_NAME_LENGTH - 1} characters, NUL-terminated within ${SESSION_NAME_LENGTH} bytes`, SRC.SESS_LATER);
  const kname = name.slice(0, SESSION_NAME_LENGTH - 1); // strscpy into name[64]
  if (L.line === '6.19') {
    if (m.outgoing.length >= L.sessionsMax)
      return refuse(L.sessionsFullErrno, `the outgoing session table is full (LUO_SESSION_MAX = ${L.sessionsMax})`, SRC.SESS_619);
  } else {
    const err = allocBlockIfNeeded(sys, m.sessionPages, m.outgoing.length + 1, L.sessionsPerBlock, 'LUO sessions', 'session-block');
    if (err) return refuse(err, err === 'ENOSPC' ? `the session block set is full (KHO_MAX_BLOCKS = 10000)` : 'could not allocate a session block', SRC.KHO_BLOCK);
  }
  if (m.outgoing.some((s) => s.name === kname)) return refuse('EEXIST', `an outgoing session named "${kname}" already exists`, srcSess(sys));
  const warnings = kname !== name ? [`name truncated to ${SESSION_NAME_LENGTH - 1} characters (strscpy; 6.19 does not check termination)`] : undefined;
  m.outgoing.push({ id: m.nextSessionId++, name: kname, fdName: name, dir: 'outgoing', retrieved: false, fdOpen: true, files: [], filePages: [], status: 'active' });
  if (L.line !== '6.19') writeLuoFdt(sys);
  return ok(undefined, warnings);
}

function releaseFileRef(sys: LuoSystem, fileId: number | null): void {
  if (fileId === null) return;
  const f = sys.files[String(fileId)];
  if (!f) return;
  f.luoRefs = Math.max(0, f.luoRefs - 1);
  maybeRelease(sys, f);
}

function freeFilePages(sys: LuoSystem, s: MlSession, incoming: boolean): void {
  for (const pa of s.filePages) (incoming ? khoRestoreFree : khoUnpreserveFree)(sys.kho, pa);
  s.filePages = [];
}

/** luo_file_unpreserve_files: every file, last first: unpreserve(), FLB unpreserve, fput. */
function unpreserveFiles(sys: LuoSystem, s: MlSession): void {
  while (s.files.length) {
    const f = s.files.pop()!;
    const h = handlerDef(f.handler)!;
    const file = f.fileId !== null ? sys.files[String(f.fileId)] : undefined;
    callVoid(sys, f.handler, 'unpreserve', `${s.name}/0x${f.token.toString(16)}`, () => file && h.unpreserve(sys, file, f.data));
    flbFileUnpreserve(sys, f.handler);
    releaseFileRef(sys, f.fileId);
  }
  freeFilePages(sys, s, false);
}

/** luo_file_finish: can_finish() on every file (any false: -EBUSY, nothing finished), then finish() last first. */
function finishFiles(sys: LuoSystem, s: MlSession): Refusal | null {
  if (!s.files.length) return null;
  for (const f of s.files) {
    const h = handlerDef(f.handler)!;
    if (!h.canFinish) continue;
    const can = callBool(sys, f.handler, 'can_finish', `${s.name}/0x${f.token.toString(16)}`, () => h.canFinish!(sys, f.retrieveStatus > 0));
    if (!can) return refuse('EBUSY', `${f.handler}.can_finish() refused token 0x${f.token.toString(16)}: no file of the session is finished`, srcFile(sys));
  }
  while (s.files.length) {
    const f = s.files.pop()!;
    const h = handlerDef(f.handler)!;
    callVoid(sys, f.handler, 'finish', `${s.name}/0x${f.token.toString(16)}, retrieved=${f.retrieveStatus > 0}`, () => h.finish(sys, f.data, f.retrieveStatus > 0));
    flbFileFinish(sys, f.handler);
    releaseFileRef(sys, f.fileId);
  }
  freeFilePages(sys, s, true);
  return null;
}

function removeSession(sys: LuoSystem, s: MlSession): void {
  const m = ml(sys);
  const list = s.dir === 'outgoing' ? m.outgoing : m.incoming;
  const i = list.indexOf(s);
  if (i >= 0) list.splice(i, 1);
  if (s.dir === 'outgoing' && sys.limits.line !== '6.19') shrinkBlocks(sys, m.sessionPages, m.outgoing.length, sys.limits.sessionsPerBlock);
}

/** Closing a session descriptor: outgoing sessions are unpreserved; retrieved ones are finished. */
function closeSession(sys: LuoSystem, s: MlSession): string[] {
  s.fdOpen = false;
  if (s.dir === 'outgoing') {
    unpreserveFiles(sys, s);
    removeSession(sys, s);
    return [];
  }
  const r = finishFiles(sys, s);
  if (r) {
    s.status = 'leaked';
    const w = `Unable to finish session [${s.name}] on release (-${r.errno}): it stays with LUO until the next live update`;
    logEvent(sys, 'warn', w);
    return [w];
  }
  removeSession(sys, s);
  return [];
}

export function mlClose(sys: LuoSystem, name: string): OpResult {
  const s = sessionFd(sys, name, 'incoming');
  if (!s) return noFd(`session "${name}"`);
  return ok(undefined, closeSession(sys, s));
}

export function mlRetrieve(sys: LuoSystem, name: string): OpResult {
  const m = ml(sys);
  if (!m.deviceOpen) return noFd('/dev/liveupdate');
  const kname = name.slice(0, SESSION_NAME_LENGTH - 1);
  const s = m.incoming.find((x) => x.name === kname);
  if (!s) return refuse('ENOENT', `no incoming session is named "${kname}"`, srcSess(sys));
  if (s.retrieved) return refuse('EINVAL', `session "${kname}" was already retrieved`, srcSess(sys));
  s.retrieved = true;
  s.fdOpen = true;
  s.fdName = name;
  s.status = 'retrieved';
  return ok();
}

// ------------------------------------------------------------------ files

export function mlPreserve(sys: LuoSystem, name: string, token: number, spec: FileSpec): OpResult {
  const L = sys.limits;
  // The holder creates (or picks) the file first, then issues the ioctl.
  const file = resolveFile(sys, spec);
  if (file === 'ENOMEM') return refuse('ENOMEM', 'the holder could not write the memfd: not enough free RAM outside scratch', SRC.SIM);
  const s = sessionFd(sys, name, 'outgoing');
  if (!s) return noFd(`session "${name}"`);
  if (s.dir === 'incoming')
    return refuse(
      'EINVAL',
      L.ioctlTyping ? 'PRESERVE_FD applies only to outgoing sessions' : 'PRESERVE_FD on a retrieved session: 6.19 has no ioctl typing and its behaviour is undefined; the simulator refuses it as later kernels do',
      SRC.SESS_LATER,
    );
  if (s.files.some((f) => f.token === token)) return refuse('EEXIST', `token 0x${token.toString(16)} is already used in session "${s.name}"`, srcFile(sys));
  if (s.files.length >= L.filesMax) return refuse(L.filesFullErrno, `the session holds ${L.filesMax} files, its maximum`, L.line === '6.19' ? SRC.FILE_619 : SRC.KHO_BLOCK);
  if (!fileUsable(sys, file)) return refuse('EBADF', 'the file descriptor is not open (closed, or from before the kexec)', SRC.FD);
  // luo_alloc_files_mem: 6.19 one 2-page array at the first file; later a block per 63 files.
  const hadPages = s.filePages.length;
  if (L.line === '6.19') {
    if (!s.filePages.length) {
      const arr = khoAllocPreserve(sys.kho, FILE_ARRAY_BYTES, { use: 'file-array', owner: `session ${s.name} files (2 pages)`, content: { t: 'zero' } });
      if (typeof arr === 'string') return refuse('ENOMEM', 'could not allocate the file array', SRC.FILE_619);
      s.filePages.push(arr.pa);
    }
  } else {
    const err = allocBlockIfNeeded(sys, s.filePages, s.files.length + 1, L.filesPerBlock, `session ${s.name} files`, 'file-block');
    if (err) return refuse(err, 'could not grow the file block set', SRC.KHO_BLOCK);
  }
  const undoPages = () => {
    while (s.filePages.length > hadPages) khoUnpreserveFree(sys.kho, s.filePages.pop()!);
  };
  const handler = sys.handlers.find((c) => callBool(sys, c, 'can_preserve', `${file.kind} #${file.id}`, () => handlerDef(c)!.canPreserve(sys, file)));
  if (!handler) {
    undoPages();
    return refuse('ENOENT', `no registered handler's can_preserve() accepts a ${file.kind === 'devnull' ? '/dev/null' : file.kind} file`, srcFile(sys));
  }
  if (L.doublePreserveCheck && preservedElsewhere(sys, file.id)) {
    undoPages();
    return refuse('EBUSY', 'this file is already preserved (luo_preserved_files holds it)', SRC.FILE_LATER);
  }
  flbFilePreserve(sys, handler);
  const h = handlerDef(handler)!;
  const box: { r?: HandlerResult<number> } = {};
  const err = callInt(sys, handler, 'preserve', `${s.name}/0x${token.toString(16)}`, () => {
    box.r = h.preserve(sys, file, `session ${s.name} / token 0x${token.toString(16)}`);
    return box.r.ok ? null : box.r.errno;
  });
  if (err || !box.r || !box.r.ok) {
    flbFileUnpreserve(sys, handler);
    undoPages();
    const why = box.r && !box.r.ok ? `: ${box.r.why}` : '';
    return refuse(err ?? 'EIO', `${handler}.preserve() failed${why}`, srcFile(sys));
  }
  s.files.push({ token, handler, fileId: file.id, data: box.r.value, frozen: false, retrieveStatus: 0, retrieveErrno: null });
  file.luoRefs++;
  return ok();
}

/**
 * luo_preserved_files holds every file preserved in an outgoing session and every retrieved
 * incoming file until its session is finished: exactly the files LUO holds a reference on.
 */
function preservedElsewhere(sys: LuoSystem, fileId: number): boolean {
  return (sys.files[String(fileId)]?.luoRefs ?? 0) > 0;
}

export function mlRetrieveFd(sys: LuoSystem, name: string, token: number): OpResult {
  const L = sys.limits;
  const s = sessionFd(sys, name, 'incoming');
  if (!s) return noFd(`session "${name}"`);
  if (s.dir === 'outgoing')
    return refuse(
      'EINVAL',
      L.ioctlTyping ? 'RETRIEVE_FD applies only to retrieved (incoming) sessions' : 'RETRIEVE_FD on an outgoing session: 6.19 has no ioctl typing and would call retrieve() on an outgoing file; the simulator refuses it as later kernels do',
      SRC.SESS_LATER,
    );
  const f = s.files.find((x) => x.token === token);
  if (!f) return refuse('ENOENT', `session "${s.name}" has no file with token 0x${token.toString(16)}`, srcFile(sys));
  if (L.stickyRetrieveFailure && f.retrieveStatus < 0)
    return refuse(f.retrieveErrno ?? 'EIO', 'an earlier retrieve of this file failed; later kernels return that error again', SRC.FILE_LATER);
  if (f.retrieveStatus > 0) {
    const file = sys.files[String(f.fileId)];
    if (file) file.open = true;
    return ok(file ? { ...fileReport(sys, file), again: 1 } : { again: 1 });
  }
  const h = handlerDef(f.handler)!;
  const box: { r?: HandlerResult<SimFile> } = {};
  const err = callInt(sys, f.handler, 'retrieve', `${s.name}/0x${token.toString(16)}`, () => {
    box.r = h.retrieve(sys, f.data, `session ${s.name} / token 0x${token.toString(16)}`);
    return box.r.ok ? null : box.r.errno;
  });
  if (err || !box.r || !box.r.ok) {
    const e = err ?? 'EIO';
    if (L.stickyRetrieveFailure) {
      f.retrieveStatus = -1;
      f.retrieveErrno = e;
    }
    return refuse(e, `${f.handler}.retrieve() failed${box.r && !box.r.ok ? `: ${box.r.why}` : ''}`, srcFile(sys));
  }
  const file = box.r.value;
  file.open = true;
  file.luoRefs = 1;
  f.fileId = file.id;
  f.retrieveStatus = 1;
  return ok(fileReport(sys, file));
}

export function mlFinish(sys: LuoSystem, name: string): OpResult {
  const s = sessionFd(sys, name, 'incoming');
  if (!s) return noFd(`session "${name}"`);
  if (s.dir === 'outgoing')
    return refuse('EINVAL', sys.limits.ioctlTyping ? 'FINISH applies only to retrieved (incoming) sessions' : 'FINISH on an outgoing session: undefined in 6.19 (no ioctl typing); the simulator refuses it as later kernels do', SRC.SESS_LATER);
  const r = finishFiles(sys, s);
  if (r) return r;
  s.status = 'finished';
  return ok();
}

export function mlNumber(sys: LuoSystem): OpResult {
  return { ok: true, value: String(ml(sys).liveupdateNum) };
}

/** The holder process dies: the kernel closes every descriptor it had. */
export function mlLuodExit(sys: LuoSystem): OpResult {
  const m = ml(sys);
  const warnings: string[] = [];
  for (const s of [...m.outgoing, ...m.incoming]) if (s.fdOpen) warnings.push(...closeSession(sys, s));
  m.deviceOpen = false;
  for (const f of Object.values(sys.files)) {
    if (!f.open) continue;
    f.open = false;
    maybeRelease(sys, f);
  }
  return ok(undefined, warnings);
}

// ------------------------------------------------------------------ reboot(KEXEC)

function unfreezeFile(sys: LuoSystem, s: MlSession, f: MlFile): void {
  const h = handlerDef(f.handler)!;
  if (h.ops.includes('unfreeze')) callVoid(sys, f.handler, 'unfreeze', `${s.name}/0x${f.token.toString(16)}`, () => undefined);
  f.frozen = false;
  if (sys.limits.unfreezeZeroesData) f.data = 0;
}

/** luo_file_freeze for one session, FIFO; on failure the files before it are unfrozen. */
function freezeSession(sys: LuoSystem, s: MlSession): { errno: ErrnoName; token: number; handler: string } | null {
  for (let i = 0; i < s.files.length; i++) {
    const f = s.files[i];
    const h = handlerDef(f.handler)!;
    const file = f.fileId !== null ? sys.files[String(f.fileId)] : undefined;
    const err = callInt(sys, f.handler, 'freeze', `${s.name}/0x${f.token.toString(16)}`, () => (file ? h.freeze(sys, file, f.data) : 'EBADF'));
    if (err) {
      for (let k = 0; k < i; k++) unfreezeFile(sys, s, s.files[k]);
      return { errno: err, token: f.token, handler: f.handler };
    }
    f.frozen = true;
  }
  if (s.files.length) s.status = 'frozen';
  return null;
}

function serializeRecords(sys: LuoSystem): void {
  const m = ml(sys);
  const L = sys.limits;
  const sessions = m.outgoing.map((s) => {
    const entries = s.files.map((f) => ({ compatible: f.handler, data: f.data, token: f.token }));
    if (L.line === '6.19') {
      if (s.filePages.length) writeRecord(sys.kho, s.filePages[0], { kind: 'luo_file_ser[]', entries });
    } else {
      s.filePages.forEach((pa, b) =>
        writeRecord(sys.kho, pa, { kind: 'kho_block', next: s.filePages[b + 1] ?? 0, entries: entries.slice(b * L.filesPerBlock, (b + 1) * L.filesPerBlock) }),
      );
    }
    return { name: s.name, files: s.filePages[0] ?? 0, count: s.files.length };
  });
  if (L.line === '6.19') {
    if (m.sessionPages.length) writeRecord(sys.kho, m.sessionPages[0], { kind: 'luo_session_ser[]', count: sessions.length, sessions });
  } else {
    m.sessionPages.forEach((pa, b) =>
      writeRecord(sys.kho, pa, { kind: 'kho_block', next: m.sessionPages[b + 1] ?? 0, entries: sessions.slice(b * L.sessionsPerBlock, (b + 1) * L.sessionsPerBlock) }),
    );
  }
  if (m.flbPa !== null) writeRecord(sys.kho, m.flbPa, { kind: 'luo_flb_ser[]', entries: flbSerialize(sys) });
  writeLuoFdt(sys);
}

export function mlKexec(sys: LuoSystem, jump: () => void): OpResult {
  const m = ml(sys);
  const frozen: MlSession[] = [];
  for (const s of m.outgoing) {
    const e = freezeSession(sys, s);
    if (e) {
      for (let k = frozen.length - 1; k >= 0; k--) {
        for (const f of frozen[k].files) unfreezeFile(sys, frozen[k], f);
        frozen[k].status = 'active';
      }
      s.status = 'active';
      logEvent(sys, 'rollback', `reboot(KEXEC) aborted: ${e.handler}.freeze(${s.name}/0x${e.token.toString(16)}) failed; every frozen file unfrozen, system still running`);
      const zero = sys.limits.unfreezeZeroesData ? ' In 6.19 unfreeze also zeroes the files\' serialized data, so a retry fails with -EINVAL.' : '';
      return refuse(e.errno, `reboot(KEXEC) failed: ${e.handler}.freeze(session ${s.name}, token 0x${e.token.toString(16)}) returned -${e.errno}; the files frozen before it are unfrozen and the system keeps running.${zero}`, srcFile(sys));
    }
    frozen.push(s);
  }
  if (takeFailure(sys, 'kho', 'finalize')) {
    logEvent(sys, 'warn', 'kho_finalize() failed (injected): reboot returns -EAGAIN; the sessions stay frozen (6.19 does not unfreeze them on this path)');
    return refuse('EAGAIN', 'kho_finalize() failed: liveupdate_reboot() maps it to -EAGAIN; in 6.19 the sessions are not unfrozen on this path', SRC.CORE);
  }
  serializeRecords(sys);
  const prevNum = m.liveupdateNum;
  sys.kho = kexecKho(sys.kho);
  jump();
  // The next kernel: early_initcall reads the LUO subtree; late_initcall builds its own.
  const next = newMainlineState();
  sys.ml = next;
  const pa = retrieveSubtree(sys.kho, 'LUO');
  const tree = typeof pa === 'number' ? readFdt(sys.kho, pa) : null;
  if (tree && tree.props.find((p) => p.name === 'compatible')?.value === 'luo-v1') {
    next.liveupdateNum = Number(tree.props.find((p) => p.name === 'liveupdate-number')?.value ?? prevNum + 1);
    const node = tree.children.find((c) => c.name === 'luo-session');
    const head = Number(node?.props.find((p) => p.type === 'phys')?.value ?? 0);
    if (head) next.incomingSessionPages = [head];
    const flbNode = tree.children.find((c) => c.name === 'luo-flb');
    const flbPa = Number(flbNode?.props.find((p) => p.type === 'phys')?.value ?? 0);
    const rec = flbPa ? readRecord<{ entries: { name: string; data: string; count: number }[] }>(sys.kho, flbPa, 'luo_flb_ser[]') : null;
    flbIncoming(sys, rec ? rec.entries : []);
    if (flbPa) khoRestoreFree(sys.kho, flbPa);
  } else flbIncoming(sys, []);
  mainlineLateInit(sys);
  logEvent(sys, 'kexec', `next kernel: liveupdate-number ${next.liveupdateNum}; sessions wait for the first open of /dev/liveupdate`);
  return ok();
}

/** luo_session_deserialize + luo_file_deserialize, at the first open in this kernel. */
function deserialize(sys: LuoSystem): ErrnoName | null {
  const m = ml(sys);
  if (takeFailure(sys, 'luo', 'deserialize')) {
    logEvent(sys, 'warn', 'luo.deserialize() failed (injected -ENOMEM): sessions restored so far are leaked on purpose');
    return 'ENOMEM';
  }
  const head = m.incomingSessionPages[0];
  if (!head) return null;
  const sessions: { name: string; files: number; count: number }[] = [];
  const tablePages: number[] = [];
  if (sys.limits.line === '6.19') {
    const rec = readRecord<{ sessions: typeof sessions }>(sys.kho, head, 'luo_session_ser[]');
    if (rec) sessions.push(...rec.sessions);
    tablePages.push(head);
  } else {
    for (let pa = head; pa; ) {
      const rec = readRecord<{ next: number; entries: typeof sessions }>(sys.kho, pa, 'kho_block');
      if (!rec) return 'EINVAL';
      sessions.push(...rec.entries);
      tablePages.push(pa);
      pa = rec.next;
    }
  }
  for (const ser of sessions) {
    const s: MlSession = { id: m.nextSessionId++, name: ser.name, fdName: ser.name, dir: 'incoming', retrieved: false, fdOpen: false, files: [], filePages: [], status: 'deserialized' };
    m.incoming.push(s);
    const entries: { compatible: string; data: number; token: number }[] = [];
    for (let pa = ser.files; pa; ) {
      const rec = readRecord<{ next?: number; entries: typeof entries }>(sys.kho, pa);
      if (!rec) break;
      entries.push(...rec.entries);
      s.filePages.push(pa);
      pa = rec.kind === 'kho_block' ? (rec.next ?? 0) : 0;
    }
    for (const e of entries.slice(0, ser.count)) {
      if (!sys.handlers.includes(e.compatible)) {
        logEvent(sys, 'warn', `No registered handler for compatible '${e.compatible}'`);
        if (sys.limits.deserializeChecksFiles) return 'ENOENT';
        break;
      }
      s.files.push({ token: e.token, handler: e.compatible, fileId: null, data: e.data, frozen: false, retrieveStatus: 0, retrieveErrno: null });
    }
  }
  for (const pa of tablePages) khoRestoreFree(sys.kho, pa);
  return null;
}


/**
 * liveupdate_register_file_handler / _unregister (kernel API, no script op): the session lists must
 * be empty (luo_session_quiesce, else -EBUSY); a duplicate compatible gives -EEXIST.
 */
export function registerHandler(sys: LuoSystem, compatible: string): OpResult {
  const m = ml(sys);
  if (!handlerDef(compatible)) return refuse('EINVAL', `no handler implementation named ${compatible}`, SRC.SIM);
  if (m.outgoing.length || m.incoming.length) return refuse('EBUSY', 'handlers can be (un)registered only while no session exists (luo_session_quiesce)', SRC.FILE_LATER);
  if (sys.handlers.includes(compatible)) return refuse('EEXIST', `a handler with compatible ${compatible} is already registered`, SRC.FILE_LATER);
  sys.handlers.push(compatible);
  return ok();
}

export function unregisterHandler(sys: LuoSystem, compatible: string): OpResult {
  const m = ml(sys);
  if (m.outgoing.length || m.incoming.length) return refuse('EBUSY', 'handlers can be (un)registered only while no session exists (luo_session_quiesce)', SRC.FILE_LATER);
  const i = sys.handlers.indexOf(compatible);
  if (i < 0) return refuse('ENOENT', `${compatible} is not registered`, SRC.SIM);
  sys.handlers.splice(i, 1);
  return ok();
}
