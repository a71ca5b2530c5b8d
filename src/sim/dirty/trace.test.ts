import { describe, expect, it } from 'vitest';
import { parseTrace, parseTraceStrict, TraceError } from './trace';
import { runTraceToLines } from './traceRunner';

describe('parseTrace', () => {
  it('folds config, strips comments and keeps ranges inclusive', () => {
    const t = parseTrace('# c\nconfig pages=8 backing=memfd thp=1 mode=sync unpopulated=0 prefault=read\nw 1-3 # tail\nr 7\nscanclearvec 2\n');
    expect(t.error).toBeNull();
    expect(t.config).toEqual({ pages: 8, backing: 'memfd', thp: 1, mode: 'sync', unpopulated: 0, prefault: 'read' });
    expect(t.steps).toEqual([
      { op: 'w', line: 3, first: 1, last: 3 },
      { op: 'r', line: 4, first: 7, last: 7 },
      { op: 'scanonce', line: 5, tag: 'scanclearvec', limit: 'vec', k: 2, clear: true },
    ]);
  });

  it('accepts what strtol accepts, like the oracle', () => {
    const t = parseTraceStrict('config pages=16\nw 5x\nw +2-4junk\nw 0-\n');
    expect(t.steps.map((s) => ('first' in s ? [s.first, s.last] : null))).toEqual([[5, 5], [2, 4], [0, 0]]);
  });

  it.each([
    ['config pages=4\nw 0\nconfig pages=8\n', 3, 'error line 3: config after first action', false],
    ['config pages=4\nw 2-9\n', 2, "error line 2: bad page range '2-9'", true],
    ['w 3-1\n', 1, "error line 1: bad page range '3-1'", true],
    ['scan\nscanmax 0\n', 2, 'error line 2: scanmax needs a positive number', true],
    ['echo hi\nfrobnicate 1\n', 2, "error line 2: unknown command 'frobnicate'", true],
    ['config pages=4 junk\n', 1, "error bad config item 'junk'", false],
    ['config colour=blue\n', 1, "error unknown config key 'colour'", false],
  ])('reports %j at line %i', (text, line, oracleLine, afterArm) => {
    const t = parseTrace(text);
    expect(t.error).toBeInstanceOf(TraceError);
    expect(t.error?.line).toBe(line);
    expect(t.error?.oracleLine).toBe(oracleLine);
    expect(t.error?.afterArm).toBe(afterArm);
    expect(() => parseTraceStrict(text)).toThrow(`line ${line}:`);
  });

  it('matches scan commands by prefix, as strncmp does', () => {
    const t = parseTraceStrict('scanmaxed 3\nscanvecs 2\n');
    expect(t.steps).toMatchObject([
      { op: 'scanonce', tag: 'scanmaxed', limit: 'max', k: 3, clear: false },
      { op: 'scanonce', tag: 'scanvecs', limit: 'vec', k: 2, clear: false },
    ]);
  });
});

describe('runTrace errors', () => {
  it('arms before reporting an error in the first action, then exits 2', () => {
    const r = runTraceToLines('config pages=4\necho x\nw 9\n');
    expect(r.lines).toEqual([
      'echo x',
      '# armed pages=4 backing=anon thp=0 mode=async unpopulated=1 prefault=none features_requested=0xa000',
      "error line 3: bad page range '9'",
    ]);
    expect(r.exitCode).toBe(2);
  });

  it('does not arm for a config error', () => {
    const r = runTraceToLines('echo a\nconfig pages=4 nope\n');
    expect(r.lines).toEqual(['echo a', "error bad config item 'nope'"]);
    expect(r.exitCode).toBe(2);
  });

  it('dies like the kernel: EINVAL for a 4 KiB hugetlb un-protect, SIGSEGV on a guard page', () => {
    const huge = runTraceToLines('config pages=512 backing=hugetlb mode=sync\nw 3\nscan\n');
    expect(huge.lines.at(-1)).toBe('error UFFDIO_WRITEPROTECT errno=22 (Invalid argument)');
    expect(huge.exitCode).toBe(2);
    const guard = runTraceToLines('config pages=8\nguard 2-3\nscan\nw 2\nscan\n');
    expect(guard.lines).toHaveLength(2); // # armed, one scan; the write kills the process
    expect(guard.exitCode).toBe(139);
    expect(guard.signal?.name).toBe('SIGSEGV');
  });

  it('rejects hugetlb sizes that are not whole huge pages at UFFDIO_REGISTER', () => {
    const r = runTraceToLines('config pages=100 backing=hugetlb\nscan\n');
    expect(r.lines).toEqual(['error UFFDIO_REGISTER(MODE_WP) errno=22 (Invalid argument)']);
  });
});
