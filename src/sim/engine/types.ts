// Core types shared by the engine and the models that plug into it.
import type { Prng } from './prng';

/** Flat event payload: cheap to hash, clone and send to the worker's clients. */
export type EventData = Record<string, number | string | boolean>;

export interface SimEvent {
  /** Virtual time in nanoseconds. */
  at: number;
  /** Scheduling order; breaks ties between events at the same time. */
  seq: number;
  /** "<model>.<what>", e.g. "workload.tick" or "luo.op". */
  kind: string;
  data?: EventData;
}

/** What the timeline shows: the notable things models report while handling events. */
export interface LogEntry {
  at: number;
  kind: string;
  label: string;
  data?: EventData;
}

/** The engine as a model sees it while handling an event. */
export interface ModelContext {
  readonly now: number;
  readonly rng: Prng;
  /** Schedules an event `delayNs` from now (0 runs after the events already due now). */
  schedule(delayNs: number, kind: string, data?: EventData): void;
  /** Mixes an outcome into the log hash without a timeline entry (e.g. pages written this tick). */
  digest(value: number): void;
  /** Adds an entry to the timeline log. */
  note(kind: string, label: string, data?: EventData): void;
}

/**
 * A model owns one slice of state (plain data: numbers, strings, arrays, typed arrays) and
 * handles the events whose kind starts with its name. Plain data is what makes snapshots a
 * structuredClone and the worker protocol free of custom serialization.
 */
export interface Model<S = unknown, C = unknown> {
  name: string;
  init(config: C, ctx: ModelContext): S;
  handle(ev: SimEvent, state: S, ctx: ModelContext): void;
  /** For state held in class instances: plain data to snapshot, and back. Omit for plain state. */
  save?(state: S): unknown;
  load?(saved: unknown): S;
}
