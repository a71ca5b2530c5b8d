// Post-copy (QEMU postcopy-ram, CRIU lazy-pages): after optional pre-copy passes the source stops,
// the destination starts at once, and every missing page arrives either from the background
// stream (in order, at bandwidth B) or on demand when the workload touches it: a userfaultfd
// MISSING fault that stalls the vCPU for a page request round trip.
//
// The post-copy phase is an exact event simulation over counts, page slot by page slot: the link
// sends one page per P/B; a faulted page takes the next slot (preempt channel), otherwise the
// background page is a hot one with probability (missing hot) / (missing), which is exact when the
// missing hot pages lie at random along the stream's order. Accesses are a Poisson process of rate
// a over the hot set while the vCPU runs; one hits a missing page at rate a x (missing hot) / H.
import { Prng } from '../engine/prng';
import { hotPages } from './analytic';
import { PAGE_BYTES, POSTCOPY_PARAMS, QEMU_DEFAULTS, SWITCHOVER_PARAMS, type PostcopyParams, type SwitchoverParams } from './params';
import { memoryPages, PageLevelDirtying } from './precopy';
import { precopyConfig, runPrecopy } from './rounds';
import { lostWork, precopySegments, segment } from './segments';
import type { TrackerKind } from './tracker';
import type { PrecopyRound, Segment } from './types';

export interface PostcopyOptions {
  memoryBytes: number;
  bandwidthBps?: number;
  /** Page accesses per second over the hot set (the workload's write rate). */
  writesPerS: number;
  hotSetFraction?: number;
  seed?: number;
  /** Tracker of the pre-copy passes. */
  tracker?: TrackerKind;
  params?: Partial<PostcopyParams>;
  switchover?: Partial<SwitchoverParams>;
  /** Buckets of the post-copy phase series. */
  buckets?: number;
}

export interface PostcopyBucket {
  startS: number;
  durationS: number;
  faults: number;
  pagesArrived: number;
  stallS: number;
}

export interface PostcopyResult {
  /** The pre-copy passes before the switch (empty for pure post-copy). */
  precopyRounds: PrecopyRound[];
  switchoverStartS: number;
  downtimeS: number;
  /** Start and length of the post-copy phase (the destination runs, pages still arriving). */
  postcopyStartS: number;
  postcopyS: number;
  totalS: number;
  networkBytes: number;
  missingPagesAtSwitch: number;
  missingHotPagesAtSwitch: number;
  faults: number;
  stallS: number;
  /** Latency of one remote fault. */
  faultLatencyS: number;
  lostWorkS: number;
  buckets: PostcopyBucket[];
  segments: Segment[];
  notes: string[];
}

export function postcopy(o: PostcopyOptions): PostcopyResult {
  const params = { ...POSTCOPY_PARAMS, ...o.params };
  const sw = { ...SWITCHOVER_PARAMS, ...o.switchover };
  const B = o.bandwidthBps ?? QEMU_DEFAULTS.bandwidthBps;
  const pages = memoryPages(o.memoryBytes);
  const hot = hotPages(o.memoryBytes, o.hotSetFraction ?? 1);
  if (!(Number.isInteger(params.precopyRounds) && params.precopyRounds >= 0)) throw new RangeError(`precopyRounds must be a whole number, got ${params.precopyRounds}`);

  // Pre-copy passes: the round loop with no switchover rule, stopped after `precopyRounds` rounds;
  // what it would send in its stop-and-copy is what is missing at the destination.
  let precopyRounds: PrecopyRound[] = [];
  let segments: Segment[] = [];
  let missingHot = hot;
  let missingOther = pages - hot;
  let t = 0;
  let network = 0;
  if (params.precopyRounds > 0) {
    const source = new PageLevelDirtying(o.memoryBytes, { writesPerS: o.writesPerS, hotSetFraction: o.hotSetFraction, tracker: o.tracker, seed: o.seed });
    const c = precopyConfig({ memoryBytes: o.memoryBytes, bandwidthBps: B, threshold: false, maxRounds: params.precopyRounds });
    const r = runPrecopy(c, source, 'pages');
    precopyRounds = r.rounds.slice(0, -1);
    missingHot = source.lastReportedHot;
    missingOther = source.lastReportedOther;
    segments = precopySegments({ ...r, rounds: precopyRounds });
    for (const x of precopyRounds) {
      t += x.durationS;
      network += x.sentBytes;
    }
  }
  const switchoverStartS = t;
  const downtimeS = sw.fixedS + sw.deviceStateBytes / B;
  segments.push(segment(t, downtimeS, 'switchover', 0, sw.deviceStateBytes));
  t += downtimeS;
  network += sw.deviceStateBytes;

  const slotS = PAGE_BYTES / B;
  const faultLatencyS = params.requestRttS + slotS + params.faultHandlingS;
  const sim = simulatePostcopyPhase({ missingHot, missingOther, hot, accessRate: o.writesPerS, slotS, faultLatencyS, rng: new Prng(((o.seed ?? 1) ^ 0x5eed) >>> 0), buckets: o.buckets ?? 100 });
  const postcopyStartS = t;
  for (const b of sim.buckets) {
    b.startS += postcopyStartS;
    segments.push(segment(b.startS, b.durationS, 'postcopy', b.durationS > 0 ? 1 - b.stallS / b.durationS : 1, b.pagesArrived * PAGE_BYTES));
  }
  const missing = missingHot + missingOther;
  network += missing * PAGE_BYTES;
  return {
    precopyRounds,
    switchoverStartS,
    downtimeS,
    postcopyStartS,
    postcopyS: sim.durationS,
    totalS: postcopyStartS + sim.durationS,
    networkBytes: network,
    missingPagesAtSwitch: missing,
    missingHotPagesAtSwitch: missingHot,
    faults: sim.faults,
    stallS: sim.stallS,
    faultLatencyS,
    lostWorkS: lostWork(segments),
    buckets: sim.buckets,
    segments,
    notes: [NOTE_POSTCOPY],
  };
}

