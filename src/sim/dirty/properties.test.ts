// Property tests: uffd-wp async reports exactly the distinct pages written since each page was last
// re-protected (for traces without zapping or guard pages); soft-dirty reports a superset; the
// bitmap summaries the fast paths rely on always agree with the bitmaps.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCK_PAGE_SHIFT, UNIT_SHIFT } from './constants';
import { popcount32 } from './bits';
import { TrackerComparison } from './comparison';
import { BLOCK_COUNT_MASK, BLOCK_SLOW } from './pageStore';
import { UffdWpRegion, UNIT_HUGE } from './region';
import { madviseDontneed, madviseGuardInstall } from './regionMadvise';
import { scanWritten } from './regionScan';
import { sparseWord } from './sparseLane';
import { runTraceToLines } from './traceRunner';

type Cmd =
  | { c: 'w' | 'r'; a: number; n: number }
  | { c: 'clear' | 'scan' | 'scanslow' | 'scanclear' }
  | { c: 'scanmax' | 'scanclearmax' | 'scanvec' | 'scanclearvec'; k: number };

const cmdArb = (pages: number): fc.Arbitrary<Cmd> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.record({ c: fc.constantFrom('w' as const, 'r' as const), a: fc.nat(pages - 1), n: fc.integer({ min: 1, max: 40 }) }) },
    { weight: 3, arbitrary: fc.record({ c: fc.constantFrom('clear' as const, 'scan' as const, 'scanslow' as const, 'scanclear' as const) }) },
    { weight: 2, arbitrary: fc.record({ c: fc.constantFrom('scanmax' as const, 'scanclearmax' as const, 'scanvec' as const, 'scanclearvec' as const), k: fc.integer({ min: 1, max: 12 }) }) },
  );

const traceArb = fc
  .record({
    pages: fc.constantFrom(64, 600, 1100),
    backing: fc.constantFrom('anon', 'memfd'),
    thp: fc.constantFrom(0, 1),
    prefault: fc.constantFrom('none', 'read', 'write'),
  })
  .chain((cfg) => fc.record({ cfg: fc.constant(cfg), cmds: fc.array(cmdArb(cfg.pages), { maxLength: 40 }) }));

function parseScanLine(line: string): { pages: number[]; walkEnd: number | null } {
  const pages = /pages=\[([^\]]*)\]/.exec(line)![1];
  const we = /walk_end=(\d+)/.exec(line);
  return { pages: pages === '' ? [] : pages.split(',').map(Number), walkEnd: we ? Number(we[1]) : null };
}

/** Maximal runs of a sorted page list. */
function runsOf(sorted: number[]): number[][] {
  const runs: number[][] = [];
  for (const p of sorted) {
    const last = runs.at(-1);
    if (last && last.at(-1) === p - 1) last.push(p);
    else runs.push([p]);
  }
  return runs;
}

describe('uffd-wp async is exact', () => {
  it('every scan reports the distinct pages written since their last re-protect', () => {
    fc.assert(
      fc.property(traceArb, ({ cfg, cmds }) => {
        const text = [`config pages=${cfg.pages} backing=${cfg.backing} thp=${cfg.thp} prefault=${cfg.prefault} mode=async`];
        for (const c of cmds) {
          if (c.c === 'w' || c.c === 'r') text.push(`${c.c} ${c.a}-${Math.min(cfg.pages - 1, c.a + c.n - 1)}`);
          else if ('k' in c) text.push(`${c.c} ${c.k}`);
          else text.push(c.c);
        }
        const { lines, exitCode } = runTraceToLines(text.join('\n') + '\n');
        expect(exitCode).toBe(0);
        const out = lines.filter((l) => !l.startsWith('#'));
        const truth = new Set<number>();
        let li = 0;
        for (const c of cmds) {
          if (c.c === 'w') for (let p = c.a; p <= Math.min(cfg.pages - 1, c.a + c.n - 1); p++) truth.add(p);
          if (c.c === 'clear') truth.clear();
          if (c.c === 'w' || c.c === 'r' || c.c === 'clear') continue;
          const sorted = [...truth].sort((x, y) => x - y);
          const got = parseScanLine(out[li++]);
          let want = sorted;
          let walkEnd: number | null = null;
          if (c.c === 'scanmax' || c.c === 'scanclearmax') {
            const k = Math.min(c.k, 256 * 1e9); // vec_len 256 never binds with <= 12 pages
            want = sorted.slice(0, k);
            walkEnd = sorted[k] ?? cfg.pages;
          } else if (c.c === 'scanvec' || c.c === 'scanclearvec') {
            const runs = runsOf(sorted);
            want = runs.slice(0, c.k).flat();
            walkEnd = runs[c.k]?.[0] ?? cfg.pages;
          }
          expect(got.pages).toEqual(want);
          expect(got.walkEnd).toBe(walkEnd);
          if (c.c.startsWith('scanclear')) for (const p of want) truth.delete(p);
        }
        expect(li).toBe(out.length);
      }),
      { numRuns: 150 },
    );
  });
});

type Op =
  | { o: 'w' | 'r'; p: number }
  | { o: 'mremap'; a: number; n: number }
  | { o: 'remap'; a: number; n: number; merge: boolean }
  | { o: 'round' };

