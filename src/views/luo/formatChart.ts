// Chart model of the format comparison: grouped bars (one group per file, one bar per format)
// on a logarithmic byte axis, built with d3 scales. Zero is not on a log axis: zero bars are
// flagged and drawn as a marker on the baseline.
import { scaleBand, scaleLog } from 'd3';
import type { FormatId, FormatSeries } from '../../sim/kho/formats';

export type Metric = 'metadataBytes' | 'extraMemoryBytes';

export interface Bar {
  group: number;
  format: FormatId;
  x: number;
  width: number;
  y: number;
  height: number;
  value: number;
  zero: boolean;
}

export interface ChartModel {
  bars: Bar[];
  groups: { x: number; width: number; label: string }[];
  ticks: { y: number; value: number }[];
  plot: { left: number; top: number; width: number; height: number };
}

export const FORMAT_ORDER: FormatId[] = ['memfd-v1', 'sparse', 'radix'];

export function chartModel(series: FormatSeries, metric: Metric, size: { width: number; height: number }, margin = { left: 64, right: 8, top: 8, bottom: 40 }): ChartModel {
  const plot = { left: margin.left, top: margin.top, width: Math.max(10, size.width - margin.left - margin.right), height: Math.max(10, size.height - margin.top - margin.bottom) };
  const values = series.series.flatMap((s) => s[metric]);
  const positive = values.filter((v) => v > 0);
  const lo = positive.length ? Math.min(...positive) : 4096;
  const hi = positive.length ? Math.max(...positive) : 4096;
  // Whole powers of 1024 around the data, at least one decade of 1024 tall.
  const e0 = Math.floor(Math.log2(lo) / 10) * 10;
  const e1 = Math.max(e0 + 10, Math.ceil(Math.log2(hi) / 10) * 10);
  const y = scaleLog()
    .base(2)
    .domain([2 ** e0, 2 ** e1])
    .range([plot.top + plot.height, plot.top])
    .clamp(true);
  const x = scaleBand<number>()
    .domain(series.labels.map((_l, i) => i))
    .range([plot.left, plot.left + plot.width])
    .paddingInner(0.25)
    .paddingOuter(0.1);
  const inner = scaleBand<FormatId>().domain(FORMAT_ORDER).range([0, x.bandwidth()]).padding(0.08);
  const bars: Bar[] = [];
  series.labels.forEach((_label, g) => {
    for (const s of series.series) {
      const v = s[metric][g];
      const top = v > 0 ? y(v) : plot.top + plot.height;
      bars.push({ group: g, format: s.format, x: x(g)! + inner(s.format)!, width: inner.bandwidth(), y: top, height: plot.top + plot.height - top, value: v, zero: v <= 0 });
    }
  });
  const step = e1 - e0 > 30 ? 10 : 5;
  const ticks: { y: number; value: number }[] = [];
  for (let e = e0; e <= e1; e += step) ticks.push({ y: y(2 ** e), value: 2 ** e });
  return { bars, groups: series.labels.map((label, g) => ({ x: x(g)!, width: x.bandwidth(), label })), ticks, plot };
}

/** Splits a label into lines of at most `max` characters, at spaces (a longer word stays whole). */
export function wrapLabel(text: string, max: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const w of text.split(/\s+/).filter(Boolean)) {
    if (cur && cur.length + 1 + w.length > max) {
      lines.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(cur);
  return lines;
}
