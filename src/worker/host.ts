// Hosts one engine for the app: loading, playback, time travel and crash checkpoints. A plain
// class, so it is tested in Node; engine.worker.ts only exposes it.
import type { Engine, Snapshot } from '../sim/engine/engine';
import { buildEngine } from '../sim/scenario/build';
import { parseScenarioText } from '../sim/scenario/load';
import type { Scenario } from '../sim/scenario/schema';
import { writtenBits, type WorkloadsState } from '../sim/workload/model';
import type { LuoModelState } from '../sim/luo/engineModel';
import { luoFrame, luoPreview } from './luoFrame';
import { DIRTY_TILE_PX, dirtyTile } from './dirtyTiles';
import { importToScenario } from './importHost';
import { MachineHost } from './machineHost';
import type { EditOp, EditReply, EngineApi, Frame, LoadReply, MapPoint, WorkloadSummary } from './protocol';

export const HEAT_BUCKETS = 4096;
/** Virtual time between time-travel snapshots, at the least. */
export const SNAPSHOT_EVERY_NS = 50_000_000;
/** Memory the time-travel snapshots of one scenario may take; large states snapshot less often. */
export const SNAPSHOT_BUDGET_BYTES = 96 * 2 ** 20;

export class EngineHost implements EngineApi {
  private engine: Engine | null = null;
  private scenario: Scenario | null = null;
  /** Snapshots at increasing times, for seek: restore the last one before t, replay the rest. */
  private snapshots: Snapshot[] = [];
  private snapshotEvery = SNAPSHOT_EVERY_NS;
  private rebuildOnly = false;
  private machine: MachineHost | null = null;
  private luoFocus: string | undefined;
  /** luoFrame previews clone the system: compute it only when the system changed. */
  private luoCache: { key: string; frame: ReturnType<typeof luoFrame> } | null = null;

  async ping(): Promise<'pong'> {
    return 'pong';
  }

  async loadText(text: string, file: string): Promise<LoadReply> {
    const r = parseScenarioText(text, file);
    if (!r.ok) return r;
    this.scenario = r.scenario;
    this.engine = buildEngine(r.scenario);
    // Time travel restores the last snapshot before the moment and replays from there. A state
    // too large to copy often (a terabyte of tracked pages) is not copied at all: going back
    // rebuilds the engine from the scenario and replays from time 0.
    const bytes = approxBytes(this.engine.savedStates());
    this.rebuildOnly = bytes * 2 > SNAPSHOT_BUDGET_BYTES;
    this.snapshots = this.rebuildOnly ? [] : [this.engine.snapshot()];
    this.snapshotEvery = Math.max(SNAPSHOT_EVERY_NS, Math.ceil((r.scenario.duration * bytes) / SNAPSHOT_BUDGET_BYTES / 1e6) * 1e6);
    this.machine = new MachineHost(r.scenario.machine);
    this.luoCache = null;
    return { ok: true, scenario: r.scenario, migratedFrom: r.migratedFrom, frame: this.frame(0), machine: this.machine.view };
  }

  async resume(text: string, file: string, snap: Snapshot): Promise<LoadReply> {
    const r = await this.loadText(text, file);
    if (!r.ok) return r;
    this.seekTo(snap.now);
    // The restored snapshot wins over a replay: it is exactly what the dead worker had.
    this.need().restore(snap);
    return { ...r, frame: this.frame(0) };
  }

  async runUntil(t: number, logFrom: number): Promise<Frame> {
    this.advance(t);
    return this.frame(logFrom);
  }

  async step(logFrom: number): Promise<Frame> {
    const e = this.need();
    const next = e.nextAt();
    if (next !== undefined) this.advance(next, 1);
    return this.frame(logFrom);
  }

  async seek(t: number, logFrom: number): Promise<Frame> {
    this.seekTo(t);
    return this.frame(Math.min(logFrom, this.need().log.length));
  }

