import { useEffect, useMemo, useRef } from 'react';
import type { AppStoreWithTick } from '../../store/appStore';
import { COMMANDS, matchesKey, type CommandHost } from '../../store/commands';
import type { ViewId } from '../../store/types';
import type { EngineClient } from '../../worker/client';
import { DirtyView } from '../dirty/DirtyView';
import { LiveUpdateView } from '../live/LiveUpdateView';
import { MemoryMapView } from '../map/MemoryMapView';
import { StoreContext, useApp } from '../storeContext';
import { TimelineView } from '../timeline/TimelineView';
import { CommandPalette } from './CommandPalette';
import { useFileActions } from './fileActions';
import { Header } from './Header';
import { ImportDrop } from './ImportDrop';
import { SidePanel } from './SidePanel';
import { CompareView } from '../compare/CompareView';
import { Notices } from './Notices';
import { ShortcutsDialog } from './ShortcutsDialog';

export function App({ store, client }: { store: AppStoreWithTick; client: EngineClient }) {
  return (
    <StoreContext.Provider value={store}>
      <Shell store={store} client={client} />
    </StoreContext.Provider>
  );
}

function Shell({ store, client }: { store: AppStoreWithTick; client: EngineClient }) {
  const theme = useApp((s) => s.theme);
  const files = useFileActions(store);
  const panels = useRef<Partial<Record<ViewId, HTMLElement | null>>>({});
  const host: CommandHost = useMemo(
    () => ({
      ...files,
      focusView: (v) => panels.current[v]?.focus(),
      killWorker: () => client.killWorker(),
    }),
    [files, client],
  );

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  // Playback clock: real time drives virtual time while playing.
  useEffect(() => {
    let last = performance.now();
    let raf = requestAnimationFrame(function loop(now) {
      void store.tick(Math.min(100, now - last));
      last = now;
      raf = requestAnimationFrame(loop);
    });
    return () => cancelAnimationFrame(raf);
  }, [store]);

  // Shortcuts come from the command registry; typing in a field never triggers them.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.closest('input, textarea, select, [contenteditable="true"]') || t.closest('[role="dialog"]'))) return;
      if (t?.closest('button') && (e.key === ' ' || e.key === 'Enter')) return;
      const cmd = COMMANDS.find((c) => c.keys.some((k) => matchesKey(k, e)));
      if (!cmd) return;
      e.preventDefault();
      void cmd.run(store.getState(), host);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, host]);

  const register = (v: ViewId) => (el: HTMLElement | null) => {
    panels.current[v] = el;
  };

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to the views
      </a>
      <Header host={host} />
      <main id="main" className="views" aria-label="Views">
        <MemoryMapView panelRef={register('map')} />
        <LiveUpdateView panelRef={register('luo')} />
        <DirtyView panelRef={register('dirty')} />
        <TimelineView panelRef={register('timeline')} />
      </main>
      <SidePanel />
      <CompareView />
      <ImportDrop />
      <Notices />
      <CommandPalette host={host} />
      <ShortcutsDialog />
      <input ref={files.inputRef} type="file" accept=".json,application/json" hidden aria-hidden="true" tabIndex={-1} onChange={files.onInputChange} />
      <input ref={files.importRef} type="file" multiple hidden aria-hidden="true" tabIndex={-1} onChange={files.onImportChange} data-testid="import-input" />
    </div>
  );
}
