// Level-of-detail tiles for the map view: per-pixel classes of the physical address space at a
// power-of-two bytes-per-pixel, with holes compressed out. Built for the worker: typed arrays in,
// typed arrays out, O(width + spans in view) per tile.
import { CLASS_CODE, zoneCode, type Span } from './addressmap';
import type { Layout } from './layout';

/** Spans in compressed coordinates (holes removed), as parallel typed arrays. */
export interface TileIndex {
  /** Visible address segments in order; `offset` is where each starts on the compressed axis. */
  segments: { start: number; end: number; offset: number }[];
  /** Length of the compressed axis in bytes. */
  totalBytes: number;
  starts: Float64Array;
  ends: Float64Array;
  kind: Uint8Array;
  zone: Uint8Array;
  /** Memory tier id, 255 when the node is in no tier. */
  tier: Uint8Array;
  node: Uint16Array;
}

export interface TileRequest {
  /** First byte of the tile on the compressed axis. */
  start: number;
  /** log2 of bytes per pixel: 12 is one 4 KiB page per pixel. */
  log2BytesPerPixel: number;
  width: number;
}

export interface Tile {
  /** Dominant class per pixel (MAP_CLASSES index; 0 = nothing). */
  kind: Uint8Array;
  /** Bit i set when class i is present anywhere in the pixel: a 4 KiB range stays visible at any zoom. */
  any: Uint32Array;
  /** Zone code (ZONE_CODES) and tier of the span covering most of the pixel. */
  zone: Uint8Array;
  tier: Uint8Array;
  /** Where each visible segment lands: pixels [x0, x1) show addresses from `address` on. */
  segments: { x0: number; x1: number; address: number }[];
  /** Pixel positions where a hole was compressed out (draw a break mark). */
  holes: number[];
}

/** Builds the index once per layout (and per lane when `node` is given). */
export function buildTileIndex(layout: Pick<Layout, 'spans' | 'nodes'>, opts: { node?: number } = {}): TileIndex {
  const tierOf = new Map(layout.nodes.map((n) => [n.id, n.tier < 0 ? 255 : Math.min(254, n.tier)]));
  const spans: Span[] = opts.node === undefined ? layout.spans : layout.spans.filter((s) => s.node === opts.node);
  const segments: TileIndex['segments'] = [];
  const n = spans.length;
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  const kind = new Uint8Array(n);
  const zone = new Uint8Array(n);
  const tier = new Uint8Array(n);
  const node = new Uint16Array(n);
  let offset = 0;
  spans.forEach((s, i) => {
    const last = segments.at(-1);
    if (last && last.end === s.start) last.end = s.end;
    else segments.push({ start: s.start, end: s.end, offset });
    const seg = segments.at(-1)!;
    starts[i] = seg.offset + (s.start - seg.start);
    ends[i] = starts[i] + (s.end - s.start);
    offset = ends[i];
    kind[i] = CLASS_CODE[s.cls];
    zone[i] = zoneCode(s.zone);
    tier[i] = tierOf.get(s.node) ?? 255;
    node[i] = s.node;
  });
  return { segments, totalBytes: offset, starts, ends, kind, zone, tier, node };
}

/** Physical address at a compressed offset (the last segment's end past the axis). */
export function addressAt(index: TileIndex, offset: number): number {
  const segs = index.segments;
  let lo = 0;
  let hi = segs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segs[mid].offset <= offset) lo = mid;
    else hi = mid - 1;
  }
  const s = segs[lo];
  return s ? s.start + Math.min(offset - s.offset, s.end - s.start) : 0;
}

/** Compressed offset of a physical address (a hole maps to the start of the next segment). */
export function offsetOf(index: TileIndex, address: number): number {
  for (const s of index.segments) if (address < s.end) return s.offset + Math.max(0, address - s.start);
  return index.totalBytes;
}