  async tiles(reqs: { source: string; level: number; index: number }[]): Promise<Uint32Array[]> {
    const m = this.needMachine();
    const workloads = this.need().state<WorkloadsState>('workload');
    return reqs.map((r) => {
      const [kind, a, b] = r.source.split(':');
      if (kind === 'map') return m.tile(a === 'all' ? null : Number(a), r.level, r.index);
      const w = kind === 'dirty' ? workloads[a] : undefined;
      if (w && (b === 'truth' || b === 'uffd' || b === 'soft')) return dirtyTile(w, b, r.level, r.index);
      return new Uint32Array(DIRTY_TILE_PX);
    });
  }

  async mapPoint(offset: number): Promise<MapPoint> {
    return this.needMachine().point(offset);
  }

  async describeMachine(text: string, file: string) {
    const r = parseScenarioText(text, file);
    if (!r.ok) return r;
    return { ok: true as const, name: r.scenario.name, machine: new MachineHost(r.scenario.machine).view };
  }

  async editMachine(op: EditOp): Promise<EditReply> {
    const edited = this.needMachine().edit(op);
    if (!edited.ok) return edited;
    const t = this.need().now;
    const text = JSON.stringify({ ...this.scenario!, machine: edited.machine }, null, 2);
    const load = await this.loadText(text, 'edited.json');
    if (!load.ok) return { ok: false, error: { rule: 'schema', message: load.errors.map((e) => `${e.path}: ${e.message}`).join('; '), path: '$' } };
    this.seekTo(t);
    return { ok: true, text, load: { ...load, frame: this.frame(0) } };
  }

  async luoOp(line: string, logFrom: number): Promise<EditReply> {
    const e = this.need();
    const s = this.scenario!;
    const t = e.now;
    const check = luoPreview(e.state<LuoModelState>('luo'), line);
    if (!check.result.ok && check.result.source === 'simulator' && /not an operation|expected|unknown/.test(check.result.rule))
      return { ok: false, error: { rule: 'luo-script', message: check.result.rule, path: '$.script' } };
    // Recorded in the script at the current time, after anything already there, then replayed:
    // snapshots taken before it do not have it in their queues.
    const text = JSON.stringify({ ...s, script: [...s.script, { at: t, action: 'luo.op', args: { op: line } }] }, null, 2);
    const load = await this.loadText(text, 'edited.json');
    if (!load.ok) return { ok: false, error: { rule: 'luo-script', message: load.errors.map((x) => x.message).join('; '), path: '$.script' } };
    this.seekTo(t);
    return { ok: true, text, load: { ...load, frame: this.frame(Math.min(logFrom, this.need().log.length)) } };
  }

  async luoPreview(line: string) {
    return luoPreview(this.need().state<LuoModelState>('luo'), line);
  }

  async setLuoFocus(session: string | null, logFrom: number): Promise<Frame> {
    this.luoFocus = session ?? undefined;
    return this.frame(logFrom);
  }

  async importFiles(files: { name: string; text: string }[], onProgress?: (fraction: number) => void) {
    return importToScenario(files, onProgress);
  }

  /** Memory held by time-travel snapshots (for the soak test's report). */
  snapshotBytes(): number {
    return this.snapshots.reduce((n, s) => n + approxBytes(s.states), 0);
  }

  async checkpoint(): Promise<Snapshot> {
    return this.need().snapshot({ withLog: true });
  }

  private seekTo(t: number): void {
    const e = this.need();
    if (t < e.now) {
      let i = this.snapshots.length - 1;
      while (i >= 0 && this.snapshots[i].now > t) i--;
      if (i >= 0) {
        e.restore(this.snapshots[i]);
        this.snapshots.length = i + 1;
      } else {
        this.engine = buildEngine(this.scenario!);
        this.snapshots = [];
        this.luoCache = null;
      }
    }
    this.advance(t);
  }

