// Fuzzing the text inputs that are not JSON: dirty-tracking traces (sim dirty, trace replay) and
// live-update scripts (sim luo, luo.op actions). Every failure must be a located error.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseTrace, runTraceToLines, TraceError } from '../sim/dirty';
import { LuoScriptError, runLuoScript } from '../sim/luo';
import { FUZZ_RUNS, withinLimit } from './runs';

const cases = path.resolve(__dirname, '../../../shared/oracles/uffd/cases');
const traces = readdirSync(cases)
  .filter((f) => f.endsWith('.trace'))
  .map((f) => readFileSync(path.join(cases, f), 'utf8'));

const LUO_WORDS = ['open', 'close-dev', 'create', 'preserve', 'close', 'retrieve', 'retrieve-fd', 'finish', 'number', 'luod-exit', 'kexec', 'fail', 'prepare', 'freeze', 'cancel', 'state', 'memfd:4K', 'memfd:1G:fill=0.5', 'memfd-hugetlb:2M', 'devnull', '@a', 's1', '1', '-1', '99999999999999999999', 'memfd', 'freeze', 'preserve'];

/** A text mutated the ways a hand-edited or corrupted file is: cut, lines dropped or doubled, noise. */
function mutate(base: string) {
  return fc.tuple(fc.nat(base.length), fc.nat(50), fc.string({ maxLength: 40 }), fc.constantFrom('cut', 'drop', 'dup', 'noise', 'digits')).map(([at, k, noise, how]) => {
    const lines = base.split('\n');
    const i = at % Math.max(1, lines.length);
    switch (how) {
      case 'cut':
        return base.slice(0, at);
      case 'drop':
        return lines.filter((_, j) => j !== i).join('\n');
      case 'dup':
        return [...lines.slice(0, i + 1), ...lines.slice(i, i + 1 + (k % 3)), ...lines.slice(i + 1)].join('\n');
      case 'noise':
        return base.slice(0, at) + noise + base.slice(at);
      default:
        return base.replace(/\d+/g, (d, off: number) => (off % (k + 2) === 0 ? `${d}${k}9999999` : d));
    }
  });
}

describe('fuzz: dirty-tracking traces', () => {
  it('never throw anything but a located TraceError, and never hang', () => {
    fc.assert(
      fc.property(fc.constantFrom(...traces).chain(mutate), (text) => {
        try {
          withinLimit('parseTrace', () => parseTrace(text));
        } catch (e) {
          if (!(e instanceof TraceError)) throw e;
          expect(e.line).toBeGreaterThanOrEqual(1);
          return;
        }
        const lines = withinLimit('runTrace', () => runTraceToLines(text));
        expect(Array.isArray(lines.lines)).toBe(true);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});

describe('fuzz: live-update scripts', () => {
  it('answer every line or stop at a located LuoScriptError, and never hang', () => {
    const line = fc.array(fc.constantFrom(...LUO_WORDS), { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(fc.array(fc.oneof(line, fc.string({ maxLength: 20 })), { maxLength: 30 }), fc.constantFrom('rfc-v2', 'mainline'), fc.constantFrom('6.19', 'latest'), (lines, model, kernel) => {
        const text = lines.join('\n');
        try {
          const r = withinLimit('runLuoScript', () => runLuoScript(text, { model: model as 'rfc-v2' | 'mainline', kernel: kernel as '6.19' | 'latest' }));
          for (const l of r.lines) expect(l).toMatch(/^(ok|-E[A-Z]+|\S)/);
        } catch (e) {
          if (!(e instanceof LuoScriptError)) throw e;
          expect(e.line).toBeGreaterThanOrEqual(1);
          expect(e.line).toBeLessThanOrEqual(lines.length);
        }
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
