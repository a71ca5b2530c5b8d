// Draws a GraphModel with @xyflow/react: state boxes, ∅ terminals, straight edges between
// neighbouring layers and arcs for the rest, each with its own arrowhead (coloured by CSS).
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { BaseEdge, Handle, Position, ReactFlow, ViewportPortal, type Edge, type EdgeProps, type Node, type NodeProps, type ReactFlowInstance } from '@xyflow/react';
import { useApp } from '../storeContext';
import { arcPath, arcRise, arrowHead, type GraphEdgeModel, type GraphModel } from './graphShapes';

type StateData = { label: string; sub: string; terminal: boolean };
type StateNodeT = Node<StateData, 'lvState'>;
type EdgeData = Pick<GraphEdgeModel, 'shape' | 'orient' | 'side' | 'level' | 'base' | 'note'>;
type LvEdgeT = Edge<EdgeData, 'lvEdge'>;

/** A source and a target handle on every side: "<side><s|t>". */
const HANDLES = (['t', 'b', 'l', 'r'] as const).flatMap((side) => {
  const pos = { t: Position.Top, b: Position.Bottom, l: Position.Left, r: Position.Right }[side];
  return [
    { type: 'source' as const, pos, id: `${side}s` },
    { type: 'target' as const, pos, id: `${side}t` },
  ];
});

/** Which handles an edge leaves and enters by. */
export function edgeHandles(e: Pick<GraphEdgeModel, 'shape' | 'orient' | 'side'>): { source: string; target: string } {
  if (e.shape === 'straight') return e.orient === 'TB' ? { source: 'bs', target: 'tt' } : { source: 'rs', target: 'lt' };
  const side = { above: 't', below: 'b', left: 'l', right: 'r' }[e.side];
  return { source: `${side}s`, target: `${side}t` };
}

function StateBox({ data }: NodeProps<StateNodeT>) {
  return (
    <div className={data.terminal ? 'lv-terminal' : 'lv-state'}>
      {HANDLES.map((h) => (
        <Handle key={h.id} type={h.type} position={h.pos} id={h.id} isConnectable={false} />
      ))}
      <span className="lv-state-label">{data.label}</span>
      {data.sub && <span className="lv-state-sub">{data.sub}</span>}
    </div>
  );
}

/** Arc endpoints move apart with their level so nested arcs never share a vertical line. */
const SPREAD = 10;

function LvEdge({ id, sourceX, sourceY, targetX, targetY, data, label }: EdgeProps<LvEdgeT>) {
  const d = data!;
  let path: string;
  let head: string;
  let lx: number;
  let ly: number;
  if (d.shape === 'straight') {
    path = `M ${sourceX} ${sourceY} L ${targetX} ${targetY}`;
    head = arrowHead(targetX, targetY, targetX - sourceX, targetY - sourceY);
    // A diagonal (fanning out to a node in another row) is labelled near its target, so that
    // the labels of a fan do not sit on each other.
    const diagonal = Math.abs(sourceX - targetX) > 2 && Math.abs(sourceY - targetY) > 2;
    const t = diagonal ? 0.72 : 0.5;
    lx = sourceX + (targetX - sourceX) * t;
    // Left to right, the label sits above the line so the arrow stays visible.
    ly = sourceY + (targetY - sourceY) * t - (d.orient === 'LR' && !diagonal ? 10 : 0);
  } else {
    const alongX = d.side === 'above' || d.side === 'below';
    const outward = d.side === 'above' || d.side === 'left' ? -1 : 1;
    const c = d.base + outward * arcRise(d.level);
    const shift = SPREAD * (d.level - 1);
    const away = Math.sign(alongX ? sourceX - targetX : sourceY - targetY) || 1;
    const sx = alongX ? sourceX + away * shift : sourceX;
    const sy = alongX ? sourceY : sourceY + away * shift;
    const tx = alongX ? targetX - away * shift : targetX;
    const ty = alongX ? targetY : targetY - away * shift;
    path = arcPath(sx, sy, tx, ty, c, 8, alongX ? 'y' : 'x');
    head = alongX ? arrowHead(tx, ty, 0, -outward) : arrowHead(tx, ty, -outward, 0);
    lx = alongX ? (sx + tx) / 2 : c;
    ly = alongX ? c : (sy + ty) / 2;
  }
  return (
    <g>
      <title>{`${String(label)}: ${d.note}`}</title>
      <BaseEdge id={id} path={path} label={label} labelX={lx} labelY={ly} labelShowBg labelBgPadding={[4, 1]} labelBgBorderRadius={3} interactionWidth={10} />
      <path className="lv-arrow" d={head} />
    </g>
  );
}

