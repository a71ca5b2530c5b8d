// Topology diagram: NUMA nodes in their memory tiers (fastest first, memory above compute, as
// lstopo draws it), each socket's CPUs, CXL host bridges, switches and memory devices below, other
// hosts that share a CXL region, and the SLIT matrix beside. Selecting a node here selects it
// everywhere; the node selected anywhere is highlighted here.
import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Selection } from '../../store/types';
import { useApp, useAppStore } from '../storeContext';
import { buildTopology, GUTTER, selectedNodeOf, type TopoBox, type TopoEdge, type Topology } from './build';

const MIN_SCALE = 0.7;
const MAX_SCALE = 1.2;
/** Larger machines show the first rows of the SLIT only (a 1024-node matrix is a million cells). */
const MATRIX_MAX = 16;

export function TopologyDiagram() {
  const store = useAppStore();
  const m = useApp((s) => s.scenario?.machine);
  const layout = useApp((s) => s.machine?.layout);
  const sel = useApp((s) => s.selection);
  const topo = useMemo(() => (m && layout ? buildTopology(m, layout) : null), [m, layout]);
  const wrap = useRef<HTMLDivElement>(null);
  const [avail, setAvail] = useState<number | null>(null);

  useLayoutEffect(() => {
    const el = wrap.current;
    if (!el) return;
    const measure = () => setAvail(el.clientHeight);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [topo !== null]);

  if (!topo) return <div className="topo" data-testid="topology" />;
  const scale = avail ? Math.min(MAX_SCALE, Math.max(MIN_SCALE, (avail - 2) / topo.height)) : 1;
  const node = selectedNodeOf(sel, m, layout);
  const direct = sel?.kind === 'node';
  const select = (s: Selection) => store.getState().select(s);

  return (
    <div className="topo" data-testid="topology">
      <div className="topo-scroll" ref={wrap}>
        <svg
          className="topo-svg"
          role="group"
          aria-label={`Topology: ${topo.summary}`}
          viewBox={`0 0 ${topo.width} ${topo.height}`}
          width={Math.round(topo.width * scale)}
          height={Math.round(topo.height * scale)}
        >
          <defs>
            <marker id="topo-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L8,4 L0,8 z" className="topo-arrowhead" />
            </marker>
          </defs>
          <Backdrop topo={topo} />
          {topo.edges.map((e) => (
            <Edge key={e.key} e={e} on={node !== null && e.nodes.includes(node)} />
          ))}
          {topo.boxes.map((b) => (
            <Box key={b.key} b={b} state={boxState(b, sel, node, direct)} onSelect={select} />
          ))}
          {topo.edges.map((e) => e.label && <EdgeLabel key={`l:${e.key}`} e={e} on={node !== null && e.nodes.includes(node)} />)}
        </svg>
      </div>
      <SlitMatrix topo={topo} node={node} onSelect={(id) => select({ kind: 'node', id: String(id) })} />
    </div>
  );
}

type BoxState = 'selected' | 'related' | null;

function boxState(b: TopoBox, sel: Selection | null, node: number | null, direct: boolean): BoxState {
  if (sel && b.select && b.select.kind === sel.kind && b.select.id === sel.id && b.kind !== 'package') return 'selected';
  if (node === null) return null;
  if (b.nodeId === node && b.kind === 'node') return direct ? 'selected' : 'related';
  if (b.nodes.includes(node)) return 'related';
  return null;
}

function Backdrop({ topo }: { topo: Topology }) {
  return (
    <g aria-hidden="true">
      {topo.bands.map((b, i) => (
        <g key={b.key}>
          <rect className={`topo-band${i % 2 ? ' alt' : ''}${b.tier === null ? ' memless' : ''}`} x={0} y={b.y} width={topo.width} height={b.h} />
          <text className="topo-gutter-title" x={8} y={b.y + b.h / 2 - 3}>
            {b.title}
          </text>
          <text className="topo-gutter-sub" x={8} y={b.y + b.h / 2 + 11}>
            {b.sub}
          </text>
        </g>
      ))}
      {topo.rows.map((r) => (
        <text key={r.title} className="topo-gutter-title" x={8} y={r.y + Math.min(r.h, 40) / 2 + 2}>
          {r.title}
        </text>
      ))}
      {topo.columns.map((c) => (
        <g key={c.key}>
          <rect className={`topo-col${c.host ? ' host' : ''}`} x={c.x} y={c.y} width={c.w} height={c.h} rx={8} />
          {c.host && (
            <text className="topo-gutter-sub" x={c.x + 8} y={c.y + 14}>
              {c.title}
            </text>
          )}
        </g>
      ))}
      <line className="topo-gutter-rule" x1={GUTTER - 6} x2={GUTTER - 6} y1={0} y2={topo.height} />
    </g>
  );
}

function Edge({ e, on }: { e: TopoEdge; on: boolean }) {
  const d = e.points.map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  return <path className={`topo-edge ${e.kind}${on ? ' on' : ''}`} d={d} markerEnd={e.kind === 'demote' ? 'url(#topo-arrow)' : undefined} aria-hidden="true" />;
}

function EdgeLabel({ e, on }: { e: TopoEdge; on: boolean }) {
  const l = e.label!;
  const w = l.text.length * 6.2 + 8;
  return (
    <g className={`topo-edge-label ${e.kind}${on ? ' on' : ''}`} aria-hidden="true">
      <rect x={l.x - w / 2} y={l.y - 7.5} width={w} height={15} rx={7.5} />
      <text x={l.x} y={l.y + 3.8} textAnchor="middle">
        {l.text}
      </text>
      {e.kind === 'demote' && <title>demotion target; SLIT distance {l.text}</title>}
    </g>
  );
}

function Box({ b, state, onSelect }: { b: TopoBox; state: BoxState; onSelect(s: Selection): void }) {
  const sel = b.select;
  const cls = `topo-box ${b.kind}${b.kind === 'node' ? ` t-${b.title.split(' · ')[1]?.toLowerCase() ?? ''}` : ''}${state ? ` ${state}` : ''}${b.faded ? ' faded' : ''}`;
  const interactive = sel
    ? {
        role: 'button',
        tabIndex: 0,
        'aria-label': b.label,
        'aria-pressed': state === 'selected',
        onClick: () => onSelect(sel),
        onKeyDown: (e: KeyboardEvent) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            onSelect(sel);
          }
        },
      }
    : { role: 'img', 'aria-label': b.label };
  const small = b.kind === 'bridge' || b.kind === 'switch';
  return (
    <g className={cls} data-testid={`topo-${b.key}`} {...interactive}>
      <rect x={b.x} y={b.y} width={b.w} height={b.h} rx={small ? 4 : 6} />
      <text className="topo-title" x={b.x + 8} y={b.y + (small ? b.h / 2 + 4 : 14)}>
        {b.title}
      </text>
      {b.lines.map((l, i) => (
        <text key={i} className="topo-line" x={b.x + 8} y={b.y + 27 + i * 12}>
          {l}
        </text>
      ))}
    </g>
  );
}

