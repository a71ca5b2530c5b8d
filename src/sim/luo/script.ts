// The `sim luo` script language, as a pure function: text in, output lines out. The app's worker
// runs the same code. One operation per line; blank lines and # comments are ignored; each
// operation prints one line: ok, ok key=value ..., -ERRNO, or a query's value.
import { formatResult, type OpResult } from './errno';
import { parseFileSpec } from './files';
import { handlerDef } from './handlers/index';
import { HANDLER_CALLBACKS, PSEUDO_TARGETS, SUBSYSTEM_CALLBACKS } from './inject';
import { RFC_SUBSYS_NAME_LENGTH, SESSION_NAME_LENGTH } from './limits';
import type { LuoOp } from './ops';
import { applyOp, createLuoSystem, type LuoOptions } from './system';
import type { LuoModel, LuoSystem } from './types';

export class LuoScriptError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
    /** Output lines produced before the error. */
    readonly lines: string[] = [],
  ) {
    super(`line ${line}: ${reason}`);
  }
}

export interface ParsedLine {
  line: number;
  text: string;
  op: LuoOp;
}

const HANDLER_ALIASES: Record<string, string> = { memfd: 'memfd-v1', vfio: 'vfio-pci-proposed' };

function parseToken(t: string | undefined, what = 'token'): number {
  if (t === undefined) throw new Error(`missing ${what}`);
  if (!/^(0x[0-9a-f]+|\d+)$/i.test(t)) throw new Error(`bad ${what} "${t}": expected a decimal or 0x hex number`);
  const n = Number(t);
  if (!Number.isSafeInteger(n)) throw new Error(`${what} ${t} is above 2^53, which the simulator cannot hold exactly`);
  return n;
}

function parseName(t: string | undefined, what: string): string {
  if (t === undefined) throw new Error(`missing ${what}`);
  const name = t === '""' ? '' : t;
  if (name.length > SESSION_NAME_LENGTH) throw new Error(`${what} "${name.slice(0, 20)}..." is longer than the ${SESSION_NAME_LENGTH}-byte ioctl field`);
  return name;
}

function arity(words: string[], n: number, usage: string): void {
  if (words.length - 1 !== n) throw new Error(`${words[0]} takes ${n === 0 ? 'no arguments' : usage}`);
}

/** Parses one line (without the comment) for a model. Throws Error with the reason. */
export function parseLine(text: string, model: LuoModel): LuoOp {
  const w = text.trim().split(/\s+/);
  const cmd = w[0];
  if (cmd === 'kexec') return arity(w, 0, ''), { op: 'kexec' };
  if (cmd === 'fail') {
    arity(w, 2, '<handler-or-subsystem> <callback>');
    return { op: 'fail', target: HANDLER_ALIASES[w[1]] ?? w[1], callback: w[2] };
  }
  if (model === 'rfc-v2') {
    switch (cmd) {
      case 'state':
      case 'prepare':
      case 'freeze':
      case 'cancel':
      case 'finish':
        arity(w, 0, '');
        return { op: cmd };
      case 'preserve':
        arity(w, 1, '<file>');
        return { op: 'preserve', file: parseFileSpec(w[1]) };
      case 'unpreserve':
      case 'restore':
        arity(w, 1, '<token>');
        return { op: cmd, token: parseToken(w[1]) };
      case 'register':
      case 'unregister': {
        arity(w, 1, '<subsystem>');
        if (w[1].length >= RFC_SUBSYS_NAME_LENGTH) throw new Error(`subsystem names hold at most ${RFC_SUBSYS_NAME_LENGTH - 1} characters (LUO_NAME_LENGTH)`);
        return { op: cmd, name: w[1] };
      }
    }
    throw new Error(`unknown operation "${cmd}" for the rfc-v2 model (state, prepare, freeze, cancel, finish, preserve, unpreserve, restore, register, unregister, kexec, fail)`);
  }
  switch (cmd) {
    case 'open':
    case 'close-dev':
    case 'number':
    case 'luod-exit':
      arity(w, 0, '');
      return { op: cmd };
    case 'create':
    case 'retrieve':
      arity(w, 1, '<name>');
      return { op: cmd, name: parseName(w[1], 'session name') };
    case 'close':
      arity(w, 1, '<session>');
      return { op: 'close', session: parseName(w[1], 'session name') };
    case 'finish':
      arity(w, 1, '<session>');
      return { op: 'finish-session', session: parseName(w[1], 'session name') };
    case 'preserve':
      arity(w, 3, '<session> <token> <file>');
      return { op: 'preserve-fd', session: parseName(w[1], 'session name'), token: parseToken(w[2]), file: parseFileSpec(w[3]) };
    case 'retrieve-fd':
      arity(w, 2, '<session> <token>');
      return { op: 'retrieve-fd', session: parseName(w[1], 'session name'), token: parseToken(w[2]) };
  }
  throw new Error(`unknown operation "${cmd}" for the mainline model (open, close-dev, create, preserve, close, retrieve, retrieve-fd, finish, number, luod-exit, kexec, fail)`);
}

