import { useState } from 'react';
import type { LuoFrame } from '../../worker/protocol';
import { useAppStore } from '../storeContext';

/**
 * The events allowed now, as buttons. Hovering one asks the worker what it would do (the next
 * state, or the errno) without doing it; clicking does it and records it in the scenario.
 */
export function EventButtons({ luo, onPreview }: { luo: LuoFrame; onPreview(next: string | null): void }) {
  const store = useAppStore();
  const [hint, setHint] = useState<string | null>(null);
  return (
    <div className="luo-events">
      <div className="luo-buttons" role="group" aria-label="Live-update events">
        {luo.allowed.map((e) => (
          <button
            key={e.label}
            type="button"
            className={e.allowed ? 'primary-soft' : 'refused'}
            onMouseEnter={() => {
              onPreview(e.allowed ? e.nextState : null);
              setHint(e.allowed ? `${e.label} → ${e.nextState}` : `${e.label} would be refused: -${e.result.ok ? '' : e.result.errno} (${e.result.ok ? '' : e.result.rule})`);
            }}
            onFocus={() => onPreview(e.allowed ? e.nextState : null)}
            onMouseLeave={() => {
              onPreview(null);
              setHint(null);
            }}
            onBlur={() => onPreview(null)}
            onClick={() => void store.getState().luoOp(e.label)}
            title={e.allowed ? `leads to ${e.nextState}` : `refused now: -${e.result.ok ? '' : e.result.errno}`}
          >
            {e.label}
          </button>
        ))}
      </div>
      <p className="luo-hint" aria-live="polite">
        {hint ?? 'Hover an event to preview it; refused ones are shown struck through and still try, to show the errno.'}
      </p>
    </div>
  );
}
