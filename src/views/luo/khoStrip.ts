// KHO's view of physical memory, one to-scale strip per NUMA node: the kernel image, the scratch
// regions, and the extents preserved for the next kernel or handed over by the previous one.
// Preserved memory is often a few pages in gigabytes, so every region gets a minimum width and
// is marked when it is drawn wider than its size.
import type { KhoMemoryMap, MemRegion, MemRegionKind } from '../../sim/kho/memmap';

export interface StripSegment {
  x: number;
  width: number;
  /** Drawn wider than to scale. */
  widened: boolean;
  region: MemRegion;
}

export interface StripRow {
  node: number;
  start: number;
  size: number;
  segments: StripSegment[];
}

/** Layers from bottom to top: scratch under everything, handed-over memory on top. */
const Z: Record<MemRegionKind, number> = { scratch: 0, 'kernel-image': 1, allocated: 2, incoming: 3, preserved: 4 };

export function stripRows(map: Pick<KhoMemoryMap, 'nodes' | 'regions'>, width: number, minPx = 2): StripRow[] {
  return map.nodes.map((n) => {
    const end = n.start + n.size;
    const segments = map.regions
      .filter((r) => r.start < end && r.start + r.size > n.start)
      .map((r) => {
        const a = Math.max(r.start, n.start);
        const b = Math.min(r.start + r.size, end);
        const exact = ((b - a) / n.size) * width;
        const w = Math.max(minPx, exact);
        const x = Math.min(((a - n.start) / n.size) * width, width - w);
        return { x, width: w, widened: w > exact + 1e-9, region: r };
      })
      .sort((p, q) => Z[p.region.kind] - Z[q.region.kind] || p.region.start - q.region.start);
    return { node: n.id, start: n.start, size: n.size, segments };
  });
}

/** Bytes per region kind. */
export function bytesByKind(regions: MemRegion[]): Record<MemRegionKind, number> {
  const out: Record<MemRegionKind, number> = { 'kernel-image': 0, scratch: 0, preserved: 0, incoming: 0, allocated: 0 };
  for (const r of regions) out[r.kind] += r.size;
  return out;
}

/** Regions grouped by kind and use ("preserved · memfd-data"), with count and bytes, largest first. */
export function regionGroups(regions: MemRegion[]): { kind: MemRegionKind; use: string; count: number; bytes: number }[] {
  const m = new Map<string, { kind: MemRegionKind; use: string; count: number; bytes: number }>();
  for (const r of regions) {
    const k = `${r.kind}|${r.use}`;
    const g = m.get(k) ?? { kind: r.kind, use: r.use, count: 0, bytes: 0 };
    g.count++;
    g.bytes += r.size;
    m.set(k, g);
  }
  return [...m.values()].sort((a, b) => Z[b.kind] - Z[a.kind] || b.bytes - a.bytes);
}
