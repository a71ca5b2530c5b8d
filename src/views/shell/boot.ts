// Starts the engine worker and the store, then opens, in order of preference: a shared link in
// the URL, the autosave, or the quickstart preset. A broken link never replaces what was open.
import { createAppStore, type AppStoreWithTick } from '../../store/appStore';
import { AUTOSAVE_KEY, loadAutosave } from '../../store/persistence/autosave';
import { decodeLink } from '../../store/persistence/shareLink';
import { formatLocated } from '../../sim/errors';
import { formatDuration } from '../../sim/units/duration';
import { EngineClient } from '../../worker/client';
import { PRESETS } from './presets';

export function boot(): { store: AppStoreWithTick; client: EngineClient } {
  let store: AppStoreWithTick | null = null;
  const client = new EngineClient({
    onRestart: ({ reason, resumedAt }) =>
      store?.getState().notify({
        tone: 'info',
        title: 'The simulation restarted',
        lines: [`${reason}; restored from the last checkpoint${resumedAt === null ? '' : ` at ${formatDuration(resumedAt)}`}. Your scenario is intact.`],
      }),
  });
  store = createAppStore(client) as AppStoreWithTick;
  const s = store;
  void (async () => {
    const auto = loadAutosave();
    if (!(auto && (await s.getState().openText(auto.text, auto.file, 'autosave')))) {
      const first = PRESETS[0];
      await s.getState().openText(first.text, first.file, 'preset');
    } else if (auto.timeNs > 0) await s.getState().seek(auto.timeNs);
    await openLink(s, location.hash);
  })();
  window.addEventListener('hashchange', () => void openLink(s, location.hash));
  // Two tabs share one autosave: say so when another tab overwrites it, rather than let the next
  // reload open the other tab's work without a word. This tab keeps its own scenario in memory.
  window.addEventListener('storage', (e) => {
    if (e.key !== AUTOSAVE_KEY || !e.newValue) return;
    const other = loadAutosave();
    if (!other || other.text === s.getState().scenarioText) return;
    s.getState().notify({
      tone: 'info',
      title: 'Another tab saved its own scenario',
      lines: ['This tab keeps yours; the browser keeps one autosave, now the other tab\'s. Your next edit here saves yours again — or Save it to a file, or Share a link, to keep both.'],
    });
  });
  // For tests and the command palette: kill the worker as a crash would.
  (window as unknown as { __handoverLab: unknown }).__handoverLab = { killWorker: () => client.killWorker(), store: s };
  return { store: s, client };
}

export async function openLink(store: AppStoreWithTick, hash: string): Promise<void> {
  const r = await decodeLink(hash);
  if (!r) return;
  const st = store.getState();
  if (!r.ok) {
    st.notify({ tone: 'error', title: 'This link could not be opened; the current scenario is unchanged', lines: [formatLocated(r.error)] });
    return;
  }
  if (!(await st.openText(r.state.scenarioText, 'link', 'link'))) return;
  await store.getState().seek(r.state.timeNs);
  store.getState().setActiveView(r.state.view);
  store.getState().select(r.state.selection);
}
