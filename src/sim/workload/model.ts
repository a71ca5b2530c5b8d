// Workloads that write memory: each tick (1 ms of virtual time) a running workload writes
// rate × tick pages, chosen by its access pattern, and marks them written in a bitmap.
import type { Model, ModelContext, SimEvent } from '../engine/types';
import type { Workload } from '../scenario/schema';
import { pickPage } from './patterns';

export const TICK_NS = 1_000_000;
/** Pages tracked per workload; larger workloads are sampled onto this many bits (the UI says so). */
export const MAX_TRACKED_PAGES = 2 ** 26;

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
  written: Uint32Array;
}

export type WorkloadsState = Record<string, WorkloadState>;

export const workloadModel: Model<WorkloadsState, Workload[]> = {
  name: 'workload',
  init(workloads, ctx) {
    const state: WorkloadsState = {};
    for (const w of workloads) {
      const pages = w.sizeBytes / 4096;
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
        written: new Uint32Array(Math.ceil(trackedPages / 32)),
      };
    }
    if (workloads.length) ctx.schedule(TICK_NS, 'workload.tick');
    return state;
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

function tick(w: WorkloadState, ctx: ModelContext): void {
  const exact = (w.rate * TICK_NS) / 1e9 + w.carry;
  const n = Math.floor(exact);
  w.carry = exact - n;
  const scale = w.pages / w.trackedPages;
  for (let i = 0; i < n; i++) {
    const page = pickPage(w, ctx.rng);
    const bit = scale === 1 ? page : Math.floor(page / scale);
    const word = bit >>> 5;
    const mask = 1 << (bit & 31);
    if ((w.written[word] & mask) === 0) {
      w.written[word] |= mask;
      w.writtenSinceClear++;
    }
  }
  w.writes += n;
  ctx.digest(w.writtenSinceClear);
}

function clearRound(w: WorkloadState, ctx: ModelContext): void {
  ctx.note('workload.clear', `${w.id}: round ${w.round} wrote ${w.writtenSinceClear} distinct pages`, {
    id: w.id,
    round: w.round,
    written: w.writtenSinceClear,
  });
  w.written.fill(0);
  w.writtenSinceClear = 0;
  w.round++;
}
