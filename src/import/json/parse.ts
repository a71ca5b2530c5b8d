// A JSON parser that remembers the line of every value, reports syntax errors with line, column and
// JSON path, and copes with what tool documentation really contains: several objects one after
// another (old `ndctl list`), "..." elision lines, a leading command line, trailing commas.
// Integers beyond 2^53 (ndctl iset_id) stay exact as strings. Objects have no prototype, so a
// "__proto__" key is just a key.
import type { IssueInput, IssueLog } from '../errors';
import { snippet } from '../errors';
import { PROGRESS_STEP, isElision } from '../text/lines';

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}
export type JsonContainer = JsonObject | JsonValue[];

// Lines are kept on the containers themselves under symbol keys: JSON.stringify and
// Object.entries skip symbols, and this costs far less than a WeakMap of Maps on big inputs.
const OPEN_LINE = Symbol('openLine');
const MEMBER_LINES = Symbol('memberLines');
type Located = { [OPEN_LINE]?: number; [MEMBER_LINES]?: Record<string, number> | number[] };

/** Where values are: the line of each member / element, and of each container's opening bracket. */
export class JsonLocations {
  line(container: JsonContainer, key: string | number): number | undefined {
    const lines = (container as Located)[MEMBER_LINES];
    if (!lines) return undefined;
    return Array.isArray(lines) ? (typeof key === 'number' ? lines[key] : undefined) : typeof key === 'string' && Object.hasOwn(lines, key) ? lines[key] : undefined;
  }
  open(container: JsonContainer): number | undefined {
    return (container as Located)[OPEN_LINE];
  }
  /** @internal */
  setMember(container: object, key: string | number, line: number): void {
    const c = container as Located;
    if (typeof key === 'number') ((c[MEMBER_LINES] ??= []) as number[])[key] = line;
    else ((c[MEMBER_LINES] ??= Object.create(null) as Record<string, number>) as Record<string, number>)[key] = line;
  }
  /** @internal */
  setOpen(container: object, line: number): void {
    (container as Located)[OPEN_LINE] = line;
  }
}

export interface JsonDoc {
  value: JsonValue;
  line: number;
  /** `$` for a single document, `$[i]` when the file is a stream of documents. */
  path: string;
}

export type JsonParseResult =
  | { ok: true; docs: JsonDoc[]; where: JsonLocations }
  | { ok: false; error: IssueInput };

export const MAX_JSON_DEPTH = 256;

class Stop extends Error {
  constructor(readonly issue: IssueInput) {
    super(issue.message);
  }
}

/** The text ended inside a value: what was read so far travels up and is kept. */
class Truncated extends Error {
  value: JsonValue | undefined;
  constructor(readonly expected: string) {
    super('truncated');
  }
}

export function isJsonObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `.key` or `["odd:key"]`, for building JSON paths. */
export function pathKey(key: string | number): string {
  if (typeof key === 'number') return `[${key}]`;
  return /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(key) ? `.${key}` : `[${JSON.stringify(key.length > 64 ? key.slice(0, 64) + '…' : key)}]`;
}

export function parseJson(text: string, log: IssueLog, progress?: (done: number) => void): JsonParseResult {
  const p = new Parser(text, log, progress);
  try {
    return { ok: true, docs: p.documents(), where: p.where };
  } catch (e) {
    if (e instanceof Stop) return { ok: false, error: e.issue };
    // Stack exhaustion or anything unforeseen still becomes a located error, never an exception.
    return { ok: false, error: { line: p.line, column: p.column(), message: `JSON could not be read: ${e instanceof Error ? e.message : String(e)}` } };
  }
}

class Parser {
  pos = 0;
  line = 1;
  private lineStart = 0;
  private atLineStart = true;
  private readonly path: (string | number)[] = [];
  private base = '$';
  private nextReport = PROGRESS_STEP;
  readonly where = new JsonLocations();

  constructor(
    private readonly s: string,
    private readonly log: IssueLog,
    private readonly progress?: (done: number) => void,
  ) {}

  column(): number {
    return this.pos - this.lineStart + 1;
  }

