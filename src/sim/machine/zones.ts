// What each zone allows (memory-hotplug.rst, mmzone.h, SMDK for ExMem). Derived figures and
// edits consult this table, never zone names directly.
import type { ZoneName } from './schema';

export interface ZoneRule {
  /** Unmovable kernel allocations (page tables, slab, memmap of hot-plugged memory). */
  kernelAllocs: 'yes' | 'no' | 'by-caller' | 'n/a';
  /** Can its blocks be offlined and removed with confidence? */
  hotRemovable: 'no' | 'yes' | 'teardown' | 'partly';
  /** Pages come from the buddy allocator (ZONE_DEVICE pages do not). */
  buddy: boolean;
  note: string;
}

export const ZONE_RULES: Record<ZoneName, ZoneRule> = {
  DMA: { kernelAllocs: 'yes', hotRemovable: 'no', buddy: true, note: 'first 16 MiB of boot RAM' },
  DMA32: { kernelAllocs: 'yes', hotRemovable: 'no', buddy: true, note: 'boot RAM below 4 GiB' },
  Normal: { kernelAllocs: 'yes', hotRemovable: 'no', buddy: true, note: 'any allocation; unmovable pages make offlining unreliable' },
  Movable: { kernelAllocs: 'no', hotRemovable: 'yes', buddy: true, note: 'movable allocations only; offline/hot-remove works unless pages are pinned' },
  Device: { kernelAllocs: 'n/a', hotRemovable: 'teardown', buddy: false, note: 'ZONE_DEVICE: struct pages for pmem/devdax, reached by DAX mmap, not the page allocator' },
  ExMem: { kernelAllocs: 'by-caller', hotRemovable: 'partly', buddy: true, note: 'SMDK v1 only: GFP_EXMEM kernel allocations are unmovable, MAP_EXMEM user pages movable' },
};

export const KERNEL_ZONES: ZoneName[] = ['DMA', 'DMA32', 'Normal'];

export const zoneServesKernel = (z: ZoneName): boolean => ZONE_RULES[z].kernelAllocs === 'yes';
export const zoneIsHotRemovable = (z: ZoneName): boolean => ZONE_RULES[z].hotRemovable === 'yes';

/** Zone the kernel gives boot RAM at an address when the machine does not say. */
export function defaultBootZone(address: number): ZoneName {
  if (address < 16 * 2 ** 20) return 'DMA';
  if (address < 4 * 2 ** 30) return 'DMA32';
  return 'Normal';
}

/** MOVABLE:KERNEL as a percentage, the unit of memory_hotplug.auto_movable_ratio. */
export function movableRatioPercent(movable: number, kernel: number): number {
  if (kernel === 0) return movable === 0 ? 0 : Infinity;
  return (movable / kernel) * 100;
}
