// Lays the physical address map out on a compressed axis: every range to scale, every hole
// between ranges shrunk to a fixed gap, tiny ranges widened to stay visible.
import type { Machine, MachineRange } from '../../sim/machine/schema';

export const HOLE_PX = 14;
export const MIN_RANGE_PX = 6;

export interface PlacedRange {
  range: MachineRange;
  x: number;
  w: number;
  lane: number;
}

export interface MapLayout {
  lanes: { node: number; label: string }[];
  ranges: PlacedRange[];
  holes: { x: number; bytes: number }[];
  width: number;
}

const TIER_ORDER = { hbm: 0, dram: 1, cxl: 2, pmem: 3 } as const;

export function layoutMap(m: Machine, width: number): MapLayout {
  // Memory above compute, fastest first, like lstopo: order lanes by tier, then node id.
  const nodes = [...m.nodes].sort((a, b) => TIER_ORDER[a.tier] - TIER_ORDER[b.tier] || a.id - b.id);
  const laneOf = new Map(nodes.map((n, i) => [n.id, i]));
  const sorted = [...m.ranges].sort((a, b) => a.start - b.start || b.size - a.size);

  // Columns: maximal runs of overlapping ranges share x; gaps between runs become holes.
  const cols: { start: number; end: number; items: MachineRange[] }[] = [];
  for (const r of sorted) {
    const last = cols[cols.length - 1];
    if (last && r.start < last.end) {
      last.items.push(r);
      last.end = Math.max(last.end, r.start + r.size);
    } else cols.push({ start: r.start, end: r.start + r.size, items: [r] });
  }
  const holes = cols.filter((c, i) => i > 0 && c.start > cols[i - 1].end).length + (cols[0]?.start > 0 ? 1 : 0);
  const avail = Math.max(50, width - holes * HOLE_PX - cols.length * MIN_RANGE_PX);
  const total = cols.reduce((a, c) => a + (c.end - c.start), 0) || 1;

  const placed: PlacedRange[] = [];
  const holeMarks: MapLayout['holes'] = [];
  let x = 0;
  let prevEnd = 0;
  for (const c of cols) {
    if (c.start > prevEnd) {
      holeMarks.push({ x: x + HOLE_PX / 2, bytes: c.start - prevEnd });
      x += HOLE_PX;
    }
    const cw = MIN_RANGE_PX + ((c.end - c.start) / total) * avail;
    for (const r of c.items) {
      const rx = x + ((r.start - c.start) / (c.end - c.start)) * cw;
      placed.push({ range: r, x: rx, w: Math.max(MIN_RANGE_PX, (r.size / (c.end - c.start)) * cw), lane: laneOf.get(r.node) ?? 0 });
    }
    x += cw;
    prevEnd = c.end;
  }
  return { lanes: nodes.map((n) => ({ node: n.id, label: n.label ?? `node ${n.id}` })), ranges: placed, holes: holeMarks, width: x };
}
