// The deterministic discrete-event engine: a virtual clock in nanoseconds, a seeded PRNG, an
// ordered event queue, and models that react to events. Same models + seed => same event log.
import { HASH_SEED, hashHex, mixNumber, mixString, type HashState } from './hash';
import { Prng, type PrngState } from './prng';
import { EventQueue } from './queue';
import type { EventData, LogEntry, Model, ModelContext, SimEvent } from './types';

export interface EngineOptions {
  seed: number;
  /** Timeline entries kept in memory; older runs still count in `events` and the hash. */
  maxLogEntries?: number;
}

export interface Snapshot {
  now: number;
  seq: number;
  processed: number;
  hash: HashState;
  rng: PrngState;
  queue: SimEvent[];
  states: Record<string, unknown>;
  logLength: number;
  /** Present when taken with `withLog`, so that a fresh engine (a restarted worker) gets the timeline back. */
  log?: LogEntry[];
}

export interface RunSummary {
  timeNs: number;
  events: number;
  logHash: string;
}

export class Engine {
  now = 0;
  processed = 0;
  readonly log: LogEntry[] = [];
  private seq = 0;
  private hash: HashState = [...HASH_SEED];
  private rng: Prng;
  private queue = new EventQueue();
  private readonly models = new Map<string, Model>();
  private states: Record<string, unknown> = {};
  private readonly maxLog: number;
  private readonly ctx: ModelContext;

  constructor(opts: EngineOptions) {
    this.rng = new Prng(opts.seed);
    this.maxLog = opts.maxLogEntries ?? 200_000;
    const engine = this;
    this.ctx = {
      get now() {
        return engine.now;
      },
      get rng() {
        return engine.rng;
      },
      schedule: (delay, kind, data) => this.schedule(delay, kind, data),
      digest: (value) => mixNumber(this.hash, value),
      note: (kind, label, data) => {
        // Notes carry what the models decided (counts, tokens), so they go into the hash too.
        this.mix({ at: this.now, seq: 0, kind, data });
        mixString(this.hash, label);
        if (this.log.length < this.maxLog) this.log.push({ at: this.now, kind, label, data });
      },
    };
  }

  /** Adds a model and initialises its state. Models are added before the run starts. */
  addModel<S, C>(model: Model<S, C>, config: C): void {
    if (this.models.has(model.name)) throw new Error(`model "${model.name}" added twice`);
    this.models.set(model.name, model as Model);
    this.states[model.name] = model.init(config, this.ctx);
  }

  state<S>(name: string): S {
    return this.states[name] as S;
  }

  schedule(delayNs: number, kind: string, data?: EventData): void {
    if (!(delayNs >= 0) || !Number.isFinite(delayNs)) throw new Error(`cannot schedule "${kind}" ${delayNs} ns from now`);
    this.queue.push({ at: this.now + Math.round(delayNs), seq: this.seq++, kind, data });
  }

  /** Time of the next pending event, or undefined when the queue is empty. */
  nextAt(): number | undefined {
    return this.queue.peek()?.at;
  }

  /** Processes one event; returns false when nothing is pending. */
  step(): boolean {
    const ev = this.queue.pop();
    if (!ev) return false;
    this.now = ev.at;
    this.processed++;
    this.mix(ev);
    const dot = ev.kind.indexOf('.');
    const model = this.models.get(dot < 0 ? ev.kind : ev.kind.slice(0, dot));
    if (!model) throw new Error(`no model handles event "${ev.kind}"`);
    model.handle(ev, this.states[model.name], this.ctx);
    return true;
  }

  /** Runs every event due at or before `t`, then sets the clock to `t`. */
  runUntil(t: number, maxEvents = Number.POSITIVE_INFINITY): number {
    let n = 0;
    for (let next = this.nextAt(); next !== undefined && next <= t && n < maxEvents; next = this.nextAt()) {
      this.step();
      n++;
    }
    if (n < maxEvents && t > this.now) this.now = t;
    return n;
  }

  summary(): RunSummary {
    return { timeNs: this.now, events: this.processed, logHash: hashHex(this.hash) };
  }

  snapshot(opts: { withLog?: boolean } = {}): Snapshot {
    return structuredClone({
      log: opts.withLog ? this.log : undefined,
      now: this.now,
      seq: this.seq,
      processed: this.processed,
      hash: this.hash,
      rng: this.rng.state(),
      queue: this.queue.toArray(),
      states: this.savedStates(),
      logLength: this.log.length,
    });
  }

  /** The models' states as a snapshot would hold them, not copied (to measure them). */
  savedStates(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, m] of this.models) out[name] = m.save ? m.save(this.states[name]) : this.states[name];
    return out;
  }

  /** Returns the engine to a snapshot taken from an engine with the same models. */
  restore(snap: Snapshot): void {
    const s = structuredClone(snap);
    for (const name of Object.keys(s.states))
      if (!this.models.has(name)) throw new Error(`snapshot has state for unknown model "${name}"`);
    this.now = s.now;
    this.seq = s.seq;
    this.processed = s.processed;
    this.hash = s.hash;
    this.rng = Prng.fromState(s.rng);
    this.queue = EventQueue.from(s.queue);
    const states: Record<string, unknown> = {};
    for (const [name, m] of this.models) states[name] = m.load ? m.load(s.states[name]) : s.states[name];
    this.states = states;
    if (s.log) {
      this.log.length = 0;
      for (const e of s.log) this.log.push(e);
    }
    else if (this.log.length < s.logLength) throw new Error('snapshot needs its log to restore into this engine');
    else this.log.length = s.logLength;
  }

  private mix(ev: SimEvent): void {
    const h = this.hash;
    mixNumber(h, ev.at);
    mixString(h, ev.kind);
    if (ev.data)
      for (const k in ev.data) {
        const v = ev.data[k];
        mixString(h, k);
        if (typeof v === 'number') mixNumber(h, v);
        else mixString(h, String(v));
      }
  }
}
