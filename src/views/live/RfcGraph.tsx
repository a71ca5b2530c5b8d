import { useMemo } from 'react';
import { Background, MarkerType, ReactFlow, type Edge, type Node } from '@xyflow/react';
import type { LuoFrame } from '../../worker/protocol';
import { RFC_V2_STATES, RFC_V2_TRANSITIONS } from '../luo/rfcV2Diagram';
import { StateNode } from '../luo/StateNode';

const nodeTypes = { state: StateNode };

/** The RFC v2 global state machine with the current state, the last transition and a preview. */
export function RfcGraph({ luo, preview }: { luo: LuoFrame; preview: string | null }) {
  const current = luo.rfcState;
  const last = luo.last;
  const nodes: Node[] = useMemo(
    () =>
      RFC_V2_STATES.map((s) => ({
        id: s.id,
        position: s.position,
        type: 'state',
        data: { label: s.label },
        className: [s.id === current ? 'current' : '', s.id === preview && preview !== current ? 'preview' : ''].join(' '),
        ariaLabel: `${s.label}${s.id === current ? ' (current state)' : ''}: ${s.summary}`,
      })),
    [current, preview],
  );
  const edges: Edge[] = useMemo(
    () =>
      RFC_V2_TRANSITIONS.map((t) => {
        const taken = last !== null && last.ok && last.from === t.from && last.to === t.to && last.op.startsWith(t.event === 'kexec' ? 'kexec' : t.event);
        return {
          id: `${t.from}-${t.event}-${t.to}`,
          source: t.from,
          target: t.to,
          sourceHandle: `s-${t.out}`,
          targetHandle: `t-${t.in}`,
          label: t.event,
          markerEnd: { type: MarkerType.ArrowClosed },
          className: taken ? 'luo-edge taken' : 'luo-edge',
          type: 'smoothstep',
          pathOptions: { offset: t.event === 'cancel' ? (t.from === 'frozen' ? 44 : 24) : 24, borderRadius: 10 },
        };
      }),
    [last],
  );
  const state = RFC_V2_STATES.find((s) => s.id === current);
  return (
    <>
      <div className="flow-wrap" role="group" aria-label={`LUO RFC v2 state machine, current state ${current?.toUpperCase() ?? '?'}`} data-testid="rfc-graph" data-state={current ?? ''}>
        <ReactFlow nodes={nodes} edges={edges} nodeTypes={nodeTypes} fitView fitViewOptions={{ padding: 0.15 }} nodesDraggable={false} nodesConnectable={false} zoomOnScroll={false} panOnDrag={false} proOptions={{ hideAttribution: true }}>
          <Background gap={16} size={1} />
        </ReactFlow>
      </div>
      {state && (
        <p className="state-summary">
          <strong>{state.label}:</strong> {state.summary}
        </p>
      )}
    </>
  );
}