  documents(): JsonDoc[] {
    const docs: JsonDoc[] = [];
    for (;;) {
      this.ws();
      if (this.pos >= this.s.length) break;
      if (docs.length === 1) docs[0].path = '$[0]';
      this.base = docs.length === 0 ? '$' : `$[${docs.length}]`;
      const line = this.line;
      try {
        docs.push({ value: this.value(), line, path: this.base });
      } catch (e) {
        if (!(e instanceof Truncated)) throw e;
        this.log.skip({ line: this.line, jsonPath: this.jsonPath(), message: 'the file ends inside this value; what was read before is kept', expected: e.expected, found: 'end of file' });
        if (e.value !== undefined) docs.push({ value: e.value, line, path: this.base });
        break;
      }
    }
    if (docs.length === 0) throw this.fail('expected a JSON value', 'the file is empty');
    if (docs.length > 1) this.log.warn({ line: docs[1].line, message: `${docs.length} JSON documents one after another; read as one list` });
    return docs;
  }

  private jsonPath(): string {
    return this.base + this.path.map(pathKey).join('');
  }

  private fail(expected: string, found?: string, hint?: string): Stop | Truncated {
    if (this.pos >= this.s.length && found === undefined) return new Truncated(expected);
    const f = found ?? (this.pos >= this.s.length ? 'end of file' : snippet(this.s.slice(this.pos, this.pos + 24), 24));
    return new Stop({
      line: this.line,
      column: this.column(),
      jsonPath: this.jsonPath(),
      message: `invalid JSON${hint ? ` (${hint})` : ''}`,
      expected,
      found: f,
    });
  }

  /** Skips whitespace, elision lines ("...") and command lines ("# cmd", "$ cmd") at line starts. */
  private ws(): void {
    const s = this.s;
    for (;;) {
      const c = s.charCodeAt(this.pos);
      if (c === 10) {
        this.pos++;
        this.line++;
        this.lineStart = this.pos;
        this.atLineStart = true;
        if (this.progress && this.pos >= this.nextReport) {
          this.progress(this.pos);
          this.nextReport = this.pos + PROGRESS_STEP;
        }
      } else if (c === 32 || c === 9 || c === 13) {
        this.pos++;
      } else if (this.atLineStart && (c === 46 || c === 0x2026 || c === 35 || c === 36)) {
        let eol = s.indexOf('\n', this.pos);
        if (eol < 0) eol = s.length;
        const rest = s.slice(this.pos, eol);
        if (c === 35 || c === 36) this.log.skip({ line: this.line, message: `command line ${snippet(rest)} is not JSON` });
        else if (isElision(rest)) this.log.skip({ line: this.line, message: 'elided output ("...") skipped; the listing is incomplete' });
        else return;
        this.pos = eol;
      } else {
        this.atLineStart = false;
        return;
      }
    }
  }

  private value(): JsonValue {
    this.ws();
    const c = this.s.charCodeAt(this.pos);
    if (c === 123) return this.object();
    if (c === 91) return this.array();
    if (c === 34) return this.string();
    if (c === 45 || (c >= 48 && c <= 57)) return this.number();
    if (this.s.startsWith('true', this.pos)) return this.literal(4, true);
    if (this.s.startsWith('false', this.pos)) return this.literal(5, false);
    if (this.s.startsWith('null', this.pos)) return this.literal(4, null);
    throw this.fail('a value (object, array, string, number, true, false or null)');
  }

  private literal(len: number, v: boolean | null): boolean | null {
    this.pos += len;
    return v;
  }

  private enter(): void {
    if (this.path.length >= MAX_JSON_DEPTH) throw this.fail(`at most ${MAX_JSON_DEPTH} levels of nesting`);
  }

  private object(): JsonObject {
    this.enter();
    const obj = Object.create(null) as JsonObject;
    this.where.setOpen(obj, this.line);
    this.pos++;
    try {
      return this.members(obj);
    } catch (e) {
      // Cut off between members: the object so far is the partial value.
      if (e instanceof Truncated && e.value === undefined) e.value = obj;
      throw e;
    }
  }

  private members(obj: JsonObject): JsonObject {
    this.ws();
    if (this.s.charCodeAt(this.pos) === 125) {
      this.pos++;
      return obj;
    }
    for (;;) {
      this.ws();
      if (this.s.charCodeAt(this.pos) !== 34) {
        if (this.s.charCodeAt(this.pos) === 125) {
          this.log.warn({ line: this.line, jsonPath: this.jsonPath(), message: 'trailing comma before "}" ignored' });
          this.pos++;
          return obj;
        }
        throw this.fail('a member name in double quotes');
      }
      const key = this.string();
      this.ws();
      if (this.s.charCodeAt(this.pos) !== 58) throw this.fail(`":" after the member name ${snippet(key)}`);
      this.pos++;
      this.path.push(key);
      this.ws();
      const line = this.line;
      this.where.setMember(obj, key, line);
      let v: JsonValue;
      try {
        v = this.value();
      } catch (e) {
        // Cut off inside this member's value: keep the part read, then this object.
        if (e instanceof Truncated) {
          if (e.value !== undefined) obj[key] = e.value;
          e.value = obj;
        }
        throw e;
      }
      if (Object.hasOwn(obj, key)) this.log.warn({ line, jsonPath: this.jsonPath(), message: `duplicate member ${snippet(key)}; the later value is used` });
      obj[key] = v;
      this.where.setMember(obj, key, line);
      this.path.pop();
      const endLine = this.line;
      this.ws();
      const c = this.s.charCodeAt(this.pos);
      if (c === 44) {
        this.pos++;
        continue;
      }
      if (c === 125) {
        this.pos++;
        return obj;
      }
      const hint = this.line > endLine ? `missing "," at the end of line ${endLine}?` : undefined;
      throw this.fail(`"," or "}" after member ${snippet(key)}`, undefined, hint);
    }
  }