  /** Runs forward, leaving a snapshot every SNAPSHOT_EVERY_NS of virtual time on the way. */
  private advance(t: number, maxEvents = Number.POSITIVE_INFINITY): void {
    const e = this.need();
    let left = maxEvents;
    for (;;) {
      if (this.rebuildOnly) break;
      const last = this.snapshots[this.snapshots.length - 1]?.now ?? 0;
      const mark = last + this.snapshotEvery;
      if (mark > t || left <= 0) break;
      left -= e.runUntil(mark, left);
      if (e.now >= mark) this.snapshots.push(e.snapshot());
    }
    if (left > 0) e.runUntil(t, left);
  }

  private luoView(e: Engine) {
    const st = e.state<LuoModelState>('luo');
    const key = `${st.sys.logSeq}|${st.sys.kho.boot}|${this.luoFocus ?? ''}|${st.lastResult?.op ?? ''}`;
    if (this.luoCache?.key !== key) this.luoCache = { key, frame: luoFrame(st, this.luoFocus) };
    return this.luoCache.frame;
  }

  private needMachine(): MachineHost {
    if (!this.machine) throw new Error('no scenario loaded');
    return this.machine;
  }

  private need(): Engine {
    if (!this.engine) throw new Error('no scenario loaded');
    return this.engine;
  }

  private frame(logFrom: number): Frame {
    const e = this.need();
    const s = this.scenario!;
    const from = Math.max(0, Math.min(logFrom, e.log.length));
    return {
      ...e.summary(),
      durationNs: s.duration,
      logFrom: from,
      log: e.log.slice(from),
      logLength: e.log.length,
      nextEventAt: e.nextAt() ?? null,
      workloads: workloadSummaries(e.state<WorkloadsState>('workload'), s),
      luo: this.luoView(e),
    };
  }
}

function workloadSummaries(state: WorkloadsState, s: Scenario): WorkloadSummary[] {
  return s.workloads.map((w) => {
    const st = state[w.id];
    const buckets = Math.min(HEAT_BUCKETS, st.trackedPages);
    const heat = bucketCounts(writtenBits(st), st.trackedPages, buckets);
    return {
      id: w.id,
      label: w.label ?? w.id,
      kind: w.kind,
      pages: st.pages,
      running: st.running,
      ratePagesPerSec: st.rate,
      writes: st.writes,
      writtenSinceClear: st.writtenSinceClear,
      round: st.round,
      heat,
      pagesPerBucket: st.pages / buckets,
      sampled: !st.cmp && st.trackedPages < st.pages,
      trackers: { uffd: !!st.cmp?.uffd, softDirty: !!st.cmp?.softDirty },
      tracking: w.tracking,
      rounds: st.rounds.slice(-50),
    };
  });
}

/** Written pages per bucket: popcount whole words when buckets hold whole words, else bit by bit. */
export function bucketCounts(bits: Uint32Array, nbits: number, buckets: number): Uint32Array {
  const heat = new Uint32Array(buckets);
  const per = nbits / buckets;
  if (per % 32 === 0) {
    const wordsPer = per / 32;
    for (let w = 0; w < bits.length; w++) if (bits[w] !== 0) heat[Math.floor(w / wordsPer)] += popcount(bits[w]);
    return heat;
  }
  for (let w = 0; w < bits.length; w++) {
    let v = bits[w];
    while (v !== 0) {
      const low = v & -v;
      const bit = w * 32 + (31 - Math.clz32(low));
      heat[Math.min(buckets - 1, Math.floor(bit / per))]++;
      v ^= low;
    }
  }
  return heat;
}

function popcount(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/** Rough size of plain state: typed arrays by their bytes, other values by a small constant. */
export function approxBytes(v: unknown, depth = 0): number {
  if (ArrayBuffer.isView(v)) return v.byteLength;
  if (v === null || typeof v !== 'object' || depth > 12) return 8;
  let n = 0;
  for (const x of Object.values(v as Record<string, unknown>)) n += approxBytes(x, depth + 1);
  return n;
}
