// Parser of the oracle's trace format (../shared/oracles/uffd/cases/README.md), following
// uffd_oracle.c's replay() line by line: '#' starts a comment anywhere, `config` must precede the
// first action, ranges are inclusive and checked against the configured size. The first bad line
// ends the trace; the error carries its line number and the exact line the oracle prints.
import type { Backing, Prefault, TrackMode } from './config';
import { atol, isCSpace, strtol } from './cParse';

/** The `config` keys as the oracle stores them (numbers are atoi/atol results, printed as such). */
export interface TraceConfig {
  pages: number;
  backing: Backing;
  thp: number;
  mode: TrackMode;
  unpopulated: number;
  prefault: Prefault;
}

export type RangeOp = 'w' | 'r' | 'dontneed' | 'guard' | 'pagemap';
export type ScanKind = 'scan' | 'scanslow' | 'scanclear';

export type TraceStep =
  | { op: 'echo'; line: number; text: string }
  /** Pages first..last inclusive, as written in the trace. */
  | { op: RangeOp; line: number; first: number; last: number }
  | { op: 'clear' | 'cats' | 'faults' | 'softdirty'; line: number }
  | { op: ScanKind; line: number }
  /** One ioctl with max_pages=k (limit 'max') or vec_len=k (limit 'vec'); tag is the command as typed. */
  | { op: 'scanonce'; line: number; tag: string; limit: 'max' | 'vec'; k: number; clear: boolean };

export class TraceError extends Error {
  /** 1-based line of the trace. */
  readonly line: number;
  /** What the oracle prints for it. */
  readonly oracleLine: string;
  /** The oracle maps and arms the region before it notices this error (first action). */
  readonly afterArm: boolean;
  constructor(line: number, oracleLine: string, afterArm: boolean) {
    super(`line ${line}: ${oracleLine.replace(/^error (line \d+: )?/, '')}`);
    this.name = 'TraceError';
    this.line = line;
    this.oracleLine = oracleLine;
    this.afterArm = afterArm;
  }
}

export interface ParsedTrace {
  config: TraceConfig;
  steps: TraceStep[];
  /** The first bad line; steps holds everything before it. */
  error: TraceError | null;
}

export const DEFAULT_TRACE_CONFIG: TraceConfig = {
  pages: 64,
  backing: 'anon',
  thp: 0,
  mode: 'async',
  unpopulated: 1,
  prefault: 'none',
};

const SIMPLE = new Set(['clear', 'cats', 'faults', 'softdirty']);
const SCANS = new Set(['scan', 'scanslow', 'scanclear']);
const RANGES = new Set(['w', 'r', 'dontneed', 'guard', 'pagemap']);

/** Parses a whole trace; never throws (see parseTraceStrict). */
export function parseTrace(text: string): ParsedTrace {
  const config = { ...DEFAULT_TRACE_CONFIG };
  const steps: TraceStep[] = [];
  let acted = false;
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (let n = 0; n < lines.length; n++) {
    const lineNo = n + 1;
    const { cmd, arg } = splitLine(lines[n]);
    if (cmd === '') continue;
    const fail = (oracleLine: string, afterArm: boolean) => ({ config, steps, error: new TraceError(lineNo, oracleLine, afterArm) });
    if (cmd === 'config') {
      if (acted) return fail(`error line ${lineNo}: config after first action`, false);
      for (const item of arg.split(/[ \t]+/).filter((t) => t !== '')) {
        const bad = setConfigItem(config, item);
        if (bad) return fail(bad, false);
      }
      continue;
    }
    if (cmd === 'echo') {
      steps.push({ op: 'echo', line: lineNo, text: arg });
      continue;
    }
    acted = true;
    if (RANGES.has(cmd)) {
      const range = parseRange(arg, config.pages);
      if (!range) return fail(`error line ${lineNo}: bad page range '${arg}'`, true);
      steps.push({ op: cmd as RangeOp, line: lineNo, first: range[0], last: range[1] });
    } else if (SIMPLE.has(cmd)) {
      steps.push({ op: cmd as 'clear', line: lineNo });
    } else if (SCANS.has(cmd)) {
      steps.push({ op: cmd as ScanKind, line: lineNo });
    } else if (/^(scanmax|scanvec|scanclearmax|scanclearvec)/.test(cmd)) {
      // the oracle matches these by prefix (strncmp), so "scanmaxfoo 4" is a scanmax
      const k = atol(arg);
      if (k <= 0) return fail(`error line ${lineNo}: ${cmd} needs a positive number`, true);
      steps.push({ op: 'scanonce', line: lineNo, tag: cmd, limit: cmd.includes('vec') ? 'vec' : 'max', k, clear: cmd.startsWith('scanclear') });
    } else {
      return fail(`error line ${lineNo}: unknown command '${cmd}'`, true);
    }
  }
  return { config, steps, error: null };
}

/** parseTrace, throwing the TraceError of the first bad line. */
export function parseTraceStrict(text: string): ParsedTrace {
  const parsed = parseTrace(text);
  if (parsed.error) throw parsed.error;
  return parsed;
}

/** Comment stripped and trimmed, then `sscanf("%31s %3999[^\n]")`. */
function splitLine(raw: string): { cmd: string; arg: string } {
  const hash = raw.indexOf('#');
  let s = hash >= 0 ? raw.slice(0, hash) : raw;
  s = s.replace(/^[ \t]+/, '').replace(/[\r\n \t]+$/, '');
  let i = 0;
  while (isCSpace(s[i])) i++;
  let j = i;
  while (j < s.length && !isCSpace(s[j]) && j - i < 31) j++;
  let k = j;
  while (k < s.length && isCSpace(s[k])) k++;
  return { cmd: s.slice(i, j), arg: s.slice(k, k + 3999) };
}

/** set_cfg(): returns the oracle's error line, or null. */
function setConfigItem(c: TraceConfig, item: string): string | null {
  const eq = item.indexOf('=');
  if (eq < 0) return `error bad config item '${item}'`;
  const key = item.slice(0, eq);
  const v = item.slice(eq + 1);
  switch (key) {
    case 'pages':
      c.pages = atol(v);
      return null;
    case 'backing':
      c.backing = v === 'memfd' ? 'memfd' : v === 'hugetlb' ? 'hugetlb' : 'anon';
      return null;
    case 'thp':
      c.thp = atol(v);
      return null;
    case 'mode':
      c.mode = v === 'sync' ? 'sync' : 'async';
      return null;
    case 'unpopulated':
      c.unpopulated = atol(v);
      return null;
    case 'prefault':
      c.prefault = v === 'write' ? 'write' : v === 'read' ? 'read' : 'none';
      return null;
    default:
      return `error unknown config key '${key}'`;
  }
}

/** parse_range(): "I" or "A-B" with 0 <= A <= B < pages; strtol leniency included. */
function parseRange(s: string, pages: number): [number, number] | null {
  const a = strtol(s);
  if (a.end === 0) return null;
  let b = a.value;
  if (s[a.end] === '-') b = strtol(s, a.end + 1).value;
  if (a.value < 0 || b < a.value || b >= pages) return null;
  return [a.value, b];
}