const NODE_TYPES = { lvState: StateBox };
const EDGE_TYPES = { lvEdge: LvEdge };

/** The box to fit: nodes plus the arcs that rise above and drop below them. */
export function graphBounds(g: GraphModel): { x: number; y: number; width: number; height: number } {
  const ext = { above: 0, below: g.height, left: 0, right: g.width };
  for (const e of g.edges) {
    if (e.shape !== 'arc') continue;
    const reach = arcRise(e.level) + (e.side === 'left' || e.side === 'right' ? 8 + 3.5 * e.label.length : 10);
    if (e.side === 'above' || e.side === 'left') ext[e.side] = Math.min(ext[e.side], e.base - reach);
    else ext[e.side] = Math.max(ext[e.side], e.base + reach);
  }
  return { x: ext.left - 8, y: ext.above - 4, width: ext.right - ext.left + 16, height: ext.below - ext.above + 8 };
}

export function FlowGraph(props: {
  model: GraphModel;
  /** Drawn in the graph's coordinates (lane labels, the kexec line). */
  overlay?: ReactNode;
  onNodeClick?: (id: string) => void;
  /** Extra room above the graph for the overlay, in graph units. */
  overlayTop?: number;
}) {
  const theme = useApp((s) => s.theme);
  const rf = useRef<ReactFlowInstance<StateNodeT, LvEdgeT> | null>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const { model, overlayTop = 0 } = props;

  const nodes: StateNodeT[] = useMemo(
    () =>
      model.nodes.map((n) => ({
        id: n.id,
        type: 'lvState',
        position: { x: n.x, y: n.y },
        width: n.width,
        height: n.height,
        data: { label: n.label, sub: n.sub, terminal: n.shape === 'terminal' },
        className: ['lv-node', n.shape === 'terminal' ? 'lv-node-terminal' : '', ...n.classes.map((c) => `lv-${c}`)].filter(Boolean).join(' '),
        ariaLabel: n.ariaLabel,
        draggable: false,
        connectable: false,
        selectable: !!props.onNodeClick,
        focusable: !!props.onNodeClick && n.shape !== 'terminal',
      })),
    [model, props.onNodeClick],
  );
  const edges: LvEdgeT[] = useMemo(
    () =>
      model.edges.map((e) => ({
        id: e.id,
        type: 'lvEdge',
        source: e.source,
        target: e.target,
        sourceHandle: edgeHandles(e).source,
        targetHandle: edgeHandles(e).target,
        label: e.label,
        data: { shape: e.shape, orient: e.orient, side: e.side, level: e.level, base: e.base, note: e.note },
        className: ['lv-edge', ...e.marks.map((m) => `lv-${m}`)].join(' '),
        ariaLabel: `${e.label}: from ${e.source.replace(/^[sf]:/, '')} to ${e.target.replace(/^[sf]:/, '')}${e.marks.includes('taken') ? ' (the last transition)' : ''}${e.marks.includes('possible') ? ' (possible now)' : ''}. ${e.note}`,
        focusable: false,
        selectable: false,
        zIndex: e.marks.length ? 1 : 0,
      })),
    [model],
  );
  const bounds = useMemo(() => {
    const b = graphBounds(model);
    return { ...b, y: b.y - overlayTop, height: b.height + overlayTop };
  }, [model, overlayTop]);

  // Fit the whole graph, arcs included, now and whenever the panel changes size.
  const boundsRef = useRef(bounds);
  boundsRef.current = bounds;
  useEffect(() => {
    void rf.current?.fitBounds(bounds, { padding: 0.02 });
  }, [bounds]);
  useEffect(() => {
    const el = wrap.current;
    if (!el) return;
    const ro = new ResizeObserver(() => void rf.current?.fitBounds(boundsRef.current, { padding: 0.02 }));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  return (
    <div className="lv-flow" ref={wrap}>
      <ReactFlow<StateNodeT, LvEdgeT>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        onInit={(inst) => {
          rf.current = inst;
          void inst.fitBounds(boundsRef.current, { padding: 0.02 });
        }}
        onNodeClick={props.onNodeClick ? (_e, n) => props.onNodeClick!(n.id) : undefined}
        nodesDraggable={false}
        nodesConnectable={false}
        edgesFocusable={false}
        elementsSelectable={!!props.onNodeClick}
        panOnDrag={false}
        zoomOnScroll={false}
        zoomOnPinch={false}
        zoomOnDoubleClick={false}
        preventScrolling={false}
        minZoom={0.2}
        maxZoom={1.5}
        attributionPosition="bottom-right"
        colorMode={theme}
      >
        {props.overlay && <ViewportPortal>{props.overlay}</ViewportPortal>}
      </ReactFlow>
    </div>
  );
}
