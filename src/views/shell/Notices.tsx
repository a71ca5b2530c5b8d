import { useApp, useAppStore } from '../storeContext';

/** Errors and news, as text: imported names and messages are never rendered as markup. */
export function Notices() {
  const store = useAppStore();
  const notices = useApp((s) => s.notices);
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.tone}`} role={n.tone === 'error' ? 'alert' : undefined} data-testid={`notice-${n.tone}`}>
          <div className="notice-title">{n.title}</div>
          {n.lines.map((l, i) => (
            <div key={i} className="notice-line">
              {l}
            </div>
          ))}
          <button type="button" className="notice-close" aria-label="Dismiss" onClick={() => store.getState().dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
