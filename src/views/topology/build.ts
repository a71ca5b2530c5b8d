// The topology diagram as data: boxes, edges, tier bands and socket columns laid out like lstopo
// (memory above compute, fastest tier first, CXL devices below their package), plus the SLIT
// matrix. Pure: TopologyDiagram.tsx only draws it; build.test.ts checks it.
import type { Layout } from '../../sim/machine/layout';
import type { Machine, MachineNode } from '../../sim/machine/schema';
import { distanceFn, nearestCpuNode } from '../../sim/machine/topology';

export type BoxKind = 'node' | 'package' | 'bridge' | 'switch' | 'memdev' | 'host';

export interface TopoBox {
  key: string;
  kind: BoxKind;
  x: number;
  y: number;
  w: number;
  h: number;
  title: string;
  lines: string[];
  /** The NUMA node the box is (node boxes, single-node packages). */
  nodeId?: number;
  /** What a click selects: the node, or a memdev's JSON path. */
  select?: { kind: 'node' | 'range'; id: string };
  /** Nodes this box belongs to or feeds: highlighted with them. */
  nodes: number[];
  /** Shown greyed: a node without memory, a device in no region. */
  faded?: boolean;
  /** Read by screen readers. */
  label: string;
}

export interface TopoEdge {
  key: string;
  kind: 'demote' | 'io' | 'share';
  points: [number, number][];
  label?: { x: number; y: number; text: string };
  /** Nodes at either end, for highlighting. */
  nodes: number[];
}

export interface TopoBand {
  key: string;
  tier: number | null;
  y: number;
  h: number;
  title: string;
  sub: string;
}

export interface TopoColumn {
  key: string;
  x: number;
  y: number;
  w: number;
  h: number;
  title: string;
  host: boolean;
}

export interface TopoRow {
  y: number;
  h: number;
  title: string;
}

export interface Topology {
  width: number;
  height: number;
  bands: TopoBand[];
  /** Unbanded rows (CPUs, CXL) with their gutter titles. */
  rows: TopoRow[];
  columns: TopoColumn[];
  boxes: TopoBox[];
  edges: TopoEdge[];
  matrix: { ids: number[]; d: number[][]; slit: boolean };
  summary: string;
}

// Geometry, in SVG user units (= CSS px at scale 1).
export const GUTTER = 128;
const PAD = 6;
const COL_PAD = 8;
const COL_GAP = 14;
const GAP = 8;
const BAND_H = 48;
const NODE_H = 34;
const PKG_ROW = 40;
const PKG_H = 32;
const IO_ROW = 26;
const BRIDGE_H = 18;
const MEMDEV_H = 32;
const ROUTE = 18;
const CHAR = 6.4;

const boxWidth = (title: string, lines: string[], min: number) => Math.max(min, Math.ceil(Math.max(title.length * (CHAR + 0.4), ...lines.map((l) => l.length * CHAR)) + 16));

/** "190G", "2.9T", "512M": short enough for a box. */
export function shortBytes(n: number): string {
  const units: [string, number][] = [
    ['T', 2 ** 40],
    ['G', 2 ** 30],
    ['M', 2 ** 20],
    ['K', 2 ** 10],
  ];
  for (const [u, v] of units) {
    if (n >= v) {
      const x = n / v;
      return `${x < 10 && !Number.isInteger(x) ? x.toFixed(1) : Math.round(x)}${u}`;
    }
  }
  return `${n}B`;
}

/** "0-27,56-83": a CPU list as the kernel prints it. */
export function cpuList(cpus: readonly number[]): string {
  const s = [...cpus].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < s.length; ) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j] + 1) j++;
    out.push(i === j ? String(s[i]) : `${s[i]}-${s[j]}`);
    i = j + 1;
  }
  return out.join(',');
}

const KIND_TEXT: Record<MachineNode['tier'], string> = { dram: 'DRAM', hbm: 'HBM', pmem: 'pmem', cxl: 'CXL' };

interface IoTree {
  id: string;
  kind: 'bridge' | 'switch' | 'memdev';
  children: IoTree[];
  width: number;
}

