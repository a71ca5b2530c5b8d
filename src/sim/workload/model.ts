// Workloads that write memory: each tick (1 ms of virtual time) a running workload writes
// rate × tick pages, chosen by its access pattern. Up to 64 GiB a workload, every write goes
// through both dirty trackers side by side (uffd-wp and soft-dirty, where the arch has them);
// `workload.clear` ends a tracking round and records what each tracker reported.
import { TrackerComparison, type ComparisonState, type RoundReport } from '../dirty/comparison';
import type { Model, ModelContext, SimEvent } from '../engine/types';
import type { Workload } from '../scenario/schema';
import { pickPage } from './patterns';

export const TICK_NS = 1_000_000;
/** Workloads up to this many pages are tracked page by page by both trackers (1 TiB). */
export const MAX_TRACKER_PAGES = 2 ** 28;
/** Larger workloads are sampled onto a bitmap of this many bits (the UI says so). */
export const MAX_TRACKED_PAGES = 2 ** 26;
/** Rounds kept in the state (the view shows the last few; the timeline keeps every one). */
export const MAX_ROUNDS_KEPT = 100;

export interface RoundSummary extends RoundReport {
  /** Virtual time the round ended. */
  at: number;
}

export interface WorkloadState {
  id: string;
  kind: Workload['kind'];
  pages: number;
  trackedPages: number;
  rate: number;
  hotFraction: number;
  hotWriteFraction: number;
  running: boolean;
  /** Fractional writes carried to the next tick so that low rates still write. */
  carry: number;
  cursor: number;
  writes: number;
  writtenSinceClear: number;
  round: number;
  /** Sampled written bitmap, for workloads too large for the trackers; empty otherwise. */
  written: Uint32Array;
  cmp: TrackerComparison | null;
  rounds: RoundSummary[];
}

export type WorkloadsState = Record<string, WorkloadState>;
export interface WorkloadConfig {
  workloads: Workload[];
  arch: 'x86_64' | 'arm64';
}

type Saved = Record<string, Omit<WorkloadState, 'cmp'> & { cmp: ComparisonState | null }>;

export const workloadModel: Model<WorkloadsState, WorkloadConfig> = {
  name: 'workload',
  init({ workloads, arch }, ctx) {
    const state: WorkloadsState = {};
    for (const w of workloads) {
      const pages = w.sizeBytes / 4096;
      const tracked = pages <= MAX_TRACKER_PAGES;
      const trackedPages = Math.min(pages, MAX_TRACKED_PAGES);
      state[w.id] = {
        id: w.id,
        kind: w.kind,
        pages,
        trackedPages,
        rate: w.writeRatePagesPerSec,
        hotFraction: w.hotFraction,
        hotWriteFraction: w.hotWriteFraction,
        running: w.running,
        carry: 0,
        cursor: 0,
        writes: 0,
        writtenSinceClear: 0,
        round: 0,
        written: tracked ? new Uint32Array(0) : new Uint32Array(Math.ceil(trackedPages / 32)),
        cmp: tracked ? new TrackerComparison({ pages, arch, thp: w.tracking.thp, backing: w.tracking.backing, uffdMode: w.tracking.uffdMode }) : null,
        rounds: [],
      };
    }
    if (workloads.length) ctx.schedule(TICK_NS, 'workload.tick');
    return state;
  },
  save(state) {
    const out: Saved = {};
    for (const id in state) out[id] = { ...state[id], cmp: state[id].cmp?.save() ?? null };
    return out;
  },
  load(saved) {
    const s = saved as Saved;
    const out: WorkloadsState = {};
    for (const id in s) out[id] = { ...s[id], cmp: s[id].cmp ? TrackerComparison.load(s[id].cmp!) : null };
    return out;
  },
  handle(ev, state, ctx) {
    switch (ev.kind) {
      case 'workload.tick':
        for (const id in state) if (state[id].running) tick(state[id], ctx);
        ctx.schedule(TICK_NS, 'workload.tick');
        return;
      case 'workload.start':
      case 'workload.stop':
        byId(state, ev).running = ev.kind === 'workload.start';
        ctx.note(ev.kind, `${ev.data?.id} ${ev.kind === 'workload.start' ? 'starts' : 'stops'} writing`, ev.data);
        return;
      case 'workload.rate':
        byId(state, ev).rate = Number(ev.data?.pagesPerSec);
        ctx.note(ev.kind, `${ev.data?.id} writes ${ev.data?.pagesPerSec} pages/s`, ev.data);
        return;
      case 'workload.clear':
        for (const id in state) if (ev.data?.id === undefined || ev.data.id === id) clearRound(state[id], ctx);
        return;
      default:
        throw new Error(`workload model: unknown event ${ev.kind}`);
    }
  },
};

function byId(state: WorkloadsState, ev: SimEvent): WorkloadState {
  const w = state[String(ev.data?.id)];
  if (!w) throw new Error(`no workload ${String(ev.data?.id)}`);
  return w;
}

/** The bitmap of pages written this round (the trackers' truth, or the sampled bitmap). */
export function writtenBits(w: WorkloadState): Uint32Array {
  return w.cmp ? w.cmp.written : w.written;
}

function tick(w: WorkloadState, ctx: ModelContext): void {
  const exact = (w.rate * TICK_NS) / 1e9 + w.carry;
  const n = Math.floor(exact);
  w.carry = exact - n;
  const cmp = w.cmp;
  const bits = writtenBits(w);
  const scale = w.pages / w.trackedPages;
  for (let i = 0; i < n; i++) {
    const page = pickPage(w, ctx.rng);
    const bit = cmp || scale === 1 ? page : Math.floor(page / scale);
    if ((bits[bit >>> 5] & (1 << (bit & 31))) === 0) w.writtenSinceClear++;
    if (cmp) cmp.write(page);
    else bits[bit >>> 5] |= 1 << (bit & 31);
  }
  w.writes += n;
  ctx.digest(w.writtenSinceClear);
}

function clearRound(w: WorkloadState, ctx: ModelContext): void {
  let label = `${w.id}: round ${w.round} wrote ${w.writtenSinceClear} distinct pages`;
  const data: Record<string, number | string> = { id: w.id, round: w.round, written: w.writtenSinceClear };
  if (w.cmp) {
    const r = w.cmp.endRound();
    w.rounds.push({ ...r, at: ctx.now });
    // Keep the recent rounds only: the state is copied into every time-travel snapshot.
    if (w.rounds.length > MAX_ROUNDS_KEPT) w.rounds.splice(0, w.rounds.length - MAX_ROUNDS_KEPT);
    if (r.uffd) {
      label += `; uffd-wp reported ${r.uffd.pagesReported}`;
      data.uffdReported = r.uffd.pagesReported;
    }
    if (r.softDirty) {
      label += `, soft-dirty ${r.softDirty.pagesReported} (${r.softDirty.falsePositives} false positives)`;
      data.softDirtyReported = r.softDirty.pagesReported;
      data.softDirtyFalsePositives = r.softDirty.falsePositives;
    }
  } else w.written.fill(0);
  ctx.note('workload.clear', label, data);
  w.writtenSinceClear = 0;
  w.round++;
}
