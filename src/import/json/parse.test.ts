import { describe, expect, test } from 'vitest';
import { IssueLog } from '../errors';
import { MAX_JSON_DEPTH, isJsonObject, parseJson } from './parse';

const parse = (text: string) => {
  const log = new IssueLog('t.json');
  return { r: parseJson(text, log), log };
};

describe('located JSON parser', () => {
  test('values keep their lines; big integers stay exact text', () => {
    const { r } = parse('{\n  "a": 1,\n  "iset": 3026489321642266624,\n  "list": [\n    2\n  ]\n}');
    if (!r.ok) throw new Error(r.error.message);
    const doc = r.docs[0].value;
    if (!isJsonObject(doc)) throw new Error('object expected');
    expect(doc.iset).toBe('3026489321642266624');
    expect(r.where.line(doc, 'a')).toBe(2);
    expect(r.where.line(doc, 'list')).toBe(4);
    expect(r.where.line(doc.list as [], 0)).toBe(5);
  });

  test('errors carry line, column, JSON path, what was expected and what was found', () => {
    const { r } = parse('[\n {"a": {"b": 1 "c": 2}}\n]');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ line: 2, column: 16, jsonPath: '$[0].a', expected: '"," or "}" after member "b"', found: '"\\"c\\": 2}}\\n]"' });
  });

  test('"__proto__" is an ordinary key', () => {
    const { r } = parse('{"__proto__": {"polluted": true}}');
    if (!r.ok) throw new Error('parse failed');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(r.docs[0].value as object)).toEqual(['__proto__']);
  });

  test('hostile nesting stops at the depth limit with a located error, no stack overflow', () => {
    const { r } = parse('['.repeat(100_000));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.expected).toBe(`at most ${MAX_JSON_DEPTH} levels of nesting`);
  });

  test('a cut-off file keeps what was read, and says where it ends', () => {
    const { r, log } = parse('{"regions": [{"dev": "region0", "size": 42}, {"dev": "reg');
    if (!r.ok) throw new Error('expected a partial document');
    expect(JSON.parse(JSON.stringify(r.docs[0].value))).toEqual({ regions: [{ dev: 'region0', size: 42 }, {}] });
    expect(log.issues()[0]).toMatchObject({ severity: 'skipped', line: 1, found: 'end of file' });
  });

  test('elision lines, command lines and trailing commas are tolerated with a note each', () => {
    const { r, log } = parse('# ndctl list\n[\n {"a": 1},\n ...\n]\n');
    expect(r.ok).toBe(true);
    expect(log.issues().map((i) => [i.severity, i.line])).toEqual([
      ['skipped', 1],
      ['skipped', 4],
      ['warning', 5],
    ]);
  });

  test('control characters inside strings and bad escapes are errors', () => {
    const a = parse('{"a": "x\u0001y"}').r;
    expect(a.ok).toBe(false);
    const b = parse('{"a": "\\q"}').r;
    expect(b.ok ? '' : b.error.expected).toContain('escape');
  });
});
