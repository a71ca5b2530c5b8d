import { CommandsPanel } from '../figures/CommandsPanel';
import { FiguresPanel } from '../figures/FiguresPanel';
import { WhatIfEditor } from '../editor/WhatIfEditor';
import { useApp, useAppStore } from '../storeContext';
import { Inspector } from './Inspector';

const TABS = [
  { id: 'inspector', label: 'Inspector' },
  { id: 'edit', label: 'What-if' },
  { id: 'figures', label: 'Figures' },
  { id: 'commands', label: 'Commands' },
] as const;

/** The right-hand panel: details of the selection, the what-if editor, figures and commands. */
export function SidePanel() {
  const store = useAppStore();
  const tab = useApp((s) => s.sideTab);
  return (
    <aside className="side" aria-label="Side panel">
      <div className="tabs" role="tablist" aria-label="Side panel">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`tabpanel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => store.getState().setSideTab(t.id)}
            onKeyDown={(e) => {
              const i = TABS.findIndex((x) => x.id === tab);
              const next = e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length] : null;
              if (!next) return;
              e.preventDefault();
              store.getState().setSideTab(next.id);
              document.getElementById(`tab-${next.id}`)?.focus();
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="tabpanel" role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'inspector' && <Inspector />}
        {tab === 'edit' && <WhatIfEditor />}
        {tab === 'figures' && <FiguresPanel />}
        {tab === 'commands' && <CommandsPanel />}
      </div>
    </aside>
  );
}