const opsArb = (pages: number, withRemap: boolean): fc.Arbitrary<Op[]> =>
  fc.array(
    fc.oneof(
      { weight: 12, arbitrary: fc.record({ o: fc.constantFrom('w' as const, 'r' as const), p: fc.nat(pages - 1) }) },
      { weight: 1, arbitrary: fc.record({ o: fc.constant('mremap' as const), a: fc.nat(pages - 1), n: fc.integer({ min: 1, max: 700 }) }) },
      { weight: withRemap ? 1 : 0, arbitrary: fc.record({ o: fc.constant('remap' as const), a: fc.nat(pages - 1), n: fc.integer({ min: 1, max: 700 }), merge: fc.boolean() }) },
      { weight: 2, arbitrary: fc.constant({ o: 'round' as const }) },
    ),
    { maxLength: 120 },
  );

function replay(cmp: TrackerComparison, ops: Op[], check: (r: ReturnType<TrackerComparison['endRound']>) => void): void {
  for (const op of [...ops, { o: 'round' as const }]) {
    if (op.o === 'w') cmp.write(op.p);
    else if (op.o === 'r') cmp.read(op.p);
    else if (op.o === 'mremap') cmp.mremap(op.a, Math.min(cmp.pages, op.a + op.n));
    else if (op.o === 'remap') cmp.remapNew(op.a, Math.min(cmp.pages, op.a + op.n), op.merge);
    else check(cmp.endRound());
  }
}

describe('two trackers on the same accesses', () => {
  const setup = fc.record({ pages: fc.constantFrom(300, 1536), thp: fc.boolean(), backing: fc.constantFrom('anon' as const, 'memfd' as const) });

  it('uffd-wp reports exactly the written set; soft-dirty a superset (THP, mremap)', () => {
    fc.assert(
      fc.property(setup.chain((s) => fc.tuple(fc.constant(s), opsArb(s.pages, false))), ([s, ops]) => {
        const cmp = new TrackerComparison(s);
        let fp = 0;
        replay(cmp, ops, (r) => {
          expect(r.uffd!.pagesReported).toBe(r.pagesWritten);
          expect(r.uffd!.falsePositives + r.uffd!.falseNegatives).toBe(0);
          expect(r.softDirty!.falseNegatives).toBe(0);
          expect(r.softDirty!.pagesReported).toBeGreaterThanOrEqual(r.pagesWritten);
          fp += r.softDirty!.falsePositives;
        });
        // Without THP or mremap soft-dirty is exact too; with them it may only over-report.
        if (!s.thp && !ops.some((o) => o.o === 'mremap')) expect(fp).toBe(0);
      }),
      { numRuns: 120 },
    );
  });

  it('soft-dirty stays a superset across munmap+mmap and VMA merges', () => {
    fc.assert(
      fc.property(setup.chain((s) => fc.tuple(fc.constant(s), opsArb(s.pages, true))), ([s, ops]) => {
        const cmp = new TrackerComparison(s);
        replay(cmp, ops, (r) => expect(r.softDirty!.falseNegatives).toBe(0));
      }),
      { numRuns: 120 },
    );
  });
});

/** The invariants the write fast path relies on. */
function checkSummaries(r: UffdWpRegion): void {
  const { bits, blocks, words } = r.state.store;
  for (let b = 0; b < blocks.length; b++) {
    let count = 0;
    let irregular = r.hugetlb;
    for (let w = b * 64; w < Math.min(words, (b + 1) * 64); w++) {
      count += popcount32(bits[2 * w]);
      if ((bits[2 * w] & ~bits[2 * w + 1]) !== 0 || sparseWord(r.state.extra, w) !== 0) irregular = true;
    }
    for (let u = (b << BLOCK_PAGE_SHIFT) >>> UNIT_SHIFT; u < r.state.units.length && u < ((b + 1) << BLOCK_PAGE_SHIFT) >>> UNIT_SHIFT; u++) {
      if ((r.state.units[u] & UNIT_HUGE) !== 0) irregular = true;
    }
    expect(blocks[b] & BLOCK_COUNT_MASK).toBe(count);
    if (irregular) expect(blocks[b] & BLOCK_SLOW).toBe(BLOCK_SLOW);
  }
}

describe('summaries', () => {
  it('block counts and slow flags hold after any mix of operations', () => {
    const op = fc.oneof(
      fc.record({ o: fc.constantFrom('w', 'r', 'dontneed', 'guard', 'scanmax'), a: fc.nat(4999), n: fc.integer({ min: 1, max: 3000 }) }),
      fc.record({ o: fc.constantFrom('clear', 'scanclear') }),
    );
    const cfg = fc.record({
      thp: fc.boolean(),
      prefault: fc.constantFrom('none' as const, 'read' as const, 'write' as const),
      mode: fc.constantFrom('async' as const, 'sync' as const),
      unpopulated: fc.boolean(),
    });
    fc.assert(
      fc.property(cfg, fc.array(op, { maxLength: 25 }), (c, ops) => {
        const r = UffdWpRegion.create({ pages: 5000, ...c });
        r.arm();
        for (const x of ops) {
          const to = 'a' in x ? Math.min(5000, x.a + x.n) : 0;
          if (x.o === 'w' || x.o === 'r') {
            for (let p = x.a; p < to; p += 3) if (!r.isGuard(p)) (x.o === 'w' ? r.write(p) : r.read(p));
          } else if (x.o === 'dontneed') madviseDontneed(r, x.a, to);
          else if (x.o === 'guard') madviseGuardInstall(r, x.a, to);
          else if (x.o === 'scanmax') scanWritten(r, { maxPages: x.n, wpMatching: c.mode === 'async' });
          else if (x.o === 'clear') r.clear();
          else if (c.mode === 'async') scanWritten(r, { wpMatching: true });
        }
        checkSummaries(r);
      }),
      { numRuns: 60 },
    );
  });
});
