// Located import issues: every problem names the file and a line (or JSON path) and says what was
// expected, so the user can find it in their own output. Issues are data, never thrown.

export type Severity = 'error' | 'warning' | 'skipped';

export interface ImportIssue {
  severity: Severity;
  file: string;
  /** 1-based line in the file. */
  line?: number;
  /** 1-based column, when known (JSON and XML syntax errors). */
  column?: number;
  /** Where in a JSON document, e.g. `$[0].partition_info.partition_alignment_size`. */
  jsonPath?: string;
  message: string;
  /** What the parser expected at that place. */
  expected?: string;
  /** What it found instead, already quoted and shortened by `snippet`. */
  found?: string;
}

export type IssueInput = Omit<ImportIssue, 'severity' | 'file'>;

/** One line: `file:line:col (path): error: message; expected X, found Y`. */
export function formatIssue(i: ImportIssue): string {
  let loc = i.file;
  if (i.line !== undefined) loc += `:${i.line}` + (i.column !== undefined ? `:${i.column}` : '');
  if (i.jsonPath) loc += ` (${i.jsonPath})`;
  const tag = i.severity === 'error' ? 'error: ' : i.severity === 'skipped' ? 'skipped: ' : '';
  let text = `${loc}: ${tag}${i.message}`;
  if (i.expected) text += `; expected ${i.expected}`;
  if (i.found !== undefined) text += `${i.expected ? ',' : ';'} found ${i.found}`;
  return oneLine(text);
}

/** Quotes a piece of hostile input for a message: printable, escaped, at most `max` characters. */
export function snippet(s: string, max = 40): string {
  let out = '';
  for (let i = 0; i < s.length && out.length < max; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x5c) out += '\\' + s[i];
    else if (c >= 0x20 && c < 0x7f) out += s[i];
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x09) out += '\\t';
    else out += `\\u${c.toString(16).padStart(4, '0')}`;
  }
  return `"${out}${s.length > max ? '…' : ''}"`;
}

export function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, ' ');
}

/** Collects the issues of one file; keeps the first `cap` of each severity so hostile input cannot flood memory. */
export class IssueLog {
  private readonly list: ImportIssue[] = [];
  private readonly dropped: Record<Severity, number> = { error: 0, warning: 0, skipped: 0 };
  private readonly counts: Record<Severity, number> = { error: 0, warning: 0, skipped: 0 };

  constructor(
    readonly file: string,
    private readonly cap = 200,
  ) {}

  error(i: IssueInput): void {
    this.add('error', i);
  }
  warn(i: IssueInput): void {
    this.add('warning', i);
  }
  /** Input the parser could not use and left out; the rest of the file still imports. */
  skip(i: IssueInput): void {
    this.add('skipped', i);
  }

  get hasErrors(): boolean {
    return this.counts.error > 0;
  }

  count(s: Severity): number {
    return this.counts[s];
  }

  /** The issues, with one summary line per severity that overflowed the cap. */
  issues(): ImportIssue[] {
    const out = [...this.list];
    for (const s of ['error', 'warning', 'skipped'] as const) {
      if (this.dropped[s]) out.push({ severity: s, file: this.file, message: `${this.dropped[s]} more ${s === 'skipped' ? 'skipped lines' : s + 's'} not listed` });
    }
    return out;
  }

  private add(severity: Severity, i: IssueInput): void {
    this.counts[severity]++;
    if (this.counts[severity] > this.cap) {
      this.dropped[severity]++;
      return;
    }
    this.list.push({ severity, file: this.file, ...i });
  }
}
