import { useEffect, useMemo, useRef, useState } from 'react';
import { COMMANDS, shortcutLabel, type CommandHost } from '../../store/commands';
import { useApp, useAppStore } from '../storeContext';

export function CommandPalette({ host }: { host: CommandHost }) {
  const store = useAppStore();
  const open = useApp((s) => s.paletteOpen);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    return COMMANDS.filter((c) => !q || `${c.group} ${c.title}`.toLowerCase().includes(q));
  }, [query]);

  useEffect(() => {
    if (open) {
      setQuery('');
      setActive(0);
      setTimeout(() => input.current?.focus(), 0);
    }
  }, [open]);

  if (!open) return null;
  const close = () => store.getState().setPaletteOpen(false);
  const run = (i: number) => {
    const c = matches[i];
    if (!c) return;
    close();
    void c.run(store.getState(), host);
  };

  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Command palette">
        <input
          ref={input}
          type="text"
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={matches[active] ? `cmd-${matches[active].id}` : undefined}
          aria-label="Type a command"
          placeholder="Type a command…"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') close();
            else if (e.key === 'ArrowDown') setActive((a) => Math.min(matches.length - 1, a + 1));
            else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
            else if (e.key === 'Enter') run(active);
            else return;
            e.preventDefault();
          }}
        />
        <ul id="palette-list" role="listbox" aria-label="Commands">
          {matches.map((c, i) => (
            <li key={c.id} id={`cmd-${c.id}`} role="option" aria-selected={i === active} onMouseEnter={() => setActive(i)} onClick={() => run(i)}>
              <span className="muted">{c.group}</span> {c.title}
              {c.keys.map((k) => (
                <kbd key={k}>{shortcutLabel(k)}</kbd>
              ))}
            </li>
          ))}
          {matches.length === 0 && <li className="muted">No command matches “{query}”</li>}
        </ul>
      </div>
    </div>
  );
}
