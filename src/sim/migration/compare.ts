// Every way to move or keep a workload's memory, on the same workload and seed, side by side:
// pre-copy, post-copy, CXL approaches 1 and 2, live update (preserved memfd across kexec) and a
// copy-on-write snapshot on DAX kmem. Totals are comparable; per-round and per-time series chart.
import type { AutoConvergeParams } from './autoconverge';
import { cowSnapshot } from './cowSnapshot';
import { cxlMigrateThrough, cxlResident } from './cxl';
import { liveUpdateHandover, type LiveUpdateOptions } from './liveupdate';
import { QEMU_DEFAULTS, SWITCHOVER_PARAMS, type CowParams, type CxlParams, type PostcopyParams, type SwitchoverParams } from './params';
import { postcopy } from './postcopy';
import { pagePrecopy, type PageLevelResult } from './precopy';
import { precopySegments, sampleSegments, type TimeSample } from './segments';
import type { TrackerKind } from './tracker';
import type { ApproachTotals, PrecopyRound, Segment } from './types';

export type ApproachId = 'precopy' | 'postcopy' | 'cxl-1' | 'cxl-2' | 'live-update' | 'cow-snapshot';
export const APPROACHES: readonly ApproachId[] = ['precopy', 'postcopy', 'cxl-1', 'cxl-2', 'live-update', 'cow-snapshot'];

export const APPROACH_LABELS: Record<ApproachId, string> = {
  precopy: 'Iterative pre-copy',
  postcopy: 'Post-copy (userfaultfd)',
  'cxl-1': 'CXL 1: through shared CXL, DRAM to DRAM',
  'cxl-2': 'CXL 2: resident in shared CXL',
  'live-update': 'Live update (memfd across kexec)',
  'cow-snapshot': 'CoW snapshot on DAX kmem',
};

export interface MigrationWorkload {
  memoryBytes: number;
  /** Uniform random page writes per second over the hot set. */
  writesPerS: number;
  hotSetFraction?: number;
  seed?: number;
}

export interface CompareOptions {
  approaches?: readonly ApproachId[];
  bandwidthBps?: number;
  downtimeLimitS?: number;
  maxRounds?: number;
  autoConverge?: boolean | Partial<AutoConvergeParams>;
  tracker?: TrackerKind;
  /** Pause + device state of every approach that switches host (pre-copy's resume overhead too). */
  switchover?: Partial<SwitchoverParams>;
  postcopy?: Partial<PostcopyParams>;
  cxl?: Partial<CxlParams>;
  liveUpdate?: Omit<LiveUpdateOptions, 'memoryBytes'>;
  /** The snapshot window defaults to the comparison horizon. */
  cow?: Partial<CowParams>;
  /** Points of each sampled per-time series. */
  samples?: number;
}

export interface ApproachResult {
  id: ApproachId;
  label: string;
  totals: ApproachTotals & {
    /** Progress lost up to the comparison horizon (after the handover at the steady slowdown). */
    lostWorkOverHorizonS: number;
  };
  /** Per-round series (pre-copy rounds; post-copy's pre-copy passes); empty otherwise. */
  rounds: PrecopyRound[];
  segments: Segment[];
  /** The segments sampled on the common grid [0, horizonS]. */
  series: TimeSample[];
  notes: string[];
}

export interface Comparison {
  workload: Required<MigrationWorkload>;
  /** Longest handover of the approaches that move memory; the snapshot window and the series span it. */
  horizonS: number;
  approaches: ApproachResult[];
  /** The pre-copy run with its closed forms (when pre-copy was compared). */
  precopy: PageLevelResult | null;
}

type Draft = Pick<ApproachResult, 'id' | 'rounds' | 'segments' | 'notes'> & { totals: ApproachTotals };