/** Strips a # comment: whole-line, or after whitespace. */
function stripComment(raw: string): string {
  const t = raw.trim();
  if (t.startsWith('#')) return '';
  const i = t.search(/\s#/);
  return i >= 0 ? t.slice(0, i).trim() : t;
}

/** Parses a whole script; throws LuoScriptError at the first malformed line. */
export function parseLuoScript(text: string, model: LuoModel): ParsedLine[] {
  const out: ParsedLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const t = stripComment(raw);
    if (!t) return;
    try {
      out.push({ line: i + 1, text: t, op: parseLine(t, model) });
    } catch (e) {
      throw new LuoScriptError(i + 1, (e as Error).message);
    }
  });
  return out;
}

/** Checks a `fail` line against the system: a known handler callback, a subsystem, or kho/luo. */
export function checkInjection(sys: LuoSystem, target: string, callback: string): void {
  const pseudo = PSEUDO_TARGETS[sys.model][target];
  if (pseudo) {
    if (!pseudo.includes(callback)) throw new Error(`${target} has no failable step "${callback}" (known: ${pseudo.join(', ')})`);
    if (target === 'kho' && sys.model === 'mainline' && sys.kernel === 'latest')
      throw new Error('kho finalize cannot fail with --kernel latest: after the radix-tree change it only sets a flag');
    return;
  }
  const h = handlerDef(target);
  if (h) {
    if (!sys.handlers.includes(target)) throw new Error(`handler ${target} is not registered in this simulation`);
    const cbs = HANDLER_CALLBACKS[sys.model];
    if (!cbs.includes(callback)) throw new Error(`unknown ${sys.model} handler callback "${callback}" (known: ${cbs.join(', ')})`);
    if (sys.model === 'mainline' && !h.ops.includes(callback)) throw new Error(`${target} does not implement the optional callback ${callback}`);
    return;
  }
  if (sys.model === 'rfc-v2') {
    if (!SUBSYSTEM_CALLBACKS.includes(callback)) throw new Error(`unknown subsystem callback "${callback}" (known: ${SUBSYSTEM_CALLBACKS.join(', ')})`);
    return;
  }
  throw new Error(`unknown handler "${target}" (known: ${sys.handlers.join(', ')}, kho, luo)`);
}

/** Runs parsed lines against a system; throws LuoScriptError (with the lines so far) for run-time script errors. */
export function runParsed(sys: LuoSystem, parsed: ParsedLine[], onResult?: (p: ParsedLine, r: OpResult) => void): string[] {
  const lines: string[] = [];
  for (const p of parsed) {
    let r: OpResult;
    try {
      if (p.op.op === 'fail') checkInjection(sys, p.op.target, p.op.callback);
      r = applyOp(sys, p.op);
    } catch (e) {
      throw new LuoScriptError(p.line, (e as Error).message, lines);
    }
    lines.push(formatResult(r));
    onResult?.(p, r);
  }
  return lines;
}

export interface LuoScriptRun {
  lines: string[];
  system: LuoSystem;
}

/** Text in, lines out: the whole `sim luo` command without I/O. */
export function runLuoScript(text: string, opts: LuoOptions): LuoScriptRun {
  const parsed = parseLuoScript(text, opts.model);
  const system = createLuoSystem(opts);
  return { lines: runParsed(system, parsed), system };
}