interface PhaseInput {
  missingHot: number;
  missingOther: number;
  hot: number;
  accessRate: number;
  slotS: number;
  faultLatencyS: number;
  rng: Prng;
  buckets: number;
}

/** The post-copy phase from the moment the destination runs; times relative to it. */
export function simulatePostcopyPhase(x: PhaseInput): { durationS: number; faults: number; stallS: number; buckets: PostcopyBucket[] } {
  const { hot, slotS, faultLatencyS, rng } = x;
  let mh = x.missingHot;
  let mo = x.missingOther;
  const linkS = (mh + mo) * slotS; // every missing page takes exactly one slot
  const nb = Math.max(1, Math.floor(x.buckets));
  const bucketS = linkS > 0 ? linkS / nb : 0;
  const buckets: PostcopyBucket[] = Array.from({ length: linkS > 0 ? nb : 0 }, (_, i) => ({ startS: i * bucketS, durationS: bucketS, faults: 0, pagesArrived: 0, stallS: 0 }));
  const at = (time: number) => Math.min(buckets.length - 1, Math.floor(time / bucketS));
  const perMissing = x.accessRate / hot; // fault hazard per missing hot page while the vCPU runs
  let t = 0;
  let stallUntil = 0;
  let pending = 0;
  let faults = 0;
  let stallS = 0;
  let need = -Math.log(1 - rng.next()); // cumulative hazard until the next fault
  while (mh + mo + pending > 0) {
    const end = t + slotS;
    // Faults while the vCPU runs inside this slot.
    let from = Math.max(t, stallUntil);
    while (mh > 0 && perMissing > 0 && from < end) {
      const rate = perMissing * mh;
      const dt = need / rate;
      if (from + dt > end) {
        need -= rate * (end - from);
        break;
      }
      const tf = from + dt;
      mh--;
      pending++;
      faults++;
      stallUntil = tf + faultLatencyS;
      stallS += faultLatencyS;
      addStall(buckets, bucketS, tf, stallUntil);
      buckets[at(tf)].faults++;
      need = -Math.log(1 - rng.next());
      from = stallUntil;
    }
    // The slot carries a requested page first, else the next background page.
    if (pending > 0) pending--;
    else if (mo === 0 || (mh > 0 && rng.next() * (mh + mo) < mh)) mh--;
    else mo--;
    buckets[at(t)].pagesArrived++;
    t = end;
    if (mh === 0 && pending === 0 && mo > 0) {
      // No hot page left to miss: the rest of the stream is plain transfer.
      for (let left = mo; left > 0; ) {
        const b = at(t);
        const n = Math.min(left, Math.max(1, Math.round((buckets[b].startS + bucketS - t) / slotS)));
        buckets[b].pagesArrived += n;
        left -= n;
        t += n * slotS;
      }
      mo = 0;
    }
  }
  return { durationS: Math.max(t, stallUntil), faults, stallS, buckets };
}

function addStall(buckets: PostcopyBucket[], bucketS: number, a: number, b: number): void {
  for (let i = Math.floor(a / bucketS); i < buckets.length && i * bucketS < b; i++) {
    const lo = Math.max(a, i * bucketS);
    const hi = Math.min(b, (i + 1) * bucketS);
    if (hi > lo) buckets[i].stallS += hi - lo;
  }
  // A stall past the last slot (the final fault) is charged to the last bucket.
  const end = buckets.length * bucketS;
  if (b > end && buckets.length) buckets[buckets.length - 1].stallS += b - Math.max(a, end);
}

export const NOTE_POSTCOPY =
  'Post-copy: pages missing at the switch are those the last pre-copy pass found dirty (all of memory without one). The vCPU is one thread that stalls for each fault (request round trip + one page + uffd handling; illustrative RTT, handling proxied by the measured sync uffd-wp round trip); KVM async page faults that let other guest tasks run are not modelled. Accesses are the workload\'s page writes (reads of missing pages would fault too). Requested pages go ahead of the background stream (postcopy-preempt) with no queueing delay; missing hot pages are assumed spread at random along the stream.';
