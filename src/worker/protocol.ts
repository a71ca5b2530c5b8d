// The typed protocol between the app and the engine worker. Everything here is structured-
// cloneable; bulk arrays are transferred, not copied.
import type { RunSummary, Snapshot } from '../sim/engine/engine';
import type { LogEntry } from '../sim/engine/types';
import type { LocatedError } from '../sim/errors';
import type { Scenario } from '../sim/scenario/schema';

export type { LogEntry, LocatedError, Scenario, Snapshot };

export interface WorkloadSummary {
  id: string;
  label: string;
  kind: string;
  pages: number;
  running: boolean;
  ratePagesPerSec: number;
  writes: number;
  writtenSinceClear: number;
  round: number;
  /** Written pages per bucket of `pagesPerBucket` pages (the heatmap); transferred. */
  heat: Uint32Array;
  pagesPerBucket: number;
  /** Set when the workload is larger than the bitmap the model keeps (the UI says so). */
  sampled: boolean;
}

/** What every view needs at one moment of virtual time. */
export interface Frame extends RunSummary {
  durationNs: number;
  /** Timeline entries from index `logFrom` on (the client keeps the earlier ones). */
  logFrom: number;
  log: LogEntry[];
  logLength: number;
  workloads: WorkloadSummary[];
  nextEventAt: number | null;
}

export type LoadReply = { ok: true; scenario: Scenario; migratedFrom: string[]; frame: Frame } | { ok: false; errors: LocatedError[] };

export interface EngineApi {
  ping(): Promise<'pong'>;
  /** Validates and loads scenario JSON text (from a file, a link or autosave). */
  loadText(text: string, file: string): Promise<LoadReply>;
  /** Advances to virtual time `t` (ns). */
  runUntil(t: number, logFrom: number): Promise<Frame>;
  /** Processes exactly one event. */
  step(logFrom: number): Promise<Frame>;
  /** Time travel: restores the nearest snapshot at or before `t`, replays to `t`. */
  seek(t: number, logFrom: number): Promise<Frame>;
  /** A snapshot to restart from if this worker dies. */
  checkpoint(): Promise<Snapshot>;
  /** Loads `scenario` and restores `snap` into it (a restarted worker). */
  resume(text: string, file: string, snap: Snapshot): Promise<LoadReply>;
}