function SlitMatrix({ topo, node, onSelect }: { topo: Topology; node: number | null; onSelect(id: number): void }) {
  const { slit } = topo.matrix;
  const all = topo.matrix.ids;
  if (all.length < 2) return null;
  const ids = all.slice(0, MATRIX_MAX);
  const d = topo.matrix.d.slice(0, MATRIX_MAX).map((row) => row.slice(0, MATRIX_MAX));
  const max = Math.max(...d.flat());
  return (
    <div className="topo-matrix">
      <table className="topo-slit" data-testid="slit-matrix">
        <caption>
          SLIT distances
          {!slit && <span className="topo-slit-note"> (none given: 10 local, 20 remote)</span>}
          {all.length > ids.length && <span className="topo-slit-note"> first {ids.length} of {all.length} nodes</span>}
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="sr-only">from node, to node</span>
            </th>
            {ids.map((id) => (
              <th key={id} scope="col" className={id === node ? 'on' : undefined}>
                {id}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ids.map((a, i) => (
            <tr key={a} className={a === node ? 'on' : undefined}>
              <th scope="row">
                <button type="button" className="link" aria-pressed={a === node} aria-label={`node ${a}`} onClick={() => onSelect(a)}>
                  {a}
                </button>
              </th>
              {d[i].map((v, j) => (
                <td
                  key={j}
                  className={ids[j] === node || a === node ? 'on' : undefined}
                  style={{ background: v === 10 ? undefined : `color-mix(in srgb, var(--accent) ${Math.round(((v - 10) / Math.max(1, max - 10)) * 28)}%, transparent)` }}
                >
                  {v}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
