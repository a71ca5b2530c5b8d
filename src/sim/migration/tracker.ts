// The dirty tracker a page-level pre-copy reads at each sync, over the src/sim/dirty models:
//   uffd-wp-async: UffdWpRegion, collected with PAGEMAP_SCAN + PM_SCAN_WP_MATCHING (scanclear);
//   soft-dirty:    SoftDirtyTracker, read from pagemap and cleared with clear_refs (CRIU pre-dump).
// A truth bitmap of the pages written since the last sync tells false positives apart.
import { popcount32, rangeMask } from '../dirty/bits';
import { softDirtyRoundCost, uffdRoundCost, type CostModel, REFERENCE_COSTS } from '../dirty/costs';
import { copyLaneA } from '../dirty/pageStore';
import { UffdWpRegion } from '../dirty/region';
import { reprotectRange } from '../dirty/regionScan';
import { SoftDirtyTracker } from '../dirty/softDirty';

export type TrackerKind = 'uffd-wp-async' | 'soft-dirty';
export const TRACKER_KINDS: readonly TrackerKind[] = ['uffd-wp-async', 'soft-dirty'];

export interface TrackerSync {
  /** Pages reported dirty: what the next round sends. */
  reported: number;
  /** Of those, pages below `hot` (post-copy needs the split). */
  reportedHot: number;
  falsePositives: number;
  /** Write faults tracking caused in the workload since the last sync. */
  faults: number;
  /** Time the workload lost to those faults. */
  faultNs: number;
  /** Tracker time at this sync: scan, re-arm, and (first sync) the initial arm. */
  trackingNs: number;
}

export interface RoundTracker {
  readonly kind: TrackerKind;
  write(p: number): void;
  /** Collects the set written since the last sync and starts the next round. */
  sync(hot: number): TrackerSync;
}

export function createTracker(kind: TrackerKind, pages: number, thp: boolean, costs: CostModel = REFERENCE_COSTS): RoundTracker {
  return kind === 'uffd-wp-async' ? new UffdTracker(pages, thp, costs) : new SoftDirtyRoundTracker(pages, thp, costs);
}

class UffdTracker implements RoundTracker {
  readonly kind = 'uffd-wp-async' as const;
  private readonly region: UffdWpRegion;
  private readonly truth: Uint32Array;
  private readonly scratch: Uint32Array;
  private faultsAtStart = 0;
  private armPages: number;

  constructor(
    private readonly pages: number,
    thp: boolean,
    private readonly costs: CostModel,
  ) {
    // Armed over unpopulated memory: every PTE gets a marker, so the reported sets are those of a
    // populated guest; first touches count as allocations, not as tracking faults.
    this.region = UffdWpRegion.create({ pages, backing: 'anon', thp, mode: 'async' });
    this.region.arm();
    this.armPages = this.region.counts.protectedPages;
    this.truth = new Uint32Array(Math.ceil(pages / 32));
    this.scratch = new Uint32Array(this.truth.length);
  }

  write(p: number): void {
    this.truth[p >>> 5] |= 1 << (p & 31);
    this.region.write(p);
  }

  sync(hot: number): TrackerSync {
    const r = this.region;
    const reported = copyLaneA(r.state.store, this.scratch);
    const d = diff(this.scratch, this.truth);
    const faults = r.counts.wpFaults - this.faultsAtStart;
    reprotectRange(r, 0, this.pages);
    const cost = uffdRoundCost({ mode: 'async', wpFaults: faults, pagesScanned: this.pages, reported, regions: d.regions, pagesProtected: this.armPages }, this.costs);
    this.armPages = 0;
    this.faultsAtStart = r.counts.wpFaults;
    this.truth.fill(0);
    return { reported, reportedHot: countBelow(this.scratch, hot), falsePositives: d.fp, faults, faultNs: cost.faultNs, trackingNs: cost.scanNs + cost.armNs };
  }
}

class SoftDirtyRoundTracker implements RoundTracker {
  readonly kind = 'soft-dirty' as const;
  private readonly sd: SoftDirtyTracker;
  private readonly truth: Uint32Array;
  private readonly scratch: Uint32Array;
  private faultsAtStart = 0;
  private clearedAtStart: number;

  constructor(
    private readonly pages: number,
    thp: boolean,
    private readonly costs: CostModel,
  ) {
    this.sd = SoftDirtyTracker.create({ pages, thp });
    this.sd.clearRefs(); // tracking starts now: the new VMA's VM_SOFTDIRTY is cleared too
    this.clearedAtStart = 0;
    this.truth = new Uint32Array(Math.ceil(pages / 32));
    this.scratch = new Uint32Array(this.truth.length);
  }

  write(p: number): void {
    this.truth[p >>> 5] |= 1 << (p & 31);
    this.sd.write(p);
  }

  sync(hot: number): TrackerSync {
    const s = this.sd;
    const scratch = this.scratch;
    scratch.fill(0);
    let reported = 0;
    s.forEachDirtyRun(0, this.pages, (a, b) => {
      reported += b - a;
      setBits(scratch, a, b);
    });
    const d = diff(scratch, this.truth);
    const faults = s.counts.wpFaults - this.faultsAtStart;
    s.clearRefs();
    const cleared = s.counts.entriesCleared - this.clearedAtStart;
    this.clearedAtStart = s.counts.entriesCleared;
    this.faultsAtStart = s.counts.wpFaults;
    const cost = softDirtyRoundCost({ wpFaults: faults, pagesScanned: this.pages, reported, regions: d.regions, entriesCleared: cleared }, this.costs);
    this.truth.fill(0);
    return { reported, reportedHot: countBelow(scratch, hot), falsePositives: d.fp, faults, faultNs: cost.faultNs, trackingNs: cost.scanNs + cost.armNs };
  }
}

function setBits(words: Uint32Array, from: number, to: number): void {
  for (let p = from; p < to; ) {
    const wi = p >>> 5;
    const hi = Math.min(32, to - (wi << 5));
    words[wi] |= rangeMask(p & 31, hi);
    p = (wi << 5) + hi;
  }
}

/** Bits set in pages [0, n). */
function countBelow(words: Uint32Array, n: number): number {
  let c = 0;
  const full = n >>> 5;
  for (let i = 0; i < full && i < words.length; i++) c += popcount32(words[i]);
  if ((n & 31) !== 0 && full < words.length) c += popcount32(words[full] & rangeMask(0, n & 31));
  return c;
}

/** Reported-but-not-written pages and the number of runs (page_regions) in `reported`. */
function diff(reported: Uint32Array, truth: Uint32Array): { fp: number; regions: number } {
  let fp = 0;
  let regions = 0;
  let carry = 0;
  for (let i = 0; i < reported.length; i++) {
    const r = reported[i] | 0;
    if (r === 0 && carry === 0) continue;
    fp += popcount32(r & ~truth[i]);
    regions += popcount32(r & ~((r << 1) | carry));
    carry = r >>> 31;
  }
  return { fp, regions };
}
