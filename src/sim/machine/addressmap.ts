// The physical address map as nested items (a namespace inside a region inside a pmem range)
// flattened into leaf spans: at every address the most specific item wins. Spans drive the
// per-node/zone totals and the map tiles, so nothing is counted twice.
import type { ZoneName } from './schema';

/** Classes of what occupies an address; index = class code in tiles (max 32 for the any-mask). */
export const MAP_CLASSES = [
  'hole',
  'system-ram',
  'reserved',
  'persistent-legacy',
  'persistent',
  'soft-reserved',
  'cxl-window',
  'pmem-fsdax',
  'pmem-devdax',
  'pmem-sector',
  'pmem-raw',
  'pmem-metadata',
  'label-area',
  'kmem-ram',
  'kmem-trimmed',
  'memmap-on-memory',
  'cxl-ram',
  'cxl-pmem',
  'pool-free',
  'pool-hugetlb',
  'pool-guest_memfd',
  'pool-memfd',
] as const;
export type MapClass = (typeof MAP_CLASSES)[number];
export const CLASS_CODE: Record<MapClass, number> = Object.fromEntries(MAP_CLASSES.map((c, i) => [c, i])) as Record<MapClass, number>;

/** Zone codes in tiles: 0 = not in a zone. */
export const ZONE_CODES = ['none', 'DMA', 'DMA32', 'Normal', 'Movable', 'Device', 'ExMem', 'offline'] as const;
export type SpanZone = ZoneName | 'offline' | null;
export const zoneCode = (z: SpanZone): number => (z === null ? 0 : ZONE_CODES.indexOf(z));

export interface MapItem {
  start: number;
  end: number;
  cls: MapClass;
  node: number;
  zone: SpanZone;
  /** Nesting level: deeper items cover shallower ones. */
  depth: number;
  /** JSON path of the machine object it comes from, e.g. "$.pmem.namespaces[0]". */
  ref: string;
  label: string;
}

export interface Span {
  start: number;
  end: number;
  cls: MapClass;
  node: number;
  zone: SpanZone;
  ref: string;
  label: string;
}

/** Flattens nested items; ties at the same depth go to the item listed later. */
export function flatten(items: MapItem[]): Span[] {
  const order = items.map((it, i) => ({ it, i })).filter((x) => x.it.end > x.it.start);
  order.sort((a, b) => a.it.start - b.it.start || a.i - b.i);
  const bounds = [...new Set(order.flatMap((x) => [x.it.start, x.it.end]))].sort((a, b) => a - b);
  const spans: Span[] = [];
  let active: { it: MapItem; i: number }[] = [];
  let next = 0;
  for (let b = 0; b + 1 < bounds.length; b++) {
    const lo = bounds[b];
    const hi = bounds[b + 1];
    active = active.filter((x) => x.it.end > lo);
    while (next < order.length && order[next].it.start <= lo) {
      if (order[next].it.end > lo) active.push(order[next]);
      next++;
    }
    if (active.length === 0) continue;
    let top = active[0];
    for (const x of active) if (x.it.depth > top.it.depth || (x.it.depth === top.it.depth && x.i > top.i)) top = x;
    const last = spans.at(-1);
    if (last && last.end === lo && last.ref === top.it.ref && last.cls === top.it.cls && last.zone === top.it.zone) last.end = hi;
    else spans.push({ start: lo, end: hi, cls: top.it.cls, node: top.it.node, zone: top.it.zone, ref: top.it.ref, label: top.it.label });
  }
  return spans;
}
