// RFC v2: one global state. The graph shows where the system is, where the hovered event would
// take it, what is possible now, and the last transition taken.
import { useCallback, useMemo } from 'react';
import type { LuoFrame } from '../../worker/protocol';
import { useApp, useAppStore } from '../storeContext';
import { FlowGraph } from './FlowGraph';
import { RFC_STATE_INFO, rfcGraph } from './rfcGraph';
import type { LastOp } from './lastTransition';
import type { OpPreview } from './previewTypes';

export function RfcStateGraph({ luo, preview, lastTransition }: { luo: LuoFrame; preview: OpPreview | null; lastTransition: LastOp | null }) {
  const store = useAppStore();
  const selection = useApp((s) => s.selection);
  const selected = selection?.kind === 'luo-state' && selection.id in RFC_STATE_INFO ? selection.id : null;
  const current = luo.rfcState;
  const model = useMemo(
    () =>
      rfcGraph({
        current,
        allowed: luo.allowed,
        last: lastTransition,
        preview: preview ? { event: preview.line, ok: preview.result.ok, nextState: preview.nextState } : null,
        selected,
      }),
    [current, luo.allowed, lastTransition, preview, selected],
  );
  const onNodeClick = useCallback((id: string) => store.getState().select({ kind: 'luo-state', id }), [store]);
  const shown = selected ?? current;
  const info = shown ? RFC_STATE_INFO[shown] : null;
  const last = luo.last;
  return (
    <div className="lv-graph-block">
      <div
        className="lv-graph"
        role="group"
        aria-label={`LUO RFC v2 global state machine; the current state is ${current ? RFC_STATE_INFO[current].label : 'unknown'}`}
        data-testid="rfc-graph"
        data-state={current ?? ''}
        data-preview={preview?.result.ok ? preview.nextState : ''}
      >
        <FlowGraph model={model} onNodeClick={onNodeClick} />
      </div>
      <p className="lv-caption" aria-live="polite">
        {info && (
          <>
            <strong>{info.label}</strong>
            {shown === current ? ' (now)' : ''}: {info.summary}
          </>
        )}
        {lastTransition && (
          <span className="lv-last">
            {' '}
            Last transition: <code>{lastTransition.op}</code> {lastTransition.from.toUpperCase()} → {lastTransition.to.toUpperCase()}.
          </span>
        )}
        {last && !last.ok && (
          <span className="lv-last">
            {' '}
            Then <code>{last.op}</code> was refused (-{last.errno}); the state stayed {last.to.toUpperCase()}.
          </span>
        )}
      </p>
    </div>
  );
}
