// One vanilla zustand store for the whole app, built from typed slices. The engine client is
// injected so the store is the only thing views talk to.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { formatLocated } from '../sim/errors';
import { formatDuration } from '../sim/units/duration';
import { progressCallback, type EngineClient } from '../worker/client';
import type { Frame } from '../worker/protocol';
import { saveAutosave } from './persistence/autosave';
import { fitWindow, neighbourTime, panWindow, zoomWindow } from './timeline/window';
import type { AppState, Notice } from './types';

export type AppStore = StoreApi<AppState>;

export function createAppStore(client: EngineClient): AppStore {
  let noticeId = 0;
  let inFlight = false;

  /**
   * Actions that replace the scenario run one after another: a preset chosen while an edit is on
   * its way must not be overwritten by that edit's reply (nor the edit applied to the old one).
   */
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <A extends unknown[], R>(fn: (...a: A) => Promise<R>) => (...a: A): Promise<R> => {
    const run = queue.then(() => fn(...a));
    queue = run.catch(() => undefined);
    return run;
  };

  const store = createStore<AppState>()((set, get) => {
    const applyFrame = (f: Frame) => {
      const log = f.logFrom === get().log.length ? get().log.concat(f.log) : get().log.slice(0, f.logFrom).concat(f.log);
      set({ frame: f, log });
    };
    const openTextNow = async (text: string, file: string, source: 'file' | 'link' | 'autosave' | 'preset'): Promise<boolean> => {
        const r = await client.call((api) => api.loadText(text, file));
        if (!r.ok) {
          set({ loadErrors: r.errors });
          notify({
            tone: 'error',
            title: `Could not open ${file}; the current scenario is unchanged`,
            lines: r.errors.slice(0, 6).map(formatLocated),
          });
          return false;
        }
        client.setSource(text, file);
        set({
          scenario: r.scenario,
          scenarioText: text,
          fileName: file,
          loadErrors: null,
          machine: r.machine,
          machineVersion: get().machineVersion + 1,
          mapViewport: null,
          heatViewport: null,
          past: [],
          future: [],
          editError: null,
          baseline: null,
          playing: false,
          log: [],
          selection: null,
          timeWindow: null,
        });
        applyFrame(r.frame);
        if (r.migratedFrom.length) notify({ tone: 'info', title: `Opened ${file} saved by an older version`, lines: [`migrated from ${r.migratedFrom.join(', ')}`] });
        if (source !== 'autosave') saveAutosave({ text, file, timeNs: 0 });
        return true;
      };

    /** Reopens an earlier or later text of the same scenario (undo/redo), keeping the time. */
    const reopen = async (text: string, history: { past: string[]; future: string[] }) => {
      const s = get();
      const t = s.frame?.timeNs ?? 0;
      const r = await client.call((api) => api.loadText(text, s.fileName));
      if (!r.ok) return;
      client.setSource(text, s.fileName);
      set({ scenario: r.scenario, scenarioText: text, machine: r.machine, machineVersion: s.machineVersion + 1, editError: null, log: [], ...history });
      applyFrame(r.frame);
      if (t > 0) await get().seek(t);
      saveAutosave({ text, file: s.fileName, timeNs: t });
    };
    const notify = (n: Omit<Notice, 'id'>) => set({ notices: [...get().notices.slice(-3), { ...n, id: ++noticeId }] });

    return {
      scenario: null,
      scenarioText: '',
      fileName: '',
      loadErrors: null,
      machine: null,
      machineVersion: 0,
      mapViewport: null,
      heatViewport: null,
      past: [],
      future: [],
      editError: null,
      baseline: null,
      playing: false,
      speed: 0.25,
      frame: null,
      log: [],
      selection: null,
      hover: null,
      theme: 'light',
      activeView: 'map',
      sideTab: 'inspector',
      compareOpen: false,
      paletteOpen: false,
      shortcutsOpen: false,
      timeWindow: null,
      notices: [],
      importProgress: null,

      openText: serial(openTextNow),

      editMachine: serial(async (op) => {
        const before = get();
        const r = await client.call((api) => api.editMachine(op));
        if (!r.ok) {
          set({ editError: r.error });
          return false;
        }
        if (!r.load.ok) return false;
        client.setSource(r.text, before.fileName);
        set({
          scenario: r.load.scenario,
          scenarioText: r.text,
          machine: r.load.machine,
          machineVersion: before.machineVersion + 1,
          past: [...before.past.slice(-99), before.scenarioText],
          future: [],
          editError: null,
          baseline: before.baseline ?? (before.machine && { name: `${before.scenario?.name ?? 'before'} (before editing)`, machine: before.machine }),
          log: [],
        });
        applyFrame(r.load.frame);
        saveAutosave({ text: r.text, file: before.fileName, timeNs: r.load.frame.timeNs });
        return true;
      }),
      luoOp: serial(async (line) => {
        const before = get();
        const r = await client.call((api) => api.luoOp(line, 0));
        if (!r.ok || !r.load.ok) {
          if (!r.ok) notify({ tone: 'error', title: `Not a live-update operation: ${line}`, lines: [r.error.message] });
          return false;
        }
        client.setSource(r.text, before.fileName);
        set({ scenario: r.load.scenario, scenarioText: r.text, past: [...before.past.slice(-99), before.scenarioText], future: [], log: [] });
        applyFrame(r.load.frame);
        saveAutosave({ text: r.text, file: before.fileName, timeNs: r.load.frame.timeNs });
        return true;
      }),
      luoPreview: (line) => client.call((api) => api.luoPreview(line)),
      async setLuoFocus(session) {
        applyFrame(await client.call((api) => api.setLuoFocus(session, get().log.length)));
      },
      updateScenario: serial(async (change) => {
        const s = get();
        if (!s.scenario) return false;
        const t = s.frame?.timeNs ?? 0;
        const text = JSON.stringify(change(s.scenario), null, 2);
        const prev = s.scenarioText;
        const ok = await openTextNow(text, s.fileName, 'autosave');
        if (!ok) return false;
        set({ past: [...s.past.slice(-99), prev], future: [] });
        if (t > 0) await get().seek(t);
        saveAutosave({ text, file: s.fileName, timeNs: t });
        return true;
      }),
      setLiveUpdate: serial(async (cfg) => {
        const s = get();
        if (!s.scenario) return false;
        const liveUpdate = { ...s.scenario.liveUpdate, ...cfg };
        // Operations of one model mean nothing to the other: switching models drops them.
        const script = liveUpdate.model === s.scenario.liveUpdate.model ? s.scenario.script : s.scenario.script.filter((a) => a.action !== 'luo.op');
        const text = JSON.stringify({ ...s.scenario, liveUpdate, script }, null, 2);
        const prev = s.scenarioText;
        const ok = await openTextNow(text, s.fileName, 'autosave');
        if (ok) {
          set({ past: [...s.past, prev], future: [] });
          saveAutosave({ text, file: s.fileName, timeNs: 0 });
        }
        return ok;
      }),
      importFiles: serial(async (files) => {
        set({ importProgress: 0 });
        try {
          // The callback crosses to the worker as a proxy; the parse itself never runs here.
          const onProgress = progressCallback((f: number) => set({ importProgress: f }));
          const r = await client.call((api) => api.importFiles(files, onProgress));
          if (!r.ok) {
            notify({ tone: 'error', title: `Could not import ${files.map((f) => f.name).join(', ')}; the open machine is unchanged`, lines: r.errors.slice(0, 8) });
            return false;
          }
          const prev = get().scenarioText;
          const ok = await openTextNow(r.text, 'imported.json', 'file');
          if (!ok) return false;
          set({ past: prev ? [prev] : [], sideTab: 'inspector' });
          notify({ tone: 'info', title: `Imported ${r.name.replace(/^Imported: /, '')}`, lines: [...r.summary, ...(r.skipped.length ? [`${r.skipped.length} line(s) skipped; see Provenance`] : [])] });
          return true;
        } finally {
          set({ importProgress: null });
        }
      }),
      undo: serial(async () => {
        const s = get();
        const prev = s.past.at(-1);
        if (prev === undefined) return;
        await reopen(prev, { past: s.past.slice(0, -1), future: [s.scenarioText, ...s.future] });
      }),
      redo: serial(async () => {
        const s = get();
        const next = s.future[0];
        if (next === undefined) return;
        await reopen(next, { past: [...s.past, s.scenarioText], future: s.future.slice(1) });
      }),
      setBaseline: (baseline) => set({ baseline }),
      async compareWithText(text, file) {
        const r = await client.call((api) => api.describeMachine(text, file));
        if (!r.ok) {
          notify({ tone: 'error', title: `Could not compare with ${file}`, lines: r.errors.slice(0, 6).map(formatLocated) });
          return false;
        }
        set({ baseline: { name: r.name, machine: r.machine }, compareOpen: true });
        return true;
      },
      play() {
        const f = get().frame;
        if (f && f.timeNs >= f.durationNs) void get().seek(0);
        set({ playing: true });
      },
      pause() {
        set({ playing: false });
        void client.checkpoint().catch(() => undefined);
      },
      togglePlay() {
        if (get().playing) get().pause();
        else get().play();
      },
      async stepEvent() {
        set({ playing: false });
        applyFrame(await client.call((api) => api.step(get().log.length)));
      },
      async seek(t) {
        const f = get().frame;
        if (!f) return;
        const clamped = Math.max(0, Math.min(f.durationNs, Math.round(t)));
        applyFrame(await client.call((api) => api.seek(clamped, get().log.length)));
        saveAutosave({ text: get().scenarioText, file: get().fileName, timeNs: clamped });
      },
      setSpeed: (speed) => set({ speed }),
      async seekEvent(dir) {
        const s = get();
        if (!s.frame) return;
        const times = [...s.log.map((l) => l.at), ...(s.scenario?.script.map((a) => a.at) ?? [])].sort((a, b) => a - b);
        const t = neighbourTime(times, s.frame.timeNs, dir);
        await get().seek(t ?? (dir > 0 ? s.frame.durationNs : 0));
      },
      zoomTime(factor, center) {
        const s = get();
        if (!s.frame) return;
        const w = s.timeWindow ?? fitWindow(s.frame.durationNs);
        set({ timeWindow: zoomWindow(w, factor, center ?? Math.min(w[1], Math.max(w[0], s.frame.timeNs)), s.frame.durationNs) });
      },
      panTime(fraction) {
        const s = get();
        if (!s.frame) return;
        set({ timeWindow: panWindow(s.timeWindow ?? fitWindow(s.frame.durationNs), fraction, s.frame.durationNs) });
      },
      fitTime: () => set({ timeWindow: null }),
      select: (selection) => set({ selection }),
      setHover: (hover) => set({ hover }),
      setTheme: (theme) => set({ theme }),
      setMapViewport: (mapViewport) => set({ mapViewport }),
      setHeatViewport: (heatViewport) => set({ heatViewport }),
      fetchTiles(reqs) {
        return client.call((api) => api.tiles(reqs.map((r) => ({ source: r.source, level: r.level, index: r.index }))));
      },
      mapPoint: (offset) => client.call((api) => api.mapPoint(offset)),
      setActiveView: (activeView) => set({ activeView }),
      setSideTab: (sideTab) => set({ sideTab }),
      setCompareOpen: (compareOpen) => set({ compareOpen }),
      setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
      setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
      notify,
      dismiss: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
    };
  });

  /** Advances virtual time by speed × real time while playing; one request in flight at a time. */
  const tick = async (dtMs: number) => {
    const s = store.getState();
    if (!s.playing || !s.frame || inFlight) return;
    const target = Math.min(s.frame.durationNs, s.frame.timeNs + dtMs * 1e6 * s.speed);
    inFlight = true;
    try {
      const f = await client.call((api) => api.runUntil(target, store.getState().log.length));
      const log = store.getState().log.concat(f.log);
      store.setState({ frame: f, log });
      if (f.timeNs >= f.durationNs) {
        store.setState({ playing: false });
        store.getState().notify({ tone: 'info', title: `Reached the end of the scenario at ${formatDuration(f.timeNs)}`, lines: [] });
      }
    } finally {
      inFlight = false;
    }
  };
  return Object.assign(store, { tick });
}

export type AppStoreWithTick = AppStore & { tick(dtMs: number): Promise<void> };
