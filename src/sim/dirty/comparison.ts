// Two trackers side by side on the same accesses: uffd-wp (one armed region) and soft-dirty (its own
// process, where nothing splits THPs), against the truth (pages written since the round began).
// Per round: pages written, pages reported, false positives/negatives, faults and their cost.
import { ARCHES, type Arch } from './arch';
import { popcount32, rangeMask } from './bits';
import { PTE_TABLE_BYTES } from './constants';
import type { Backing, TrackMode } from './config';
import { REFERENCE_COSTS, softDirtyRoundCost, uffdRoundCost, type CostModel, type RoundCost } from './costs';
import { copyLaneA } from './pageStore';
import { UffdWpRegion, type UffdRegionState } from './region';
import { madviseDontneed } from './regionMadvise';
import { reprotectRange, scanWritten } from './regionScan';
import { SoftDirtyTracker, type SoftDirtyState } from './softDirty';

export interface ComparisonOptions {
  pages: number;
  backing?: Exclude<Backing, 'hugetlb'>;
  thp?: boolean;
  arch?: Arch;
  /** uffd-wp flavour; sync rounds scan and then UFFDIO_WRITEPROTECT the whole range. */
  uffdMode?: TrackMode;
  costs?: CostModel;
}

export interface TrackerRound {
  pagesReported: number;
  /** Reported but not written this round. */
  falsePositives: number;
  /** Written this round but not reported. */
  falseNegatives: number;
  /** Write faults caused by tracking (async/sync uffd-wp faults, soft-dirty faults). */
  faults: number;
  /** Runs of reported pages (page_regions a scan returns). */
  regions: number;
  cost: RoundCost;
  /** Page-table memory the tracker forces (uffd-wp markers). */
  pageTableBytes: number;
}

export interface RoundReport {
  round: number;
  writes: number;
  /** Distinct pages written this round. */
  pagesWritten: number;
  uffd: TrackerRound | null;
  softDirty: TrackerRound | null;
}

/** Plain data for engine snapshots: structuredClone it, TrackerComparison.load to resume. */
export interface ComparisonState {
  pages: number;
  mode: TrackMode;
  costs: CostModel;
  uffd: UffdRegionState | null;
  softDirty: SoftDirtyState | null;
  truth: Uint32Array;
  round: number;
  writes: number;
  uffdFaultsAtStart: number;
  softFaultsAtStart: number;
  armPages: number;
  softCleared: number;
}

export class TrackerComparison {
  readonly pages: number;
  /** null where the architecture lacks the tracker (arm64: no soft-dirty; ppc64, s390: no uffd-wp). */
  readonly uffd: UffdWpRegion | null;
  readonly softDirty: SoftDirtyTracker | null;
  private readonly truth: Uint32Array;
  private readonly scratch: Uint32Array;
  private readonly costs: CostModel;
  private readonly mode: TrackMode;
  private round = 1;
  private writes = 0;
  private uffdFaultsAtStart = 0;
  private softFaultsAtStart = 0;
  private armPages: number;
  private softCleared: number;

  constructor(opts: ComparisonOptions) {
    this.pages = opts.pages;
    this.costs = opts.costs ?? REFERENCE_COSTS;
    this.mode = opts.uffdMode ?? 'async';
    const info = ARCHES[opts.arch ?? 'x86_64'];
    this.truth = new Uint32Array(Math.ceil(opts.pages / 32));
    this.scratch = new Uint32Array(this.truth.length);
    this.uffd =
      info.uffdWp === 'yes'
        ? UffdWpRegion.create({ pages: opts.pages, backing: opts.backing ?? 'anon', thp: opts.thp ?? false, mode: this.mode })
        : null;
    this.uffd?.arm();
    this.armPages = this.uffd?.counts.protectedPages ?? 0;
    this.softDirty = info.softDirty === 'yes' ? SoftDirtyTracker.create({ pages: opts.pages, thp: opts.thp ?? false }) : null;
    this.softDirty?.clearRefs(); // tracking starts now: the new VMA's flag is cleared too
    this.softCleared = this.softDirty?.counts.entriesCleared ?? 0;
  }

  save(): ComparisonState {
    return {
      pages: this.pages,
      mode: this.mode,
      costs: this.costs,
      uffd: this.uffd?.snapshot() ?? null,
      softDirty: this.softDirty?.snapshot() ?? null,
      truth: this.truth,
      round: this.round,
      writes: this.writes,
      uffdFaultsAtStart: this.uffdFaultsAtStart,
      softFaultsAtStart: this.softFaultsAtStart,
      armPages: this.armPages,
      softCleared: this.softCleared,
    };
  }

  static load(s: ComparisonState): TrackerComparison {
    const c = Object.create(TrackerComparison.prototype) as TrackerComparison;
    Object.assign(c, {
      pages: s.pages,
      mode: s.mode,
      costs: s.costs,
      uffd: s.uffd ? UffdWpRegion.fromState(s.uffd) : null,
      softDirty: s.softDirty ? SoftDirtyTracker.fromState(s.softDirty) : null,
      truth: s.truth,
      scratch: new Uint32Array(s.truth.length),
      round: s.round,
      writes: s.writes,
      uffdFaultsAtStart: s.uffdFaultsAtStart,
      softFaultsAtStart: s.softFaultsAtStart,
      armPages: s.armPages,
      softCleared: s.softCleared,
    });
    return c;
  }

