// Property tests: every shared sample, mutated the ways real files get damaged (cut short, lines
// lost or repeated, numbers corrupted, wrong JSON types, huge values, binary noise), still gives
// either a machine or located errors — never an exception, never an internal error. The machine
// always converts to a valid app machine. FUZZ_RUNS=5000 npx vitest run src/import/fuzz for a long run.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { ImportResult } from './index';
import { formatIssue, importFiles, toMachine, toReport } from './index';
import { listSamples, readSample } from './testing/samples';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SAMPLES = listSamples().map((rel) => ({ rel, text: readSample(rel) }));
const sample = fc.constantFrom(...SAMPLES);

function check(files: { name: string; text: string }[]): void {
  const r: ImportResult = importFiles(files);
  expect(r.machine !== null || r.errors.length > 0).toBe(true);
  const issues = [...r.errors, ...r.files.flatMap((f) => f.issues)];
  for (const e of issues) {
    expect(e.message).not.toMatch(/internal error/);
    expect(formatIssue(e)).not.toMatch(/[\r\n]/);
  }
  for (const e of r.errors) {
    expect(e.file).not.toBe('');
    expect(e.line !== undefined || e.jsonPath !== undefined).toBe(true);
  }
  if (r.machine) {
    const report = toReport(r.machine);
    expect(JSON.parse(JSON.stringify(report)).nodes).toHaveLength(r.machine.nodes.length);
    const m = toMachine(r.machine);
    expect(m.errors).toEqual([]);
    expect(m.machine?.nodes.length).toBeGreaterThan(0);
  }
}

const lines = (t: string) => t.split('\n');

/** Replaces the k-th match of `re` (mod the number of matches) using `by`. */
function replaceNth(text: string, re: RegExp, k: number, by: string): string {
  const matches = [...text.matchAll(re)];
  if (matches.length === 0) return text;
  const m = matches[k % matches.length];
  const at = m.index ?? 0;
  return text.slice(0, at) + by + text.slice(at + m[0].length);
}

const BAD_NUMBERS = ['-1', '', 'x', '0x', '3.5', '1e400', 'NaN', '١٢٣', '+-7', '0x-1', '12abc', '.', '--'];
const HUGE = ['18446744073709551615', '9'.repeat(400), '1e308', '4294967296', '9007199254740993', '0xffffffffffffffffffff', '340282366920938463463374607431768211456'];
const WRONG_JSON = ['{}', '[]', 'null', 'true', '"zz"', '-5', '[1,[2]]', '{"dev":{}}', '"0x"', '"-1"'];

describe('import survives damaged input', () => {
  test('truncation at any point', () => {
    fc.assert(
      fc.property(sample, fc.double({ min: 0, max: 1, noNaN: true }), (s, at) => check([{ name: s.rel, text: s.text.slice(0, Math.floor(s.text.length * at)) }])),
      { numRuns: RUNS },
    );
  });

  test('deleted lines', () => {
    fc.assert(
      fc.property(sample, fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), (s, picks) => {
        const l = lines(s.text);
        for (const p of picks) l.splice(p % Math.max(1, l.length), 1);
        check([{ name: s.rel, text: l.join('\n') }]);
      }),
      { numRuns: RUNS },
    );
  });

  test('duplicated lines', () => {
    fc.assert(
      fc.property(sample, fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), (s, picks) => {
        const l = lines(s.text);
        for (const p of picks) {
          const i = p % l.length;
          l.splice(i, 0, l[i]);
        }
        check([{ name: s.rel, text: l.join('\n') }]);
      }),
      { numRuns: RUNS },
    );
  });

  test('corrupted numbers', () => {
    fc.assert(
      fc.property(sample, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...BAD_NUMBERS)), { minLength: 1, maxLength: 4 }), (s, edits) => {
        let t = s.text;
        for (const [k, by] of edits) t = replaceNth(t, /\d+/g, k, by);
        check([{ name: s.rel, text: t }]);
      }),
      { numRuns: RUNS },
    );
  });

  test('wrong types (JSON values) and wrong words (text)', () => {
    fc.assert(
      fc.property(sample, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...WRONG_JSON)), { minLength: 1, maxLength: 4 }), (s, edits) => {
        let t = s.text;
        const json = /^\s*[[{]/.test(t);
        for (const [k, by] of edits) t = json ? replaceNth(t, /(?<=:\s*)("[^"\n]*"|-?\d+|true|false|null)/g, k, by) : replaceNth(t, /\S+/g, k, by);
        check([{ name: s.rel, text: t }]);
      }),
      { numRuns: RUNS },
    );
  });

  test('huge values', () => {
    fc.assert(
      fc.property(sample, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...HUGE)), { minLength: 1, maxLength: 4 }), (s, edits) => {
        let t = s.text;
        for (const [k, by] of edits) t = replaceNth(t, /\d+/g, k, by);
        check([{ name: s.rel, text: t }]);
      }),
      { numRuns: RUNS },
    );
  });

  test('binary noise', () => {
    fc.assert(
      fc.property(sample, fc.nat(), fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 1, maxLength: 64 }), (s, at, codes) => {
        const i = at % (s.text.length + 1);
        check([{ name: s.rel, text: s.text.slice(0, i) + String.fromCharCode(...codes) + s.text.slice(i) }]);
      }),
      { numRuns: RUNS },
    );
  });

  test('several damaged files together', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(sample, fc.double({ min: 0.2, max: 1, noNaN: true })), { minLength: 2, maxLength: 4 }), (picks) =>
        check(picks.map(([s, at], i) => ({ name: `${i}-${s.rel}`, text: s.text.slice(0, Math.floor(s.text.length * at)) }))),
      ),
      { numRuns: RUNS },
    );
  });

  test('arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.constantFrom('x.txt', 'x.json', 'x.xml'), (text, name) => check([{ name, text }])),
      { numRuns: RUNS },
    );
  });
});