export function compareApproaches(workload: MigrationWorkload, options: CompareOptions = {}): Comparison {
  const w: Required<MigrationWorkload> = { hotSetFraction: 1, seed: 1, ...workload };
  const ids = options.approaches ?? APPROACHES;
  const sw = { ...SWITCHOVER_PARAMS, ...options.switchover };
  const common = { memoryBytes: w.memoryBytes, bandwidthBps: options.bandwidthBps, writesPerS: w.writesPerS, hotSetFraction: w.hotSetFraction, seed: w.seed, tracker: options.tracker };
  const drafts: Draft[] = [];
  let precopy: PageLevelResult | null = null;

  for (const id of ids) {
    if (id === 'precopy') {
      const r = pagePrecopy({
        ...common,
        downtimeLimitS: options.downtimeLimitS,
        maxRounds: options.maxRounds,
        autoConverge: options.autoConverge,
        resumeS: sw.fixedS + sw.deviceStateBytes / (options.bandwidthBps ?? QEMU_DEFAULTS.bandwidthBps),
      });
      precopy = r;
      const segs = precopySegments(r);
      drafts.push({ id, rounds: r.rounds, segments: segs, notes: r.notes, totals: totals(r.totalS, r.downtimeS, r.sentBytesTotal + sw.deviceStateBytes, r.lostWorkS, 0, r.converged) });
    } else if (id === 'postcopy') {
      const r = postcopy({ ...common, params: options.postcopy, switchover: sw });
      drafts.push({ id, rounds: r.precopyRounds, segments: r.segments, notes: r.notes, totals: totals(r.totalS, r.downtimeS, r.networkBytes, r.lostWorkS, 0, true) });
    } else if (id === 'cxl-1' || id === 'cxl-2') {
      const o = { memoryBytes: w.memoryBytes, bandwidthBps: options.bandwidthBps, params: options.cxl, switchover: sw };
      const r = id === 'cxl-1' ? cxlMigrateThrough(o) : cxlResident(o);
      drafts.push({ id, rounds: [], segments: r.segments, notes: r.notes, totals: totals(r.totalS, r.downtimeS, r.networkBytes, r.lostWorkS, r.steadySlowdown, true) });
    } else if (id === 'live-update') {
      const r = liveUpdateHandover({ ...options.liveUpdate, memoryBytes: w.memoryBytes });
      drafts.push({ id, rounds: [], segments: r.segments, notes: r.notes, totals: totals(r.totalS, r.downtimeS, 0, r.lostWorkS, 0, true) });
    }
  }
  const horizonS = Math.max(0, ...drafts.map((d) => d.totals.totalS));
  if (ids.includes('cow-snapshot')) {
    const r = cowSnapshot({ ...common, params: { ...(horizonS > 0 ? { windowS: horizonS } : {}), ...options.cow } });
    const total = r.snapshotS + r.windowS;
    drafts.push({ id: 'cow-snapshot', rounds: [], segments: r.segments, notes: r.notes, totals: totals(total, r.snapshotS, 0, r.lostWorkS, 0, true) });
  }
  const span = Math.max(horizonS, ...drafts.map((d) => d.totals.totalS));
  const n = options.samples ?? 200;
  const order = new Map(ids.map((id, i) => [id, i]));
  drafts.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return {
    workload: w,
    horizonS: span,
    precopy,
    approaches: drafts.map((d) => ({
      ...d,
      label: APPROACH_LABELS[d.id],
      totals: { ...d.totals, lostWorkOverHorizonS: d.totals.lostWorkS + Math.max(0, span - d.totals.totalS) * d.totals.steadySlowdown },
      series: sampleSegments(d.segments, span, n, 1 - d.totals.steadySlowdown),
    })),
  };
}

function totals(totalS: number, downtimeS: number, networkBytes: number, lostWorkS: number, steadySlowdown: number, converged: boolean): ApproachTotals {
  return { totalS, downtimeS, networkBytes, lostWorkS, slowdown: totalS > 0 ? lostWorkS / totalS : 0, steadySlowdown, converged };
}