function firstSpanEndingAfter(ends: Float64Array, x: number): number {
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function computeTile(index: TileIndex, req: TileRequest): Tile {
  const { width } = req;
  const bpp = 2 ** req.log2BytesPerPixel;
  const t0 = req.start;
  const t1 = t0 + width * bpp;
  const kind = new Uint8Array(width);
  const any = new Uint32Array(width);
  const zone = new Uint8Array(width);
  const tier = new Uint8Array(width).fill(255);
  const classBytes = new Float64Array(32);
  const touched: number[] = [];
  let j = firstSpanEndingAfter(index.ends, t0);
  for (let p = 0; p < width && j < index.starts.length; p++) {
    const p0 = t0 + p * bpp;
    const p1 = p0 + bpp;
    let bestSpan = -1;
    let bestSpanBytes = 0;
    let k = j;
    for (; k < index.starts.length && index.starts[k] < p1; k++) {
      const overlap = Math.min(p1, index.ends[k]) - Math.max(p0, index.starts[k]);
      if (overlap <= 0) continue;
      const c = index.kind[k];
      if (classBytes[c] === 0) touched.push(c);
      classBytes[c] += overlap;
      any[p] |= 1 << c;
      if (overlap > bestSpanBytes) {
        bestSpanBytes = overlap;
        bestSpan = k;
      }
    }
    // Next pixel starts at the first span still reaching past this pixel.
    while (j < index.ends.length && index.ends[j] <= p1) j++;
    if (bestSpan >= 0) {
      let best = touched[0];
      for (const c of touched) if (classBytes[c] > classBytes[best]) best = c;
      kind[p] = best;
      zone[p] = index.zone[bestSpan];
      tier[p] = index.tier[bestSpan];
    }
    for (const c of touched) classBytes[c] = 0;
    touched.length = 0;
    if (k === index.starts.length && j >= index.starts.length) break;
  }
  const segments: Tile['segments'] = [];
  const holes: number[] = [];
  for (const s of index.segments) {
    const a = s.offset;
    const b = s.offset + (s.end - s.start);
    if (b <= t0 || a >= t1) continue;
    const x0 = (Math.max(a, t0) - t0) / bpp;
    const x1 = (Math.min(b, t1) - t0) / bpp;
    segments.push({ x0, x1, address: s.start + Math.max(0, t0 - a) });
    if (a > t0 && a < t1 && a > 0) holes.push(x0);
  }
  return { kind, any, zone, tier, segments, holes };
}

/**
 * The index of one node's lane on the axis of the whole machine: the same segments and
 * offsets as `global`, only that node's spans. Lanes drawn from these share one zoom.
 */
export function laneIndex(global: TileIndex, node: number): TileIndex {
  const keep: number[] = [];
  for (let i = 0; i < global.node.length; i++) if (global.node[i] === node) keep.push(i);
  const pick = <A extends Float64Array | Uint8Array | Uint16Array>(src: A, make: (n: number) => A): A => {
    const out = make(keep.length);
    keep.forEach((k, i) => (out[i] = src[k]));
    return out;
  };
  return {
    segments: global.segments,
    totalBytes: global.totalBytes,
    starts: pick(global.starts, (n) => new Float64Array(n)),
    ends: pick(global.ends, (n) => new Float64Array(n)),
    kind: pick(global.kind, (n) => new Uint8Array(n)),
    zone: pick(global.zone, (n) => new Uint8Array(n)),
    tier: pick(global.tier, (n) => new Uint8Array(n)),
    node: pick(global.node, (n) => new Uint16Array(n)),
  };
}

/**
 * One tile packed one uint32 per pixel for the map view: bits 0-4 the dominant class, 5-7 the
 * zone code, 8-12 another class present in the pixel (0 = none) so a 4 KiB range stays visible.
 */
export function packTile(t: Tile): Uint32Array {
  const out = new Uint32Array(t.kind.length);
  for (let p = 0; p < out.length; p++) {
    const others = t.any[p] & ~(1 << t.kind[p]) & ~1;
    const minor = others === 0 ? 0 : 31 - Math.clz32(others & -others);
    out[p] = t.kind[p] | (t.zone[p] << 5) | (minor << 8);
  }
  return out;
}
