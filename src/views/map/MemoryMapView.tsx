import { useEffect, useMemo, useRef, useState } from 'react';
import { formatBytes } from '../../sim/units/size';
import { prepareCanvas, themeColor, useSize } from '../canvas';
import { Panel, SimplificationNote } from '../Panel';
import { useApp, useAppStore } from '../storeContext';
import { layoutMap, type PlacedRange } from './layout';

const LANE_H = 44;
const LANE_GAP = 10;
const LABEL_W = 116;
const TOP = 18;

const TYPE_COLOR: Record<string, string> = {
  'system-ram': '--c-ram',
  reserved: '--c-reserved',
  'persistent-legacy': '--c-pmem',
  persistent: '--c-pmem',
  'soft-reserved': '--c-soft',
  'cxl-window': '--c-cxl',
};

export function MemoryMapView({ panelRef }: { panelRef: (el: HTMLElement | null) => void }) {
  const store = useAppStore();
  const machine = useApp((s) => s.scenario?.machine);
  const selection = useApp((s) => s.selection);
  const theme = useApp((s) => s.theme);
  const [wrap, size] = useSize<HTMLDivElement>();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<{ p: PlacedRange; x: number; y: number } | null>(null);
  const layout = useMemo(() => (machine && size.w > LABEL_W ? layoutMap(machine, size.w - LABEL_W - 8) : null), [machine, size.w]);
  const height = layout ? TOP + layout.lanes.length * (LANE_H + LANE_GAP) + 8 : 0;

  useEffect(() => {
    const c = canvas.current;
    if (!c || !layout) return;
    const ctx = prepareCanvas(c, size.w, height);
    if (!ctx) return;
    ctx.font = '12px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    const fg = themeColor('--fg');
    const muted = themeColor('--muted');
    const sel = themeColor('--sel');
    layout.lanes.forEach((lane, i) => {
      const y = TOP + i * (LANE_H + LANE_GAP);
      const selected = selection?.kind === 'node' && selection.id === String(lane.node);
      ctx.fillStyle = selected ? sel : fg;
      ctx.fillText(fit(ctx, lane.label, LABEL_W - 8), 0, y + LANE_H / 2);
      ctx.fillStyle = themeColor('--lane');
      ctx.fillRect(LABEL_W, y, layout.width, LANE_H);
    });
    for (const h of layout.holes) {
      ctx.strokeStyle = muted;
      ctx.setLineDash([2, 3]);
      ctx.beginPath();
      ctx.moveTo(LABEL_W + h.x, TOP - 6);
      ctx.lineTo(LABEL_W + h.x, height - 4);
      ctx.stroke();
      ctx.setLineDash([]);
    }
    for (const p of layout.ranges) {
      const y = TOP + p.lane * (LANE_H + LANE_GAP);
      const x = LABEL_W + p.x;
      ctx.fillStyle = themeColor(TYPE_COLOR[p.range.type] ?? '--c-reserved');
      ctx.globalAlpha = p.range.online ? 1 : 0.45;
      ctx.fillRect(x, y + 3, Math.max(1, p.w - 1), LANE_H - 6);
      ctx.globalAlpha = 1;
      const isSel = (selection?.kind === 'range' && selection.id === p.range.id) || (selection?.kind === 'node' && selection.id === String(p.range.node));
      if (isSel) {
        ctx.strokeStyle = sel;
        ctx.lineWidth = 2.5;
        ctx.strokeRect(x + 1, y + 2, Math.max(1, p.w - 3), LANE_H - 4);
        ctx.lineWidth = 1;
      }
      const text = `${p.range.zone ?? p.range.type} · ${formatBytes(p.range.size, 1)}`;
      if (p.w > 60) {
        ctx.fillStyle = themeColor('--on-block');
        ctx.fillText(fit(ctx, text, p.w - 8), x + 4, y + LANE_H / 2);
      }
    }
    ctx.fillStyle = muted;
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillText('lowest address', LABEL_W, 8);
    const hi = 'highest address →';
    ctx.fillText(hi, LABEL_W + layout.width - ctx.measureText(hi).width, 8);
  }, [layout, size.w, height, selection, theme]);

  const hit = (ev: React.MouseEvent): PlacedRange | undefined => {
    if (!layout) return;
    const r = (ev.target as HTMLCanvasElement).getBoundingClientRect();
    const x = ev.clientX - r.left - LABEL_W;
    const y = ev.clientY - r.top - TOP;
    const lane = Math.floor(y / (LANE_H + LANE_GAP));
    return layout.ranges.find((p) => p.lane === lane && x >= p.x && x < p.x + p.w);
  };

  const totals = machine
    ? machine.ranges.reduce<Record<string, number>>((a, r) => ((a[r.type] = (a[r.type] ?? 0) + r.size), a), {})
    : {};
  const summary = machine
    ? `${machine.nodes.length} NUMA nodes; ${Object.entries(totals)
        .map(([t, b]) => `${formatBytes(b)} ${t}`)
        .join(', ')}.`
    : '';

  return (
    <Panel view="map" title="Physical memory map" subtitle="one lane per NUMA node, addresses left to right" panelRef={panelRef}>
      <div ref={wrap} className="map-wrap">
        {layout && (
          <canvas
            ref={canvas}
            style={{ width: size.w, height }}
            role="img"
            aria-label={`Physical memory map. ${summary}`}
            onMouseMove={(e) => {
              const p = hit(e);
              setHover(p ? { p, x: e.nativeEvent.offsetX, y: e.nativeEvent.offsetY } : null);
            }}
            onMouseLeave={() => setHover(null)}
            onClick={(e) => {
              const p = hit(e);
              store.getState().select(p ? { kind: 'range', id: p.range.id } : null);
            }}
          />
        )}
        {hover && (
          <div className="tooltip" style={{ left: Math.min(hover.x + 12, size.w - 220), top: hover.y + 12 }}>
            <strong>{hover.p.range.label ?? hover.p.range.id}</strong>
            <div>
              {hover.p.range.type}
              {hover.p.range.zone ? `, ZONE_${hover.p.range.zone.toUpperCase()}` : ''}, node {hover.p.range.node}
            </div>
            <div>
              0x{hover.p.range.start.toString(16)} – 0x{(hover.p.range.start + hover.p.range.size - 1).toString(16)}
            </div>
            <div>{formatBytes(hover.p.range.size)}</div>
          </div>
        )}
      </div>
      <ul className="legend" aria-label="Legend">
        {Object.entries({ 'System RAM': '--c-ram', reserved: '--c-reserved', 'persistent memory': '--c-pmem', 'CXL window': '--c-cxl', 'soft reserved': '--c-soft' }).map(([k, v]) => (
          <li key={k}>
            <span className="swatch" style={{ background: `var(${v})` }} />
            {k}
          </li>
        ))}
        <li>┊ hole between ranges (compressed)</li>
      </ul>
      <div className="chips" aria-label="Nodes and ranges">
        {machine?.nodes.map((n) => (
          <button key={`n${n.id}`} type="button" className={selection?.kind === 'node' && selection.id === String(n.id) ? 'chip on' : 'chip'} onClick={() => store.getState().select({ kind: 'node', id: String(n.id) })}>
            node {n.id}
          </button>
        ))}
        {machine?.ranges.map((r) => (
          <button key={r.id} type="button" className={selection?.kind === 'range' && selection.id === r.id ? 'chip on' : 'chip'} onClick={() => store.getState().select({ kind: 'range', id: r.id })}>
            {r.id}
          </button>
        ))}
      </div>
      <SimplificationNote>ranges are drawn to scale; holes between them are compressed to a fixed gap, and ranges narrower than 6 px are widened so they stay visible.</SimplificationNote>
    </Panel>
  );
}

function fit(ctx: CanvasRenderingContext2D, text: string, max: number): string {
  if (ctx.measureText(text).width <= max) return text;
  let t = text;
  while (t.length > 1 && ctx.measureText(t + '…').width > max) t = t.slice(0, -1);
  return t.length > 1 ? t + '…' : '';
}
