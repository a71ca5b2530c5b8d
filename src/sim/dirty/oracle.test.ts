// Every case the real kernel recorded (../shared/oracles/uffd/cases, Linux 6.18.44) replayed on the
// model: each non-'#' line must equal the kernel's, and the exit code must match (2 after `error`).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runTraceToLines } from './traceRunner';

const CASES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/oracles/uffd/cases');

/** The cases recorded when this model was written; a new one shows up as an extra test. */
const KNOWN = [
  'dontneed_anon', 'guard_regions', 'hugetlb', 'memfd_shared', 'random_writes', 'read_only', 'scan_limits',
  'seq_writes', 'softdirty_probe', 'sparse', 'sync_mode', 'sync_nounpop', 'thp', 'thp_sync_firstfault', 'write_clear_write',
];

const names = existsSync(CASES) ? readdirSync(CASES).filter((f) => f.endsWith('.trace')).map((f) => f.slice(0, -'.trace'.length)) : [];
const significant = (lines: string[]) => lines.filter((l) => !l.startsWith('#'));

describe('oracle cases', () => {
  it('finds the recorded cases beside the repository', () => {
    expect(existsSync(CASES), `missing ${CASES}`).toBe(true);
    expect(names).toEqual(expect.arrayContaining(KNOWN));
  });

  for (const name of names.length ? names : KNOWN) {
    it(name, () => {
      const trace = readFileSync(path.join(CASES, `${name}.trace`), 'utf8');
      const expected = readFileSync(path.join(CASES, `${name}.expected`), 'utf8').replace(/\n$/, '').split('\n');
      const got = runTraceToLines(trace);
      expect(significant(got.lines)).toEqual(significant(expected));
      const diedWithError = expected.some((l) => l.startsWith('error '));
      expect(got.exitCode).toBe(diedWithError ? 2 : 0);
    });
  }
});
