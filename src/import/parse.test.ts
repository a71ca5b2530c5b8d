// The worker-facing API: progress callbacks, the size limit, never throwing.
import { describe, expect, test } from 'vitest';
import { syntheticZoneinfo } from '../../bench/import';
import type { ImportProgress } from './index';
import { MAX_INPUT_BYTES, formatIssue, importFiles, parse } from './index';

describe('parse / importFiles', () => {
  test('progress: increasing fractions per file, ending at 1, weighted over all files', () => {
    const { text } = syntheticZoneinfo(3 * 2 ** 20);
    const seen: ImportProgress[] = [];
    const r = importFiles(
      [
        { name: 'a', text },
        { name: 'b', text },
      ],
      { onProgress: (p) => seen.push(p) },
    );
    expect(r.machine).not.toBeNull();
    expect(seen.length).toBeGreaterThan(4);
    const fractions = seen.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((x, y) => x - y));
    expect(fractions[fractions.length - 1]).toBe(1);
    expect(seen.find((p) => p.file === 'b')?.fraction).toBeGreaterThanOrEqual(0.5);
  });

  test('inputs over the limit are refused with a message naming the limit', () => {
    const r = parse('x'.repeat(MAX_INPUT_BYTES + 1), { fileName: 'big.txt' });
    expect(r.fragment).toBeNull();
    expect(formatIssue(r.issues[0])).toMatch(/^big\.txt:1: error: file is 64\.0 MiB, over the 64 MiB import limit$/);
  });

  test('non-text input from a confused caller is an error, not an exception', () => {
    expect(parse(undefined, { fileName: 'x' }).issues[0].message).toBe('nothing to read');
    expect(importFiles(null as never).errors[0].message).toBe('no files to import');
    expect(importFiles([{ name: 'x', text: 42 as never }]).errors[0].message).toBe('nothing to read');
  });

  test('an empty file and an unknown format are located at line 1', () => {
    expect(parse('', { fileName: 'e' }).issues[0]).toMatchObject({ line: 1, message: 'the file is empty' });
    expect(parse('hello', { fileName: 'h' }).issues[0]).toMatchObject({ line: 1, message: 'format not recognised' });
  });
});