export function buildTopology(m: Machine, layout: Layout): Topology {
  const byId = new Map(layout.nodes.map((n) => [n.id, n]));
  const dist = distanceFn(m);
  const socketOf = (n: MachineNode): number => n.socket ?? (n.cpus.length ? n.id : (m.nodes.find((x) => x.id === nearestCpuNode(m, n.id))?.socket ?? nearestCpuNode(m, n.id)));
  const cxl = m.cxl;
  const bridgeSocket = new Map((cxl?.hostBridges ?? []).map((b) => [b.id, b.socket]));
  const sockets = [...new Set([...m.nodes.map(socketOf), ...bridgeSocket.values()])].sort((a, b) => a - b);

  // Memory bands, fastest first; memory-only nodes without memory go to a band of their own.
  const tiers = [...layout.tiers].sort((a, b) => a.id - b.id);
  const tierOf = new Map<number, number>();
  tiers.forEach((t, i) => t.nodes.forEach((n) => tierOf.set(n, i)));
  const memless = m.nodes.filter((n) => !tierOf.has(n.id) && n.cpus.length === 0);
  const bandDefs: { key: string; tier: number | null; title: string; sub: string; nodes: MachineNode[] }[] = tiers.map((t) => {
    const ad = t.nodes.map((n) => byId.get(n)?.adistance ?? 0);
    const lo = Math.min(...ad);
    const hi = Math.max(...ad);
    return { key: `tier${t.id}`, tier: t.id, title: `memory_tier${t.id}`, sub: lo === hi ? `adistance ${lo}` : `adistance ${lo}–${hi}`, nodes: m.nodes.filter((n) => t.nodes.includes(n.id)) };
  });
  if (memless.length) bandDefs.push({ key: 'memless', tier: null, title: 'no memory', sub: 'in no tier', nodes: memless });

  // CXL device tree below each package.
  const memdevRegions = new Map<string, string[]>();
  for (const r of cxl?.regions ?? []) for (const t of r.targets) memdevRegions.set(t, [...(memdevRegions.get(t) ?? []), r.id]);
  const regionNode = new Map(layout.cxlRegions.map((r) => [r.id, r.node]));
  const memdevNodes = (id: string) => (memdevRegions.get(id) ?? []).map((r) => regionNode.get(r)).filter((n): n is number => n !== null && n !== undefined);
  const memdevLines = (id: string): { title: string; lines: string[] } => {
    const d = cxl!.memdevs.find((x) => x.id === id)!;
    const regions = memdevRegions.get(id) ?? [];
    const where = regions.map((r) => {
      const node = regionNode.get(r);
      return node === null || node === undefined ? `${r} devdax` : `${r} → node ${node}`;
    });
    return { title: `${id} · ${shortBytes(d.ramBytes + d.pmemBytes)}${d.sharing === 'shared' ? ' · shared' : ''}`, lines: [where.length ? where.join(', ') : 'in no region'] };
  };
  const nodeW = (kind: IoTree['kind'], id: string) => {
    if (kind === 'memdev') {
      const t = memdevLines(id);
      return boxWidth(t.title, t.lines, 112);
    }
    return boxWidth(kind === 'switch' ? `${id} +${cxl!.switches.find((s) => s.id === id)?.hopLatencyNs ?? 0} ns` : id, [], 80);
  };
  const buildTree = (id: string, kind: IoTree['kind'], depth: number): IoTree => {
    const children: IoTree[] =
      kind === 'memdev' || depth > 8
        ? []
        : [
            ...(cxl?.switches ?? []).filter((s) => s.upstream === id).map((s) => buildTree(s.id, 'switch', depth + 1)),
            ...(cxl?.memdevs ?? []).filter((d) => d.attach === id).map((d) => buildTree(d.id, 'memdev', depth + 1)),
          ];
    // Shared devices last, next to the other hosts' column.
    children.sort((a, b) => Number(isShared(a)) - Number(isShared(b)));
    const own = nodeW(kind, id);
    const sum = children.reduce((a, c) => a + c.width, 0) + GAP * Math.max(0, children.length - 1);
    return { id, kind, children, width: Math.max(own, sum) };
  };
  const isShared = (t: IoTree): boolean => (t.kind === 'memdev' ? cxl?.memdevs.find((d) => d.id === t.id)?.sharing === 'shared' : t.children.some(isShared));
  const depthOf = (t: IoTree): number => (t.children.length ? 1 + Math.max(...t.children.map(depthOf)) : 0);
  const trees = new Map<number, IoTree[]>(sockets.map((s) => [s, (cxl?.hostBridges ?? []).filter((b) => b.socket === s).map((b) => buildTree(b.id, 'bridge', 0))]));
  const ioDepth = Math.max(-1, ...[...trees.values()].flat().map(depthOf));
  const ioRows = ioDepth + 1;

  // Rows, top to bottom.
  const bandTop = PAD;
  const pkgTop = bandTop + bandDefs.length * BAND_H;
  const ioTop = pkgTop + PKG_ROW;
  const ioRowY = (depth: number) => ioTop + depth * IO_ROW;
  const hosts = (m.hosts ?? []).filter((h) => !h.local && h.mappings.length > 0);
  const ioBottom = ioTop + (ioRows > 0 ? ioDepth * IO_ROW + MEMDEV_H : 0);
  let height = ioBottom + PAD;

  // Columns: wide enough for every row's boxes.
  const nodeBox = (n: MachineNode) => {
    const l = byId.get(n.id);
    const ram = l ? l.onlineBytes + l.offlineBytes : 0;
    const pool = layout.pools.filter((p) => p.node === n.id).reduce((a, p) => a + p.size, 0);
    const parts = l ? [ram ? `${shortBytes(ram)} RAM` : '', l.deviceBytes ? `${shortBytes(l.deviceBytes)} device` : '', pool ? `${shortBytes(pool)} pool` : ''].filter(Boolean) : [];
    const title = `node ${n.id} · ${KIND_TEXT[n.tier]}`;
    const lines = [l && parts.length ? `${parts.join(' + ')} · ${l.latencyNs} ns` : 'no memory'];
    return { title, lines, w: boxWidth(title, lines, 104) };
  };
  const cpuNodesOf = (s: number) => m.nodes.filter((n) => n.cpus.length > 0 && socketOf(n) === s);
  const pkgBox = (s: number) => {
    const cpuNodes = cpuNodesOf(s);
    const cpus = cpuNodes.flatMap((n) => n.cpus);
    const title = `Package ${s} · ${cpus.length} CPUs`;
    const list = cpuList(cpus);
    const lines = [cpuNodes.length === 1 ? `node ${cpuNodes[0].id}: ${list.length > 26 ? `${list.slice(0, 25)}…` : list}` : `nodes ${cpuNodes.map((n) => n.id).join(', ')}`];
    return { title, lines, w: boxWidth(title, lines, 120), cpuNodes };
  };
  const rowWidth = (items: { w: number }[]) => items.reduce((a, b) => a + b.w, 0) + GAP * Math.max(0, items.length - 1);

  const columns: TopoColumn[] = [];
  const boxes: TopoBox[] = [];
  const edges: TopoEdge[] = [];
  const boxOf = new Map<string, TopoBox>();
  let x = GUTTER;
  for (const s of sockets) {
    const bandItems = bandDefs.map((b) => b.nodes.filter((n) => socketOf(n) === s).map((n) => ({ n, ...nodeBox(n) })));
    const pkg = cpuNodesOf(s).length ? pkgBox(s) : null;
    const ioTrees = trees.get(s) ?? [];
    const ioW = ioTrees.reduce((a, t) => a + t.width, 0) + GAP * Math.max(0, ioTrees.length - 1);
    const inner = Math.max(...bandItems.map(rowWidth), pkg?.w ?? 0, ioW, 0);
    if (inner === 0) continue;
    const w = inner + 2 * COL_PAD;
    columns.push({ key: `socket${s}`, x, y: bandTop, w, h: (ioRows > 0 ? ioBottom : pkgTop + PKG_H) - bandTop + 4, title: `socket ${s}`, host: false });
    const center = x + w / 2;
    bandItems.forEach((items, bi) => {
      let bx = center - rowWidth(items) / 2;
      for (const it of items) {
        const l = byId.get(it.n.id);
        const box: TopoBox = {
          key: `node${it.n.id}`,
          kind: 'node',
          x: bx,
          y: bandTop + bi * BAND_H + (BAND_H - NODE_H) / 2 - 2,
          w: it.w,
          h: NODE_H,
          title: it.title,
          lines: it.lines,
          nodeId: it.n.id,
          select: { kind: 'node', id: String(it.n.id) },
          nodes: [it.n.id],
          faded: it.lines[0] === 'no memory',
          label: `NUMA node ${it.n.id}, ${KIND_TEXT[it.n.tier]}, ${l && l.tier >= 0 ? `memory_tier${l.tier}, adistance ${l.adistance}, ` : ''}${it.lines[0]}, socket ${s}`,
        };
        boxes.push(box);
        boxOf.set(box.key, box);
        bx += it.w + GAP;
      }
    });
    if (pkg) {
      const box: TopoBox = {
        key: `package${s}`,
        kind: 'package',
        x: center - pkg.w / 2,
        y: pkgTop + (PKG_ROW - PKG_H) / 2 - 2,
        w: pkg.w,
        h: PKG_H,
        title: pkg.title,
        lines: pkg.lines,
        nodeId: pkg.cpuNodes.length === 1 ? pkg.cpuNodes[0].id : undefined,
        select: pkg.cpuNodes.length === 1 ? { kind: 'node', id: String(pkg.cpuNodes[0].id) } : undefined,
        nodes: pkg.cpuNodes.map((n) => n.id),
        label: `Package ${s}: ${pkg.title.split(' · ')[1]}, ${pkg.lines[0]}`,
      };
      boxes.push(box);
      boxOf.set(box.key, box);
    }
    // I/O trees: leaves left to right, parents centred over their children.
    let tx = center - ioW / 2;
    const place = (t: IoTree, left: number, depth: number, parent: TopoBox | undefined) => {
      const own = nodeW(t.kind, t.id);
      const y = ioRowY(depth);
      const h = t.kind === 'memdev' ? MEMDEV_H : BRIDGE_H;
      const text = t.kind === 'memdev' ? memdevLines(t.id) : { title: t.kind === 'switch' ? `${t.id} +${cxl!.switches.find((sw) => sw.id === t.id)?.hopLatencyNs ?? 0} ns` : t.id, lines: [] };
      const fed = t.kind === 'memdev' ? memdevNodes(t.id) : [];
      const box: TopoBox = {
        key: `${t.kind}:${t.id}`,
        kind: t.kind,
        x: left + (t.width - own) / 2,
        y,
        w: own,
        h,
        title: text.title,
        lines: text.lines,
        nodes: fed,
        select: t.kind === 'memdev' ? { kind: 'range', id: `$.cxl.memdevs[${cxl!.memdevs.findIndex((d) => d.id === t.id)}]` } : undefined,
        faded: t.kind === 'memdev' && !(memdevRegions.get(t.id) ?? []).length,
        label: t.kind === 'bridge' ? `CXL host bridge ${t.id}, socket ${s}` : t.kind === 'switch' ? `CXL switch ${text.title}` : `CXL memory device ${text.title}: ${text.lines.join(', ')}`,
      };
      boxes.push(box);
      boxOf.set(box.key, box);
      const from = parent ?? (pkg ? boxOf.get(`package${s}`) : undefined);
      if (from)
        edges.push({ key: `io:${from.key}-${box.key}`, kind: 'io', points: [[from.x + from.w / 2, from.y + from.h], [box.x + box.w / 2, box.y]], nodes: [...from.nodes, ...fed] });
      let cx = left + (t.width - (t.children.reduce((a, c) => a + c.width, 0) + GAP * Math.max(0, t.children.length - 1))) / 2;
      for (const c of t.children) {
        place(c, cx, depth + 1, box);
        cx += c.width + GAP;
      }
    };
    for (const t of ioTrees) {
      place(t, tx, 0, undefined);
      tx += t.width + GAP;
    }
    x += w + COL_GAP;
  }

  // Other hosts that map a region of a shared device: a column of their own, linked below.
  if (hosts.length && ioRows > 0) {
    const items = hosts.map((h) => {
      const title = h.name;
      const lines = h.mappings.slice(0, 1).map((mp) => `maps ${mp.region} at 0x${mp.hpaStart.toString(16)}`);
      if (h.mappings.length > 1) lines[0] += ` +${h.mappings.length - 1}`;
      return { h, title, lines, w: boxWidth(title, lines, 120) };
    });
    const w = rowWidth(items) + 2 * COL_PAD;
    columns.push({ key: 'hosts', x, y: ioTop - 4, w, h: ioBottom - ioTop + 8, title: 'other hosts', host: true });
    let hx = x + COL_PAD;
    let lane = 0;
    let routed = false;
    for (const it of items) {
      const box: TopoBox = {
        key: `host:${it.h.id}`,
        kind: 'host',
        x: hx,
        y: ioRowY(ioDepth),
        w: it.w,
        h: MEMDEV_H,
        title: it.title,
        lines: it.lines,
        nodes: [],
        label: `Another host, ${it.title}: ${it.h.mappings.map((mp) => `maps ${mp.region} (${mp.dax})`).join(', ')}`,
      };
      boxes.push(box);
      for (const mp of it.h.mappings) {
        const region = cxl?.regions.find((r) => r.id === mp.region);
        for (const t of region?.targets ?? []) {
          const dev = boxOf.get(`memdev:${t}`);
          if (!dev) continue;
          const x1 = dev.x + dev.w;
          const x2 = box.x;
          const ym = dev.y + dev.h / 2;
          const blocked = boxes.some((b) => b !== dev && b !== box && b.x < x2 && b.x + b.w > x1 && b.y < ym && b.y + b.h > ym);
          const y = ioBottom + 8 + (lane++ % 3) * 3;
          const cx = dev.x + dev.w / 2;
          const hx2 = box.x + box.w / 2;
          edges.push({
            key: `share:${t}-${it.h.id}-${mp.region}`,
            kind: 'share',
            points: blocked ? [[cx, dev.y + dev.h], [cx, y], [hx2, y], [hx2, box.y + box.h]] : [[x1, ym], [x2, ym]],
            nodes: memdevNodes(t),
          });
          routed ||= blocked;
        }
      }
      hx += it.w + GAP;
    }
    if (routed) height = ioBottom + ROUTE;
    x += w + COL_GAP;
  }

  // Demotion: each node to the nearest nodes of the next tier, labelled with the SLIT distance.
  for (const n of layout.nodes) {
    const from = boxOf.get(`node${n.id}`);
    if (!from) continue;
    for (const t of n.demotionTargets) {
      const to = boxOf.get(`node${t}`);
      if (!to) continue;
      const a: [number, number] = [from.x + from.w / 2, from.y + from.h];
      const b: [number, number] = [to.x + to.w / 2, to.y];
      edges.push({ key: `demote:${n.id}-${t}`, kind: 'demote', points: [a, b], label: { x: (a[0] + b[0]) / 2, y: (a[1] + b[1]) / 2, text: String(dist(n.id, t)) }, nodes: [n.id, t] });
    }
  }

  const bands: TopoBand[] = bandDefs.map((b, i) => ({ key: b.key, tier: b.tier, y: bandTop + i * BAND_H, h: BAND_H, title: b.title, sub: b.sub }));
  const rows: TopoRow[] = [{ y: pkgTop, h: PKG_ROW, title: 'CPUs' }];
  if (ioRows > 0) rows.push({ y: ioTop, h: ioBottom - ioTop, title: 'CXL devices' });
  const ids = m.nodes.map((n) => n.id);
  const nodeCount = m.nodes.length;
  const summary = `${nodeCount} NUMA node${nodeCount === 1 ? '' : 's'} in ${tiers.length} memory tier${tiers.length === 1 ? '' : 's'} on ${columns.filter((c) => !c.host).length} socket${columns.filter((c) => !c.host).length === 1 ? '' : 's'}${cxl?.memdevs.length ? `, ${cxl.memdevs.length} CXL memory device${cxl.memdevs.length === 1 ? '' : 's'}` : ''}${hosts.length ? `, shared with ${hosts.map((h) => h.name).join(', ')}` : ''}`;
  return {
    width: Math.max(x - COL_GAP + PAD, GUTTER + 40),
    height,
    bands,
    rows,
    columns,
    boxes,
    edges,
    matrix: { ids, d: ids.map((a) => ids.map((b) => dist(a, b))), slit: !!m.distances },
    summary,
  };
}

/** The node a selection points at: a node itself, or the node of a selected map object. */
export function selectedNodeOf(sel: { kind: string; id: string } | null, m: Machine | undefined, layout: Layout | undefined): number | null {
  if (!sel) return null;
  if (sel.kind === 'node') return sel.id.trim() !== '' && Number.isInteger(Number(sel.id)) ? Number(sel.id) : null;
  if (sel.kind === 'range' && layout) {
    const i = m ? m.ranges.findIndex((r) => r.id === sel.id) : -1;
    const ref = sel.id.startsWith('$') ? sel.id : `$.ranges[${i}]`;
    const span = layout.spans.find((s) => s.ref === ref);
    return span ? span.node : null;
  }
  return null;
}