  private array(): JsonValue[] {
    this.enter();
    const arr: JsonValue[] = [];
    this.where.setOpen(arr, this.line);
    this.pos++;
    try {
      return this.elements(arr);
    } catch (e) {
      if (e instanceof Truncated && e.value === undefined) e.value = arr;
      throw e;
    }
  }

  private elements(arr: JsonValue[]): JsonValue[] {
    this.ws();
    if (this.s.charCodeAt(this.pos) === 93) {
      this.pos++;
      return arr;
    }
    for (;;) {
      this.ws();
      if (this.s.charCodeAt(this.pos) === 93) {
        this.log.warn({ line: this.line, jsonPath: this.jsonPath(), message: 'trailing comma before "]" ignored' });
        this.pos++;
        return arr;
      }
      this.path.push(arr.length);
      const line = this.line;
      this.where.setMember(arr, arr.length, line);
      let v: JsonValue;
      try {
        v = this.value();
      } catch (e) {
        if (e instanceof Truncated) {
          if (e.value !== undefined) arr.push(e.value);
          e.value = arr;
        }
        throw e;
      }
      arr.push(v);
      this.path.pop();
      const endLine = this.line;
      this.ws();
      const c = this.s.charCodeAt(this.pos);
      if (c === 44) {
        this.pos++;
        continue;
      }
      if (c === 93) {
        this.pos++;
        return arr;
      }
      const hint = this.line > endLine ? `missing "," at the end of line ${endLine}?` : undefined;
      throw this.fail(`"," or "]" after element [${arr.length - 1}]`, undefined, hint);
    }
  }

  private string(): string {
    const s = this.s;
    const startLine = this.line;
    let i = this.pos + 1;
    let out = '';
    let chunk = i;
    for (;;) {
      if (i >= s.length) {
        this.pos = i;
        throw this.fail(`'"' to close the string that starts on line ${startLine}`);
      }
      const c = s.charCodeAt(i);
      if (c === 34) {
        out += s.slice(chunk, i);
        this.pos = i + 1;
        return out;
      }
      if (c < 0x20) {
        this.pos = i;
        throw this.fail('a character allowed in a JSON string (control characters must be escaped)');
      }
      if (c === 92) {
        out += s.slice(chunk, i);
        const e = s[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && Object.hasOwn(simple, e)) {
          out += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) {
          out += String.fromCharCode(Number.parseInt(s.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          this.pos = i;
          throw this.fail('an escape such as \\" \\\\ \\/ \\n or \\u0041');
        }
        chunk = i;
        continue;
      }
      i++;
    }
  }

  private number(): number | string {
    const s = this.s;
    const start = this.pos;
    let i = start;
    if (s.charCodeAt(i) === 45) i++;
    const digits = (): number => {
      const from = i;
      while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
      return i - from;
    };
    const intDigits = digits();
    if (intDigits === 0) {
      this.pos = i;
      throw this.fail('digits after "-"');
    }
    let integer = true;
    if (s.charCodeAt(i) === 46) {
      integer = false;
      i++;
      if (digits() === 0) {
        this.pos = i;
        throw this.fail('digits after the decimal point');
      }
    }
    const e = s.charCodeAt(i);
    if (e === 101 || e === 69) {
      integer = false;
      i++;
      if (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45) i++;
      if (digits() === 0) {
        this.pos = i;
        throw this.fail('digits in the exponent');
      }
    }
    this.pos = i;
    const raw = s.slice(start, i);
    const v = Number(raw);
    // Keep what a double would round (iset_id, 1e400) as its exact text; readers reject or display it.
    if (!Number.isFinite(v) || (integer && !Number.isSafeInteger(v))) return raw;
    return v;
  }
}
