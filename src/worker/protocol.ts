// The typed protocol between the app and the engine worker. Everything here is structured-
// cloneable; bulk arrays are transferred, not copied.
import type { RunSummary, Snapshot } from '../sim/engine/engine';
import type { LogEntry } from '../sim/engine/types';
import type { LocatedError } from '../sim/errors';
import type { Scenario } from '../sim/scenario/schema';
import type { EditOp, Layout, MachineCommands } from '../sim/machine';
import type { EditError } from '../sim/machine/edits/result';
import type { OpResult } from '../sim/luo/errno';
import type { LuoFrame } from './luoFrame';
import type { RoundSummary } from '../sim/workload/model';

export type { RoundSummary };
import type { ImportReply } from './importHost';

export type { ImportReply };

export type { LuoFrame, OpResult };

export type { EditError, EditOp, Layout, LogEntry, LocatedError, MachineCommands, Scenario, Snapshot };

/** The machine as the map view needs it: derived figures, the real commands, the map's axis. */
export interface MachineView {
  layout: Layout;
  commands: MachineCommands;
  /** Length of the map's axis: the address space with holes compressed out. */
  axisBytes: number;
  /** Address segments on that axis: [start, end) of the address space lands at `offset`. */
  segments: { start: number; end: number; offset: number }[];
}

/** What is under one point of the map's axis. */
export interface MapPoint {
  address: number;
  span: { start: number; end: number; cls: string; label: string; node: number; zone: string | null; ref: string } | null;
}

export type EditReply = { ok: true; text: string; load: LoadReply } | { ok: false; error: EditError };

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
  /** Which trackers run on this machine's architecture (null lanes: the arch lacks it). */
  trackers: { uffd: boolean; softDirty: boolean };
  tracking: { uffdMode: 'async' | 'sync'; thp: boolean; backing: 'anon' | 'memfd' };
  /** Completed tracking rounds, oldest first (the last 50). */
  rounds: RoundSummary[];
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
  /** The live-update system at this moment. */
  luo: LuoFrame;
}

export type LoadReply = { ok: true; scenario: Scenario; migratedFrom: string[]; frame: Frame; machine: MachineView } | { ok: false; errors: LocatedError[] };

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
  /**
   * Level-of-detail tiles, many in one call: "map:<node>" / "map:all" (classes of the memory map),
   * "dirty:<workload>:truth|uffd|soft" (written pages per pixel of the page heatmap).
   */
  tiles(reqs: { source: string; level: number; index: number }[]): Promise<Uint32Array[]>;
  /** What lies at an offset of the map's axis (for the hover inspector). */
  mapPoint(offset: number): Promise<MapPoint>;
  /** The machine view of another scenario's text (a preset to compare with), without loading it. */
  describeMachine(text: string, file: string): Promise<{ ok: true; name: string; machine: MachineView } | { ok: false; errors: LocatedError[] }>;
  /** Applies a what-if edit to the machine; refused edits name their rule. */
  editMachine(op: EditOp): Promise<EditReply>;
  /** Performs a live-update operation now; it is recorded in the scenario's script (so links and undo keep it). */
  luoOp(line: string, logFrom: number): Promise<EditReply>;
  /** What a live-update operation would do now, without doing it. */
  luoPreview(line: string): Promise<{ result: OpResult; nextState: string }>;
  /** Which session's events `frame.luo.allowed` lists (mainline), or none. */
  setLuoFocus(session: string | null, logFrom: number): Promise<Frame>;
  /** Parses real tool outputs into a scenario (text), reporting progress from 0 to 1. */
  importFiles(files: { name: string; text: string }[], onProgress?: (fraction: number) => void): Promise<ImportReply>;
  /** Loads `scenario` and restores `snap` into it (a restarted worker). */
  resume(text: string, file: string, snap: Snapshot): Promise<LoadReply>;
}
