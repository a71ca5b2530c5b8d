// Typed reads from parsed JSON with provenance: each read returns a Fact carrying file, line and
// JSON path, and a value of the wrong type becomes a located "skipped" issue instead of a crash.
import type { IssueLog } from '../errors';
import { snippet } from '../errors';
import type { Fact, Source } from '../provenance';
import { parseIntLike } from '../text/numbers';
import { parseToolHumanSize } from '../text/sizes';
import type { JsonContainer, JsonLocations, JsonObject, JsonValue } from './parse';
import { isJsonObject, pathKey } from './parse';

export function describeJson(v: JsonValue | undefined): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the string ${snippet(v)}`;
  return `${typeof v} ${String(v)}`;
}

export class JsonReader {
  constructor(
    readonly file: string,
    readonly log: IssueLog,
    private readonly where: JsonLocations,
  ) {}

  src(container: JsonContainer, key: string | number, path: string, extra?: Partial<Source>): Source {
    const line = this.where.line(container, key);
    const s: Source = { file: this.file, jsonPath: path + pathKey(key) };
    if (line !== undefined) s.line = line;
    return extra ? { ...s, ...extra } : s;
  }

  /** Source for a whole object (its opening line). */
  objSrc(obj: JsonContainer, path: string): Source {
    const line = this.where.open(obj);
    return line !== undefined ? { file: this.file, line, jsonPath: path } : { file: this.file, jsonPath: path };
  }

  private wrong(obj: JsonObject, key: string, path: string, expected: string): undefined {
    this.log.skip({
      line: this.where.line(obj, key),
      jsonPath: path + pathKey(key),
      message: `value of ${snippet(key)} ignored`,
      expected,
      found: describeJson(obj[key]),
    });
    return undefined;
  }

  str(obj: JsonObject, key: string, path: string): string | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v.length > 256 ? v.slice(0, 256) : v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return this.wrong(obj, key, path, 'a string');
  }

  bool(obj: JsonObject, key: string, path: string): boolean | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'yes') return true;
    if (v === 'false' || v === 'no') return false;
    return this.wrong(obj, key, path, 'true or false');
  }

  /** A whole number (JSON number, or "0x…"/decimal string as `-u` prints handles and ids). */
  int(obj: JsonObject, key: string, path: string, opts: { min?: number; max?: number } = {}): Fact<number> | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    let n: number | undefined;
    if (typeof v === 'number' && Number.isSafeInteger(v)) n = v;
    else if (typeof v === 'string') n = parseIntLike(v);
    const min = opts.min ?? 0;
    const max = opts.max ?? Number.MAX_SAFE_INTEGER;
    if (n === undefined || n < min || n > max) return this.wrong(obj, key, path, `a whole number from ${min} to ${max === Number.MAX_SAFE_INTEGER ? '2^53' : max}`);
    return { value: n, src: this.src(obj, key, path) };
  }

  /** A signed int where -1 means "none" (numa_node, target_node): returns undefined for -1. */
  node(obj: JsonObject, key: string, path: string, maxNode: number): Fact<number> | undefined {
    const v = obj[key];
    if (v === -1 || v === '-1') return undefined;
    return this.int(obj, key, path, { max: maxNode });
  }

  /** Bytes: a number, "0x…", or a `-u` human size such as "4.00 GiB (4.29 GB)" (then approximate). */
  bytes(obj: JsonObject, key: string, path: string): Fact<number> | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return { value: v, src: this.src(obj, key, path) };
    if (typeof v === 'string') {
      const n = parseIntLike(v);
      if (n !== undefined) return { value: n, src: this.src(obj, key, path) };
      const h = parseToolHumanSize(v);
      if (h) return { value: h.bytes, src: this.src(obj, key, path, h.approx ? { approx: h.approx, note: `printed as ${snippet(v)}` } : undefined) };
    }
    return this.wrong(obj, key, path, 'a size in bytes (a number, or text like "4.00 GiB (4.29 GB)")');
  }

  /** Array members of `obj[key]`, or undefined (with an issue if it is there but not an array). */
  array(obj: JsonObject, key: string, path: string): JsonValue[] | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (Array.isArray(v)) return v;
    return this.wrong(obj, key, path, 'an array');
  }

  object(obj: JsonObject, key: string, path: string): JsonObject | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (isJsonObject(v)) return v;
    return this.wrong(obj, key, path, 'an object');
  }
}
