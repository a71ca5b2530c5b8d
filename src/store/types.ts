// The app's state, in slices. Views read it with selectors; only store actions change it.
import type { Viewport } from '../views/lod/viewport';
import type { EditError, EditOp, Frame, LocatedError, LogEntry, MachineView, MapPoint, OpResult, Scenario } from '../worker/protocol';

export type ViewId = 'map' | 'luo' | 'dirty' | 'timeline';

/** Something selected in one view and highlighted in all of them. */
export interface Selection {
  kind: 'node' | 'range' | 'workload' | 'event' | 'luo-state';
  id: string;
}

export interface Notice {
  id: number;
  tone: 'info' | 'error';
  title: string;
  lines: string[];
}

export interface ScenarioSlice {
  scenario: Scenario | null;
  /** The JSON the scenario was loaded from: what autosave, save and share write. */
  scenarioText: string;
  fileName: string;
  loadErrors: LocatedError[] | null;
  /** Derived figures, commands and map axis of the scenario's machine (from the worker). */
  machine: MachineView | null;
  /** Bumps whenever the machine changes (open, edit, undo), so cached map tiles are redrawn. */
  machineVersion: number;
  /** Scenario texts before (past) and after (future) the current one, for undo and redo. */
  past: string[];
  future: string[];
  /** The last refused edit, with the rule that refused it. */
  editError: EditError | null;
  /** A second layout to compare against (the one before the first edit, or a preset). */
  baseline: { name: string; machine: MachineView } | null;
}

export interface PlaybackSlice {
  playing: boolean;
  /** Virtual nanoseconds per real millisecond ÷ 1e6: 1 means real time. */
  speed: number;
  frame: Frame | null;
  /** The whole timeline log so far (frames only carry the new entries). */
  log: LogEntry[];
}

export interface SelectionSlice {
  selection: Selection | null;
  hover: Selection | null;
}

export interface ViewportSlice {
  theme: 'light' | 'dark';
  activeView: ViewId;
  /** Which tab of the side panel is open. */
  sideTab: 'inspector' | 'edit' | 'figures' | 'commands';
  /** Whether the compare view is open. */
  compareOpen: boolean;
  paletteOpen: boolean;
  shortcutsOpen: boolean;
  /** Zoom and position of the memory map; null fits the whole machine. */
  mapViewport: Viewport | null;
  /** Zoom and position of the page heatmap (same scale steps as the map); null fits. */
  heatViewport: Viewport | null;
  /** Visible part of the timeline; null shows the whole scenario. */
  timeWindow: [number, number] | null;
}

export interface NoticeSlice {
  notices: Notice[];
  /** Import progress from 0 to 1 while tool outputs are parsed, else null. */
  importProgress: number | null;
}

export interface Actions {
  openText(text: string, file: string, source: 'file' | 'link' | 'autosave' | 'preset'): Promise<boolean>;
  /** Applies a what-if edit to the machine; returns false (and sets editError) when refused. */
  editMachine(op: EditOp): Promise<boolean>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  setBaseline(b: { name: string; machine: MachineView } | null): void;
  /** Uses another scenario's machine (e.g. a preset's JSON) as the baseline to compare with. */
  compareWithText(text: string, file: string): Promise<boolean>;
  /** Performs a live-update operation now (recorded in the scenario's script; undo removes it). */
  luoOp(line: string): Promise<boolean>;
  luoPreview(line: string): Promise<{ result: OpResult; nextState: string }>;
  setLuoFocus(session: string | null): Promise<void>;
  /** Changes the scenario (e.g. the machine's architecture) and reopens it at the same time; undo restores it. */
  updateScenario(change: (s: Scenario) => Scenario): Promise<boolean>;
  /** Switches the scenario's live-update model or kernel (reloads it). */
  setLiveUpdate(cfg: Partial<Scenario['liveUpdate']>): Promise<boolean>;
  /** Imports real tool outputs (ndctl, daxctl, cxl, numactl, lsmem, /proc, hwloc) as a new machine. */
  importFiles(files: { name: string; text: string }[]): Promise<boolean>;
  play(): void;
  pause(): void;
  togglePlay(): void;
  stepEvent(): Promise<void>;
  seek(t: number): Promise<void>;
  setSpeed(speed: number): void;
  /** Seeks to the next (1) or previous (-1) event or scripted action. */
  seekEvent(dir: 1 | -1): Promise<void>;
  zoomTime(factor: number, center?: number): void;
  panTime(fraction: number): void;
  fitTime(): void;
  select(sel: Selection | null): void;
  setHover(sel: Selection | null): void;
  setTheme(theme: 'light' | 'dark'): void;
  setMapViewport(vp: Viewport | null): void;
  setHeatViewport(vp: Viewport | null): void;
  /** Level-of-detail tiles, many per call: "map:<node>", "map:all" or "dirty:<workload>:<lane>". */
  fetchTiles(reqs: { source: string; level: number; index: number }[]): Promise<Uint32Array[]>;
  /** What is at an offset of the map's axis. */
  mapPoint(offset: number): Promise<MapPoint>;
  setActiveView(view: ViewId): void;
  setSideTab(tab: ViewportSlice['sideTab']): void;
  setCompareOpen(open: boolean): void;
  setPaletteOpen(open: boolean): void;
  setShortcutsOpen(open: boolean): void;
  notify(n: Omit<Notice, 'id'>): void;
  dismiss(id: number): void;
}

export type AppState = ScenarioSlice & PlaybackSlice & SelectionSlice & ViewportSlice & NoticeSlice & Actions;
