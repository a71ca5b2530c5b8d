import { useMemo } from 'react';
import { Background, MarkerType, ReactFlow, type Edge, type Node } from '@xyflow/react';
import { Panel, SimplificationNote } from '../Panel';
import { useApp, useAppStore } from '../storeContext';
import { RFC_V2_STATES, RFC_V2_TRANSITIONS } from './rfcV2Diagram';
import { StateNode } from './StateNode';

const nodeTypes = { state: StateNode };

export function LuoGraphView({ panelRef }: { panelRef: (el: HTMLElement | null) => void }) {
  const store = useAppStore();
  const selection = useApp((s) => s.selection);
  const selected = selection?.kind === 'luo-state' ? selection.id : null;

  const nodes: Node[] = useMemo(
    () =>
      RFC_V2_STATES.map((s) => ({
        id: s.id,
        position: s.position,
        type: 'state',
        data: { label: s.label },
        selected: s.id === selected,
        className: `luo-node${s.id === selected ? ' selected' : ''}`,
        ariaLabel: `${s.label}: ${s.summary}`,
      })),
    [selected],
  );
  const edges: Edge[] = useMemo(
    () =>
      RFC_V2_TRANSITIONS.map((t) => ({
        id: `${t.from}-${t.event}-${t.to}`,
        source: t.from,
        target: t.to,
        sourceHandle: `s-${t.out}`,
        targetHandle: `t-${t.in}`,
        label: t.event,
        markerEnd: { type: MarkerType.ArrowClosed },
        className: 'luo-edge',
        type: 'smoothstep',
        pathOptions: { offset: t.event === 'cancel' ? (t.from === 'frozen' ? 44 : 24) : 24, borderRadius: 10 },
      })),
    [],
  );

  const state = RFC_V2_STATES.find((s) => s.id === selected);
  return (
    <Panel view="luo" title="LUO state graph" subtitle="RFC v2 (May 2025): one global state" panelRef={panelRef}>
      <div className="flow-wrap" role="group" aria-label="LUO RFC v2 states and transitions">
        <ReactFlow
          nodes={nodes}
          nodeTypes={nodeTypes}
          edges={edges}
          fitView
          fitViewOptions={{ padding: 0.15 }}
          nodesDraggable={false}
          nodesConnectable={false}
          zoomOnScroll={false}
          panOnDrag={false}
          proOptions={{ hideAttribution: true }}
          onNodeClick={(_e, n) => store.getState().select({ kind: 'luo-state', id: n.id })}
          colorMode="system"
        >
          <Background gap={16} size={1} />
        </ReactFlow>
      </div>
      <p className="state-summary" aria-live="polite">
        {state ? (
          <>
            <strong>{state.label}:</strong> {state.summary}
          </>
        ) : (
          'Select a state to read what the kernel does in it.'
        )}
      </p>
      <SimplificationNote>this graph shows the states and events of the RFC; sessions, files and the mainline (6.19) model are drawn once the live-update model drives it.</SimplificationNote>
    </Panel>
  );
}