  /** Pages written since the round began (the truth the trackers are judged against). */
  get written(): Uint32Array {
    return this.truth;
  }

  write(p: number): void {
    this.writes++;
    this.truth[p >>> 5] |= 1 << (p & 31);
    this.uffd?.write(p);
    this.softDirty?.write(p);
  }

  read(p: number): void {
    this.uffd?.read(p);
    this.softDirty?.read(p);
  }

  /** MADV_DONTNEED: uffd-wp reports anonymous zapped pages as written; soft-dirty loses their bits. */
  zap(from: number, to: number): void {
    if (this.uffd) madviseDontneed(this.uffd, from, to);
    this.softDirty?.zap(from, to);
  }

  /** munmap + mmap in place, merging with the neighbours: soft-dirty flags the whole merged VMA. */
  remapNew(from: number, to: number, merge = true): void {
    // uffd-wp registration does not survive munmap; a tracker re-registers and the fresh pages
    // (content gone) read as written once, like a zap.
    if (this.uffd) madviseDontneed(this.uffd, from, to);
    this.softDirty?.remapNew(from, to, merge);
  }

  /** mremap moving [from, to): soft-dirty marks the moved PTEs; uffd-wp bits move with them. */
  mremap(from: number, to: number): void {
    this.softDirty?.mremap(from, to);
  }

  /** Collects each tracker's set, compares it with the truth and starts the next round. */
  endRound(): RoundReport {
    const pagesWritten = countBits(this.truth);
    const report: RoundReport = { round: this.round, writes: this.writes, pagesWritten, uffd: null, softDirty: null };
    if (this.uffd) report.uffd = this.endUffdRound(this.uffd);
    if (this.softDirty) report.softDirty = this.endSoftRound(this.softDirty);
    this.truth.fill(0);
    this.writes = 0;
    this.round++;
    return report;
  }

  private endUffdRound(r: UffdWpRegion): TrackerRound {
    const reported = copyLaneA(r.state.store, this.scratch);
    const { fp, fn, regions } = compare(this.scratch, this.truth);
    const faults = r.counts.wpFaults - this.uffdFaultsAtStart;
    const before = r.counts.protectedPages;
    if (this.mode === 'async') reprotectRange(r, 0, r.pages);
    else {
      scanWritten(r); // a plain scan works in sync mode; re-protection is UFFDIO_WRITEPROTECT
      r.clear();
    }
    const cost = uffdRoundCost(
      { mode: this.mode, wpFaults: faults, pagesScanned: r.pages, reported, regions, pagesProtected: this.armPages + r.counts.protectedPages - before },
      this.costs,
    );
    this.armPages = 0;
    this.uffdFaultsAtStart = r.counts.wpFaults;
    return { pagesReported: reported, falsePositives: fp, falseNegatives: fn, faults, regions, cost, pageTableBytes: r.counts.pageTables * PTE_TABLE_BYTES };
  }

  private endSoftRound(s: SoftDirtyTracker): TrackerRound {
    this.scratch.fill(0);
    let reported = 0;
    s.forEachDirtyRun(0, s.pages, (a, b) => {
      reported += b - a;
      setBitRange(this.scratch, a, b);
    });
    const { fp, fn, regions } = compare(this.scratch, this.truth);
    const faults = s.counts.wpFaults - this.softFaultsAtStart;
    s.clearRefs();
    const cleared = s.counts.entriesCleared - this.softCleared;
    this.softCleared = s.counts.entriesCleared;
    this.softFaultsAtStart = s.counts.wpFaults;
    const cost = softDirtyRoundCost({ wpFaults: faults, pagesScanned: s.pages, reported, regions, entriesCleared: cleared }, this.costs);
    return { pagesReported: reported, falsePositives: fp, falseNegatives: fn, faults, regions, cost, pageTableBytes: 0 };
  }
}

function setBitRange(words: Uint32Array, from: number, to: number): void {
  for (let p = from; p < to; ) {
    const wi = p >>> 5;
    const hi = Math.min(32, to - (wi << 5));
    words[wi] |= rangeMask(p & 31, hi);
    p = (wi << 5) + hi;
  }
}

function countBits(words: Uint32Array): number {
  let n = 0;
  for (let i = 0; i < words.length; i++) n += popcount32(words[i]);
  return n;
}

/** False positives, false negatives and the number of runs in `reported`. */
function compare(reported: Uint32Array, truth: Uint32Array): { fp: number; fn: number; regions: number } {
  let fp = 0;
  let fn = 0;
  let regions = 0;
  let carry = 0; // bit 31 of the previous word: a run continuing across the word boundary
  for (let i = 0; i < reported.length; i++) {
    const r = reported[i] | 0;
    const t = truth[i] | 0;
    fp += popcount32(r & ~t);
    fn += popcount32(t & ~r);
    regions += popcount32(r & ~((r << 1) | carry));
    carry = r >>> 31;
  }
  return { fp, fn, regions };
}
