// A small layered ("Sugiyama-style") layout for state graphs, left to right (or top to bottom):
//  1. cycle breaking: a depth-first search in input order marks back edges (an edge into a node
//     still on the stack), so the first node is the root;
//  2. layering: longest path over the remaining (forward) edges, at least `minLayer`;
//  3. ordering: within a layer, by lane, then by the mean row of the predecessors, then input order;
//  4. coordinates: a layer is as wide as its widest node; a row of a lane as tall as its tallest node.
// Pure and deterministic; the views draw forward edges straight and back edges as arcs.

export interface LayoutNode {
  id: string;
  width: number;
  height: number;
  /** Horizontal band (0 = top); nodes of one lane never share rows with another lane. */
  lane?: number;
  /** Lowest layer this node may take (to align the columns of separate chains). */
  minLayer?: number;
}

export interface LayoutEdge {
  id: string;
  source: string;
  target: string;
}

export interface LayoutOptions {
  /** Horizontal space between layers. */
  layerGap: number;
  /** Vertical space between rows of one lane. */
  rowGap: number;
  /** Vertical space between lanes. */
  laneGap: number;
  /** LR: layers are columns, lanes are bands of rows (default). TB: layers are rows, lanes side by side. */
  direction?: 'LR' | 'TB';
  /** Extra space before some layers (layer index → px), e.g. to open room for a boundary. */
  gapBefore?: Record<number, number>;
}

export interface PlacedNode {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  layer: number;
  lane: number;
  /** Row within the lane. */
  row: number;
}

export interface Layout {
  nodes: Record<string, PlacedNode>;
  /** Edges that close a cycle (drawn as arcs); every other edge goes to a higher layer. */
  backEdges: Set<string>;
  /** Forward edges between adjacent layers of one lane (drawn straight, diagonal across rows). */
  straightEdges: Set<string>;
  layers: number;
  width: number;
  height: number;
  /** Left edge of each layer and top of each lane (swapped when TB). */
  layerX: number[];
  laneY: number[];
}

export const DEFAULT_LAYOUT: LayoutOptions = { layerGap: 40, rowGap: 14, laneGap: 28 };

/** Lays out a graph; edges naming unknown nodes are ignored. */
export function layeredLayout(nodes: LayoutNode[], edges: LayoutEdge[], opts: LayoutOptions = DEFAULT_LAYOUT): Layout {
  if (opts.direction !== 'TB') return layoutLR(nodes, edges, opts);
  // Top to bottom is left to right with the axes swapped.
  const l = layoutLR(
    nodes.map((n) => ({ ...n, width: n.height, height: n.width })),
    edges,
    opts,
  );
  const placed: Record<string, PlacedNode> = {};
  for (const p of Object.values(l.nodes)) placed[p.id] = { ...p, x: p.y, y: p.x, width: p.height, height: p.width };
  return { ...l, nodes: placed, width: l.height, height: l.width };
}

