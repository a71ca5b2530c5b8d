// A tab list operated like the ARIA pattern: arrows move between tabs, Home/End jump, the
// selected tab alone is in the tab order.
import { useRef, type KeyboardEvent } from 'react';

export function LuoTabs<T extends string>(props: { tabs: readonly { id: T; label: string }[]; value: T; onChange(id: T): void; label: string; idPrefix: string }) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const index = props.tabs.findIndex((t) => t.id === props.value);
  const go = (i: number) => {
    const n = props.tabs.length;
    const j = ((i % n) + n) % n;
    props.onChange(props.tabs[j].id);
    refs.current[j]?.focus();
  };
  const onKey = (e: KeyboardEvent) => {
    const moves: Record<string, () => void> = { ArrowRight: () => go(index + 1), ArrowLeft: () => go(index - 1), Home: () => go(0), End: () => go(props.tabs.length - 1) };
    const f = moves[e.key];
    if (f) {
      e.preventDefault();
      e.stopPropagation();
      f();
    }
  };
  return (
    <div className="lv-tabs" role="tablist" aria-label={props.label} onKeyDown={onKey}>
      {props.tabs.map((t, i) => (
        <button
          key={t.id}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          id={`${props.idPrefix}-tab-${t.id}`}
          aria-controls={`${props.idPrefix}-panel-${t.id}`}
          aria-selected={t.id === props.value}
          tabIndex={t.id === props.value ? 0 : -1}
          onClick={() => props.onChange(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
