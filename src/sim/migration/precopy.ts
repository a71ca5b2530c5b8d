// Iterative pre-copy page by page (QEMU and CRIU pre-dump style): during each round the workload
// makes random page writes over its hot set, the chosen tracker records them, and the sync at the
// end of the round hands the reported pages to the next round (soft-dirty's false positives are
// re-sent with them). The closed forms run beside it on the same parameters.
import { MAX_PAGES } from '../dirty/constants';
import { Prng } from '../engine/prng';
import { analyticPrecopy, expectedPagePrecopy, hotPages } from './analytic';
import { PAGE_BYTES } from './params';
import { precopyConfig, runPrecopy, type DirtySource, type PrecopyOptions, type RoundDirt } from './rounds';
import { createTracker, type RoundTracker, type TrackerKind } from './tracker';
import type { PrecopyResult } from './types';
import { randomWrites } from './writes';

export interface PageLevelOptions extends PrecopyOptions {
  /** w: uniform random page writes per second, over the hot set. */
  writesPerS: number;
  /** Share of memory the writes fall on; default 1 (all of it). */
  hotSetFraction?: number;
  tracker?: TrackerKind;
  seed?: number;
  /** MADV_HUGEPAGE memory: soft-dirty then tracks 2 MiB at a time (uffd-wp async still 4 KiB). */
  thp?: boolean;
}

/** The workload plus its tracker: one DirtySource for the shared round loop. */
export class PageLevelDirtying implements DirtySource {
  readonly pages: number;
  readonly hot: number;
  readonly tracker: RoundTracker;
  private readonly rng: Prng;
  private readonly writesPerS: number;
  /** Reported pages of the last sync, inside and outside the hot set (post-copy's missing pages). */
  lastReportedHot = 0;
  lastReportedOther = 0;

  constructor(memoryBytes: number, o: Omit<PageLevelOptions, 'memoryBytes'>) {
    this.pages = memoryPages(memoryBytes);
    this.hot = hotPages(memoryBytes, o.hotSetFraction ?? 1);
    if (!(o.writesPerS >= 0 && Number.isFinite(o.writesPerS))) throw new RangeError(`writesPerS must be >= 0, got ${o.writesPerS}`);
    this.writesPerS = o.writesPerS;
    this.tracker = createTracker(o.tracker ?? 'uffd-wp-async', this.pages, o.thp ?? false);
    this.rng = new Prng(o.seed ?? 1);
  }

  runRound(durationS: number, throttlePercent: number): RoundDirt {
    const t = this.tracker;
    randomWrites(this.rng, this.hot, this.writesPerS * (1 - throttlePercent / 100) * durationS, (p) => t.write(p));
    const s = t.sync(this.hot);
    this.lastReportedHot = s.reportedHot;
    this.lastReportedOther = s.reported - s.reportedHot;
    return { dirtyBytes: s.reported * PAGE_BYTES, falsePositivePages: s.falsePositives, trackerFaults: s.faults, faultS: s.faultNs * 1e-9, trackingCostS: s.trackingNs * 1e-9 };
  }
}

export interface PageLevelResult extends PrecopyResult {
  /** The closed forms on the same parameters: geometric (F1-F3, D = w x P) and page-granular (F6). */
  closedForm: { geometric: PrecopyResult; pageGranular: PrecopyResult };
}

export function pagePrecopy(o: PageLevelOptions): PageLevelResult {
  const c = precopyConfig(o);
  const source = new PageLevelDirtying(c.memoryBytes, o);
  const r = runPrecopy(c, source, 'pages');
  r.notes.push(NOTE_PAGES);
  if (source.tracker.kind === 'soft-dirty') r.notes.push(NOTE_SOFT_DIRTY);
  const geometric = analyticPrecopy({ ...o, dirtyRateBps: o.writesPerS * PAGE_BYTES });
  const pageGranular = expectedPagePrecopy(o);
  return { ...r, closedForm: { geometric, pageGranular } };
}

/** Whole 4 KiB pages the trackers can hold. */
export function memoryPages(memoryBytes: number): number {
  const pages = memoryBytes / PAGE_BYTES;
  if (!Number.isInteger(pages) || pages < 1) throw new RangeError(`memory must be a positive multiple of 4 KiB, got ${memoryBytes} bytes`);
  if (pages > MAX_PAGES) throw new RangeError(`memory must be at most ${MAX_PAGES} pages (4 TiB) for the page-level model, got ${pages}`);
  return pages;
}

export const NOTE_PAGES =
  'Page-level pre-copy: each round the workload makes w x (1 - throttle) x T uniform random page writes over its hot set (the low pages); a page written during round i is re-sent in round i + 1, as with a dirty-bitmap sync at each round boundary (pages written before they were sent in the same round are sent twice, as in QEMU). Tracker costs come from the oracle host (src/sim/dirty/costs.ts); transfer time is sentBytes / bandwidth only.';
export const NOTE_SOFT_DIRTY =
  'soft-dirty: what clear_refs and pagemap report is re-sent, false positives included (with THP one write dirties the whole 2 MiB). KVM itself tracks guest writes with its dirty log; soft-dirty is what CRIU pre-dump uses.';
