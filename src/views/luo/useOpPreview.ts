// Hover previews: asks the worker what an operation would do now, without doing it. Answers to
// an operation no longer hovered are dropped; a new frame refreshes the hovered one.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LuoFrame } from '../../worker/protocol';
import { useAppStore } from '../storeContext';
import type { OpPreview } from './previewTypes';

export function useOpPreview(luo: LuoFrame | null): { preview: OpPreview | null; start(line: string): void; end(): void } {
  const store = useAppStore();
  const [preview, setPreview] = useState<OpPreview | null>(null);
  const pending = useRef<string | null>(null);
  const start = useCallback(
    (line: string) => {
      pending.current = line;
      store
        .getState()
        .luoPreview(line)
        .then((r) => {
          if (pending.current === line) setPreview({ line, result: r.result, nextState: r.nextState });
        })
        .catch(() => undefined);
    },
    [store],
  );
  const end = useCallback(() => {
    pending.current = null;
    setPreview(null);
  }, []);
  useEffect(() => {
    // The state changed under the pointer (the hovered event was just clicked): ask again.
    setPreview(null);
    if (pending.current) start(pending.current);
  }, [luo, start]);
  return { preview, start, end };
}