function layoutLR(nodes: LayoutNode[], edges: LayoutEdge[], opts: LayoutOptions): Layout {
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const valid = edges.filter((e) => index.has(e.source) && index.has(e.target));
  const out = nodes.map(() => [] as { e: LayoutEdge; to: number }[]);
  for (const e of valid) out[index.get(e.source)!].push({ e, to: index.get(e.target)! });

  // 1. Back edges by iterative DFS in input order.
  const back = new Set<string>();
  const state = new Uint8Array(nodes.length); // 0 new, 1 on stack, 2 done
  for (let root = 0; root < nodes.length; root++) {
    if (state[root]) continue;
    const stack: { v: number; i: number }[] = [{ v: root, i: 0 }];
    state[root] = 1;
    while (stack.length) {
      const top = stack[stack.length - 1];
      if (top.i >= out[top.v].length) {
        state[top.v] = 2;
        stack.pop();
        continue;
      }
      const { e, to } = out[top.v][top.i++];
      if (state[to] === 1) back.add(e.id);
      else if (state[to] === 0) {
        state[to] = 1;
        stack.push({ v: to, i: 0 });
      }
    }
  }

  // 2. Longest-path layering over forward edges (Kahn's order).
  const fwd = valid.filter((e) => !back.has(e.id));
  const indeg = new Array<number>(nodes.length).fill(0);
  const succ = nodes.map(() => [] as number[]);
  const pred = nodes.map(() => [] as number[]);
  for (const e of fwd) {
    const s = index.get(e.source)!;
    const t = index.get(e.target)!;
    succ[s].push(t);
    pred[t].push(s);
    indeg[t]++;
  }
  const layer = nodes.map((n) => Math.max(0, Math.floor(n.minLayer ?? 0)));
  const queue: number[] = [];
  for (let i = 0; i < nodes.length; i++) if (indeg[i] === 0) queue.push(i);
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q];
    for (const t of succ[v]) {
      layer[t] = Math.max(layer[t], layer[v] + 1);
      if (--indeg[t] === 0) queue.push(t);
    }
  }
  const layers = nodes.length ? Math.max(...layer) + 1 : 0;

  // 3. Order within each layer: lane, then barycentre of predecessors, then input order.
  const lane = nodes.map((n) => Math.max(0, Math.floor(n.lane ?? 0)));
  const row = new Array<number>(nodes.length).fill(0);
  const byLayer: number[][] = Array.from({ length: layers }, () => []);
  nodes.forEach((_n, i) => byLayer[layer[i]].push(i));
  for (const members of byLayer) {
    const bary = (v: number) => {
      const ps = pred[v].filter((p) => layer[p] < layer[v] && lane[p] === lane[v]);
      return ps.length ? ps.reduce((s, p) => s + row[p], 0) / ps.length : Number.POSITIVE_INFINITY;
    };
    const keyed = members.map((v) => ({ v, lane: lane[v], b: bary(v) }));
    keyed.sort((a, b) => a.lane - b.lane || (a.b === b.b ? 0 : a.b < b.b ? -1 : 1) || a.v - b.v);
    const used = new Map<number, number>();
    for (const { v, lane: l } of keyed) {
      row[v] = used.get(l) ?? 0;
      used.set(l, row[v] + 1);
    }
  }

  // 4. Coordinates.
  const layerWidth = new Array<number>(layers).fill(0);
  nodes.forEach((n, i) => (layerWidth[layer[i]] = Math.max(layerWidth[layer[i]], n.width)));
  const layerX: number[] = [];
  let x = 0;
  for (let l = 0; l < layers; l++) {
    x += l > 0 ? (opts.gapBefore?.[l] ?? 0) : 0;
    layerX.push(x);
    x += layerWidth[l] + (l < layers - 1 ? opts.layerGap : 0);
  }
  const lanes = nodes.length ? Math.max(...lane) + 1 : 0;
  // Height of each row of each lane: its tallest node.
  const rowSize: number[][] = Array.from({ length: lanes }, () => []);
  nodes.forEach((n, i) => {
    const r = rowSize[lane[i]];
    r[row[i]] = Math.max(r[row[i]] ?? 0, n.height);
  });
  const laneY: number[] = [];
  const rowY: number[][] = [];
  let y = 0;
  for (let l = 0; l < lanes; l++) {
    laneY.push(y);
    const sizes = Array.from(rowSize[l], (v) => v ?? 0);
    const ys: number[] = [];
    let inLane = 0;
    sizes.forEach((h, r) => {
      ys.push(y + inLane);
      inLane += h + (r < sizes.length - 1 ? opts.rowGap : 0);
    });
    rowY.push(ys);
    if (sizes.length) y += inLane + opts.laneGap;
  }
  const height = Math.max(0, y - (lanes && y > 0 ? opts.laneGap : 0));

  const placed: Record<string, PlacedNode> = {};
  nodes.forEach((n, i) => {
    const l = lane[i];
    placed[n.id] = {
      id: n.id,
      // Centred in its layer's column and in its row.
      x: layerX[layer[i]] + (layerWidth[layer[i]] - n.width) / 2,
      y: rowY[l][row[i]] + (rowSize[l][row[i]] - n.height) / 2,
      width: n.width,
      height: n.height,
      layer: layer[i],
      lane: l,
      row: row[i],
    };
  });
  const straight = new Set<string>();
  for (const e of fwd) {
    const a = placed[e.source];
    const b = placed[e.target];
    if (a.lane === b.lane && b.layer === a.layer + 1) straight.add(e.id);
  }
  return { nodes: placed, backEdges: back, straightEdges: straight, layers, width: x, height, layerX, laneY };
}
