import { useEffect, useRef } from 'react';
import { COMMANDS, shortcutLabel } from '../../store/commands';
import { useApp, useAppStore } from '../storeContext';

export function ShortcutsDialog() {
  const store = useAppStore();
  const open = useApp((s) => s.shortcutsOpen);
  const closeBtn = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) closeBtn.current?.focus();
  }, [open]);
  if (!open) return null;
  const close = () => store.getState().setShortcutsOpen(false);
  const groups = [...new Set(COMMANDS.map((c) => c.group))];
  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" onKeyDown={(e) => e.key === 'Escape' && close()}>
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        {groups.map((g) => (
          <section key={g}>
            <h3>{g}</h3>
            <dl className="shortcuts">
              {COMMANDS.filter((c) => c.group === g && c.keys.length).map((c) => (
                <div key={c.id}>
                  <dt>
                    {c.keys.map((k) => (
                      <kbd key={k}>{shortcutLabel(k)}</kbd>
                    ))}
                  </dt>
                  <dd>{c.title}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <button ref={closeBtn} type="button" onClick={close}>
          Close
        </button>
      </div>
    </div>
  );
}
