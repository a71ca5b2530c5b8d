// What the memory map view draws: RAM per node, the kernel image, scratch regions, and every
// extent with its state (preserved for the next kernel, incoming from the previous one, or plain).
import { blockRuns, trackerSizes, type TrackerSize } from './tracker';
import type { KhoState, PreserveHow, ScratchKind } from './types';

export type MemRegionKind = 'kernel-image' | 'scratch' | 'preserved' | 'incoming' | 'allocated';

export interface MemRegion {
  start: number;
  size: number;
  kind: MemRegionKind;
  /** memfd-data, memfd-hole, memfd-ser, folio-array, vmalloc-chunk, luo-fdt, session-array, ... */
  use: string;
  owner: string;
  how?: PreserveHow;
  scratch?: ScratchKind;
  node?: number;
}

export interface KhoMemoryMap {
  nodes: { id: number; start: number; size: number }[];
  regions: MemRegion[];
  preservedBytes: number;
  incomingBytes: number;
  scratchBytes: number;
  tracker: Record<'6.16' | '6.19' | 'radix', TrackerSize>;
}

export function khoMemoryMap(kho: KhoState): KhoMemoryMap {
  const regions: MemRegion[] = [
    { start: kho.machine.kernelImage.start, size: kho.machine.kernelImage.size, kind: 'kernel-image', use: 'kernel', owner: 'kernel image' },
    ...kho.scratch.map((s) => ({ start: s.start, size: s.size, kind: 'scratch' as const, use: `scratch-${s.kind}`, owner: `KHO scratch (${s.kind}${s.kind === 'node' ? ` ${s.node}` : ''})`, scratch: s.kind, node: s.node })),
  ];
  let preservedBytes = 0;
  let incomingBytes = 0;
  for (const e of Object.values(kho.extents)) {
    const size = e.pages * 4096;
    const kind: MemRegionKind = e.preserved ? 'preserved' : e.incoming ? 'incoming' : 'allocated';
    if (e.preserved) preservedBytes += size;
    if (e.incoming) incomingBytes += size;
    regions.push({ start: e.pa, size, kind, use: e.use, owner: e.owner, how: e.preserved ?? e.incoming ?? undefined });
  }
  regions.sort((a, b) => a.start - b.start);
  return {
    nodes: kho.machine.nodes.map((n) => ({ ...n })),
    regions,
    preservedBytes,
    incomingBytes,
    scratchBytes: kho.scratch.reduce((s, r) => s + r.size, 0),
    tracker: trackerSizes(blockRuns(Object.values(kho.extents))),
  };
}

/**
 * The next kernel's early boot after a KHO kexec: memblock allocates only from scratch
 * (memblock_set_kho_scratch_only) until kho_memory_init() has reserved every preserved block.
 */
export function scratchOnlyPhase(kho: KhoState): { active: boolean; allocatable: { start: number; size: number }[]; note: string } {
  return {
    active: kho.khoBoot,
    allocatable: kho.scratch.map((s) => ({ start: s.start, size: s.size })),
    note: kho.khoBoot
      ? 'After a KHO kexec, early memblock allocations come only from the scratch regions until the preserved map has been reserved (kho_populate, memblock_set_kho_scratch_only, kho_memory_init).'
      : 'Cold boot: no scratch-only phase; the scratch regions are reserved for the next kernel.',
  };
}
