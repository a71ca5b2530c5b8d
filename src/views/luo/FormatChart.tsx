// A grouped bar chart (SVG, d3 scales) of one metric of the format comparison, on a log axis.
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { FormatSeries } from '../../sim/kho/formats';
import { formatBytes } from '../../sim/units/size';
import { chartModel, FORMAT_ORDER, wrapLabel, type Metric } from './formatChart';

export const FORMAT_LABEL: Record<string, string> = { 'memfd-v1': 'memfd-v1 (vmalloc array)', sparse: 'sparse index + entries', radix: 'radix tracker' };

function useWidth(initial: number): [RefObject<HTMLElement | null>, number] {
  const ref = useRef<HTMLElement>(null);
  const [w, setW] = useState(initial);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setW(Math.max(240, Math.floor(el.clientWidth))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, w];
}

const short = (b: number) => formatBytes(b, 0).replace(/\.0+ /, ' ');

export function FormatChart({ series, metric, title, highlight }: { series: FormatSeries; metric: Metric; title: string; highlight?: number }) {
  const [ref, width] = useWidth(520);
  const height = 230;
  const m = chartModel(series, metric, { width, height }, { left: 62, right: 6, top: 10, bottom: 60 });
  const base = m.plot.top + m.plot.height;
  const summary = series.labels
    .map((l, g) => `${l}: ${series.series.map((s) => `${s.format} ${formatBytes(s[metric][g])}`).join(', ')}`)
    .join('; ');
  return (
    <figure className="lv-chart" ref={ref}>
      <figcaption>{title}</figcaption>
      <svg width={width} height={height} role="img" aria-label={`${title}. ${summary}`}>
        {m.ticks.map((t) => (
          <g key={t.value}>
            <line className="lv-grid" x1={m.plot.left} x2={m.plot.left + m.plot.width} y1={t.y} y2={t.y} />
            <text className="lv-tick" x={m.plot.left - 6} y={t.y} dy="0.32em" textAnchor="end">
              {short(t.value)}
            </text>
          </g>
        ))}
        {m.groups.map((g, i) => (
          <g key={i}>
            {i === highlight && <rect className="lv-chart-hl" x={g.x - 3} y={m.plot.top} width={g.width + 6} height={m.plot.height} rx={4} />}
            <text className={`lv-group-label${i === highlight ? ' lv-hl' : ''}`} x={g.x + g.width / 2} y={base + 14} textAnchor="middle">
              {wrapLabel(g.label, Math.max(8, Math.floor(g.width / 6.2))).map((part, k) => (
                <tspan key={k} x={g.x + g.width / 2} dy={k ? 13 : 0}>
                  {part}
                </tspan>
              ))}
            </text>
          </g>
        ))}
        {m.bars.map((b) => (
          <g key={`${b.group}-${b.format}`}>
            {b.zero ? (
              <text className="lv-zero" x={b.x + b.width / 2} y={base - 3} textAnchor="middle">
                0
              </text>
            ) : (
              <rect className={`lv-bar lv-f-${b.format}`} x={b.x} y={b.y} width={Math.max(1, b.width)} height={Math.max(1, b.height)}>
                <title>{`${FORMAT_LABEL[b.format]}: ${formatBytes(b.value)} (${series.labels[b.group]})`}</title>
              </rect>
            )}
          </g>
        ))}
        <line className="lv-axis" x1={m.plot.left} x2={m.plot.left + m.plot.width} y1={base} y2={base} />
      </svg>
    </figure>
  );
}

export function FormatLegend() {
  return (
    <ul className="lv-legend">
      {FORMAT_ORDER.map((f) => (
        <li key={f}>
          <span className={`lv-swatch lv-f-${f}`} aria-hidden="true" />
          {FORMAT_LABEL[f]}
        </li>
      ))}
    </ul>
  );
}
