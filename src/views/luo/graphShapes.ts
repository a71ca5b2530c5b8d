// What the state-graph views draw, as plain data: positioned nodes, and edges that are either
// straight (neighbouring layers of one lane) or arcs beside the lane (back edges, long jumps):
// above/below it when layers run left to right, left/right of it when they run top to bottom.
// Also the SVG paths of those edges and their arrowheads.

export type NodeShape = 'state' | 'terminal';

export interface GraphNodeModel {
  id: string;
  label: string;
  /** Second line: a count, the sysfs string, "you are here". */
  sub: string;
  shape: NodeShape;
  x: number;
  y: number;
  width: number;
  height: number;
  /** current, preview, occupied, empty, focus, selected */
  classes: string[];
  ariaLabel: string;
}

export type EdgeMark = 'taken' | 'possible' | 'preview';
export type ArcSide = 'above' | 'below' | 'left' | 'right';

export interface GraphEdgeModel {
  id: string;
  source: string;
  target: string;
  label: string;
  /** Where the work happens (tooltip). */
  note: string;
  shape: 'straight' | 'arc';
  /** Straight edges run along the layers: LR (left to right) or TB (top to bottom). */
  orient: 'LR' | 'TB';
  side: ArcSide;
  /** Nesting level of an arc: 1 for the innermost; higher arcs rise further. */
  level: number;
  /** The line an arc keeps clear of: the top (above), bottom (below), left or right of its band. */
  base: number;
  marks: EdgeMark[];
}

export interface GraphModel {
  nodes: GraphNodeModel[];
  edges: GraphEdgeModel[];
  width: number;
  height: number;
}

export type Extent = Record<ArcSide, number>;

/** The extent of each band of nodes (nodes grouped by `band`), for arcs to clear them. */
export function bandExtents(nodes: Pick<GraphNodeModel, 'id' | 'x' | 'y' | 'width' | 'height'>[], band: (id: string) => string): Record<string, Extent> {
  const out: Record<string, Extent> = {};
  for (const n of nodes) {
    const b = band(n.id);
    const e = (out[b] ??= { above: n.y, below: n.y + n.height, left: n.x, right: n.x + n.width });
    e.above = Math.min(e.above, n.y);
    e.below = Math.max(e.below, n.y + n.height);
    e.left = Math.min(e.left, n.x);
    e.right = Math.max(e.right, n.x + n.width);
  }
  return out;
}

/**
 * Nesting level of each arc on one side: 1 + the deepest arc whose span lies inside its span
 * (spans in layers; equal spans stack in input order). Keeps arcs from drawing over each other.
 */
export function arcLevels(arcs: { id: string; side: ArcSide; from: number; to: number }[]): Record<string, number> {
  const level: Record<string, number> = {};
  const span = (a: { from: number; to: number }) => [Math.min(a.from, a.to), Math.max(a.from, a.to)] as const;
  const sorted = arcs.map((a, i) => ({ a, i, w: span(a)[1] - span(a)[0] })).sort((x, y) => x.w - y.w || x.i - y.i);
  const done: typeof arcs = [];
  for (const { a } of sorted) {
    const [lo, hi] = span(a);
    let inner = 0;
    for (const b of done) {
      if (b.side !== a.side) continue;
      const [blo, bhi] = span(b);
      if (blo >= lo && bhi <= hi) inner = Math.max(inner, level[b.id]);
    }
    level[a.id] = inner + 1;
    done.push(a);
  }
  return level;
}

/** Rise of an arc of a given level above (or drop below) its row, in px. */
export function arcRise(level: number): number {
  return 16 + 16 * (level - 1);
}

/**
 * Rounded-rectangle arc from (sx, sy) out to the line c, along it, and back to (tx, ty). The line
 * is horizontal (y = c, axis 'y': arcs above or below) or vertical (x = c, axis 'x': left or right).
 */
export function arcPath(sx: number, sy: number, tx: number, ty: number, c: number, r = 8, axis: 'x' | 'y' = 'y'): string {
  const P = axis === 'y' ? (u: number, v: number) => `${u} ${v}` : (u: number, v: number) => `${v} ${u}`;
  const [su, sv, tu, tv] = axis === 'y' ? [sx, sy, tx, ty] : [sy, sx, ty, tx];
  const dir = tu < su ? -1 : 1;
  const out = c < sv ? -1 : 1;
  const rr = Math.max(0, Math.min(r, Math.abs(tu - su) / 2, Math.abs(c - sv), Math.abs(c - tv)));
  return [
    `M ${P(su, sv)}`,
    `L ${P(su, c - out * rr)}`,
    `Q ${P(su, c)} ${P(su + dir * rr, c)}`,
    `L ${P(tu - dir * rr, c)}`,
    `Q ${P(tu, c)} ${P(tu, c - out * rr)}`,
    `L ${P(tu, tv)}`,
  ].join(' ');
}

/** A small closed triangle with its tip at (x, y), pointing in direction (dx, dy). */
export function arrowHead(x: number, y: number, dx: number, dy: number, size = 7): string {
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  const bx = x - ux * size;
  const by = y - uy * size;
  const px = -uy * size * 0.55;
  const py = ux * size * 0.55;
  return `M ${x} ${y} L ${bx + px} ${by + py} L ${bx - px} ${by - py} Z`;
}
