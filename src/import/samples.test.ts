// Every shared sample imports; the one published as invalid JSON gives a located error instead.
import { describe, expect, test } from 'vitest';
import { formatIssue, importFiles, toMachine } from './index';
import { listSamples, readSample } from './testing/samples';

const INVALID_AS_PUBLISHED = 'cxl/list-m-mem0-I-partition.txt';

describe('shared samples', () => {
  const samples = listSamples();

  test('the sample folder is there and complete', () => {
    expect(samples.length).toBeGreaterThanOrEqual(46);
    expect(samples).toContain(INVALID_AS_PUBLISHED);
  });

  test.each(samples.filter((s) => s !== INVALID_AS_PUBLISHED))('%s imports without errors', (rel) => {
    const r = importFiles([{ name: rel, text: readSample(rel) }]);
    expect(r.errors.map(formatIssue)).toEqual([]);
    expect(r.machine).not.toBeNull();
    const format = rel.split('/')[0];
    const expected = format === 'sysfs-node' ? 'node-meminfo' : format;
    expect(r.files[0].format).toBe(expected);
    // The app machine can always be built from it (nodes inferred where needed).
    const m = toMachine(r.machine!);
    expect(m.errors).toEqual([]);
    expect(m.machine?.nodes.length).toBeGreaterThan(0);
  });

  test('the invalid JSON sample gives one located error: file, line, column, JSON path, what was expected', () => {
    const r = importFiles([{ name: INVALID_AS_PUBLISHED, text: readSample(INVALID_AS_PUBLISHED) }]);
    expect(r.machine).toBeNull();
    expect(r.errors).toHaveLength(1);
    const e = r.errors[0];
    expect(e).toMatchObject({ file: INVALID_AS_PUBLISHED, line: 10, column: 7, jsonPath: '$[0].partition_info' });
    expect(e.expected).toContain('"," or "}"');
    expect(e.found).toContain('active_volatile_size');
    expect(formatIssue(e)).toMatch(/^cxl\/list-m-mem0-I-partition\.txt:10:7 \(\$\[0\]\.partition_info\): error: invalid JSON \(missing "," at the end of line 9\?\)/);
    expect(formatIssue(e)).not.toContain('\n');
  });
});
