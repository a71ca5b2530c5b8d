// One registry of commands feeds the keyboard shortcuts, the header's buttons and the command
// palette, so a command can never be reachable from one and missing from another.
import type { AppState, ViewId } from './types';

export interface Command {
  id: string;
  title: string;
  group: 'Playback' | 'Timeline' | 'Edit' | 'File' | 'View' | 'Help';
  /** Shortcuts as KeyboardEvent.key values, with "Mod+" for Ctrl or Cmd. */
  keys: string[];
  run(s: AppState, host: CommandHost): void | Promise<void>;
}

/** What commands need from the page (file dialogs, clipboard), supplied by the shell. */
export interface CommandHost {
  openFile(): void;
  importFiles(): void;
  saveFile(): void;
  copyLink(): Promise<void>;
  focusView(view: ViewId): void;
  killWorker(): void;
}

const viewCommand = (view: ViewId, title: string, key: string): Command => ({
  id: `view.${view}`,
  title: `Go to ${title}`,
  group: 'View',
  keys: [key],
  run: (s, h) => {
    s.setActiveView(view);
    h.focusView(view);
  },
});

export const COMMANDS: Command[] = [
  { id: 'playback.toggle', title: 'Play / pause', group: 'Playback', keys: [' '], run: (s) => s.togglePlay() },
  { id: 'playback.step', title: 'Step to the next event', group: 'Playback', keys: ['n'], run: (s) => s.stepEvent() },
  { id: 'playback.start', title: 'Back to the start', group: 'Playback', keys: ['Home'], run: (s) => s.seek(0) },
  { id: 'playback.end', title: 'Jump to the end', group: 'Playback', keys: ['End'], run: (s) => s.seek(s.frame?.durationNs ?? 0) },
  { id: 'playback.faster', title: 'Play faster', group: 'Playback', keys: [']'], run: (s) => s.setSpeed(Math.min(16, s.speed * 2)) },
  { id: 'playback.slower', title: 'Play slower', group: 'Playback', keys: ['['], run: (s) => s.setSpeed(Math.max(1 / 64, s.speed / 2)) },
  { id: 'timeline.next', title: 'Next event', group: 'Timeline', keys: ['.'], run: (s) => s.seekEvent(1) },
  { id: 'timeline.prev', title: 'Previous event', group: 'Timeline', keys: [','], run: (s) => s.seekEvent(-1) },
  { id: 'timeline.zoomIn', title: 'Zoom the timeline in', group: 'Timeline', keys: ['w'], run: (s) => s.zoomTime(0.5) },
  { id: 'timeline.zoomOut', title: 'Zoom the timeline out', group: 'Timeline', keys: ['s'], run: (s) => s.zoomTime(2) },
  { id: 'timeline.panLeft', title: 'Pan the timeline earlier', group: 'Timeline', keys: ['a'], run: (s) => s.panTime(-0.2) },
  { id: 'timeline.panRight', title: 'Pan the timeline later', group: 'Timeline', keys: ['d'], run: (s) => s.panTime(0.2) },
  { id: 'timeline.fit', title: 'Fit the whole scenario in the timeline', group: 'Timeline', keys: ['f'], run: (s) => s.fitTime() },
  { id: 'edit.undo', title: 'Undo the last machine edit', group: 'Edit', keys: ['Mod+z'], run: (s) => s.undo() },
  { id: 'edit.redo', title: 'Redo', group: 'Edit', keys: ['Mod+Shift+z', 'Mod+y'], run: (s) => s.redo() },
  { id: 'file.open', title: 'Open a scenario file…', group: 'File', keys: ['Mod+o'], run: (_s, h) => h.openFile() },
  { id: 'file.import', title: 'Import my machine (ndctl, daxctl, cxl, numactl, lsmem, /proc, hwloc outputs)…', group: 'File', keys: ['Mod+i'], run: (_s, h) => h.importFiles() },
  { id: 'file.save', title: 'Save the scenario to a file', group: 'File', keys: ['Mod+s'], run: (_s, h) => h.saveFile() },
  { id: 'file.share', title: 'Copy a link to this exact state', group: 'File', keys: ['Mod+Shift+l'], run: (_s, h) => h.copyLink() },
  viewCommand('map', 'the memory map', '1'),
  viewCommand('luo', 'the live-update view', '2'),
  viewCommand('dirty', 'dirty-page tracking', '3'),
  viewCommand('timeline', 'the timeline', '4'),
  { id: 'view.compare', title: 'Compare layouts…', group: 'View', keys: ['c'], run: (s) => s.setCompareOpen(true) },
  { id: 'view.theme', title: 'Switch light / dark theme', group: 'View', keys: ['t'], run: (s) => s.setTheme(s.theme === 'dark' ? 'light' : 'dark') },
  { id: 'view.clearSelection', title: 'Clear the selection', group: 'View', keys: ['Escape'], run: (s) => s.select(null) },
  { id: 'help.palette', title: 'Command palette', group: 'Help', keys: ['Mod+k'], run: (s) => s.setPaletteOpen(true) },
  { id: 'help.shortcuts', title: 'Keyboard shortcuts', group: 'Help', keys: ['?'], run: (s) => s.setShortcutsOpen(true) },
  { id: 'help.crash', title: 'Simulate a worker crash (recovers from the last checkpoint)', group: 'Help', keys: [], run: (_s, h) => h.killWorker() },
];

/** Matches a key event against a command's shortcut ("Mod" is Ctrl or Cmd). */
export function matchesKey(key: string, e: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }): boolean {
  const parts = key.split('+');
  const k = parts.pop()!;
  const mod = parts.includes('Mod');
  const shift = parts.includes('Shift');
  if (mod !== (e.ctrlKey || e.metaKey) || e.altKey) return false;
  if (k.length === 1 && !/[a-z]/i.test(k)) return e.key === k; // "?", "[", " " carry shift themselves
  return shift === e.shiftKey && e.key.toLowerCase() === k.toLowerCase();
}

export function shortcutLabel(key: string): string {
  return key
    .replace('Mod+', navigatorIsMac() ? '⌘' : 'Ctrl+')
    .replace('Shift+', 'Shift+')
    .replace(/^ $/, 'Space');
}

function navigatorIsMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
}
