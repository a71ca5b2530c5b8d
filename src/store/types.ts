// The app's state, in slices. Views read it with selectors; only store actions change it.
import type { Frame, LocatedError, LogEntry, Scenario } from '../worker/protocol';

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
  paletteOpen: boolean;
  shortcutsOpen: boolean;
  /** Visible part of the timeline; null shows the whole scenario. */
  timeWindow: [number, number] | null;
}

export interface NoticeSlice {
  notices: Notice[];
}

export interface Actions {
  openText(text: string, file: string, source: 'file' | 'link' | 'autosave' | 'preset'): Promise<boolean>;
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
  setActiveView(view: ViewId): void;
  setPaletteOpen(open: boolean): void;
  setShortcutsOpen(open: boolean): void;
  notify(n: Omit<Notice, 'id'>): void;
  dismiss(id: number): void;
}

export type AppState = ScenarioSlice & PlaybackSlice & SelectionSlice & ViewportSlice & NoticeSlice & Actions;
