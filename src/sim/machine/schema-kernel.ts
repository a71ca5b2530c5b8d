// dax devices, kernel command-line/hotplug settings and the DRAM memory pool. Sources in
// docs/memory-map.md (§dax/kmem, §hotplug, §pool).
import { z } from 'zod';
import { idField, nodeIdField, sizeField } from './fields';

export const daxSource = z.discriminatedUnion('kind', [
  /** pmem namespace in devdax mode. */
  z.object({ kind: z.literal('namespace'), namespace: idField }),
  /** dax region of a CXL ram region. */
  z.object({ kind: z.literal('cxl-region'), region: idField }),
  /** Soft-reserved (EFI_MEMORY_SP / hmem) range from machine.ranges. */
  z.object({ kind: z.literal('range'), range: idField }),
]);

export const daxDeviceSchema = z.object({
  id: idField,
  source: daxSource,
  mode: z.enum(['devdax', 'system-ram']).default('devdax'),
  /** system-ram: online_movable (daxctl default) or a kernel zone (--no-movable). */
  movable: z.boolean().default(true),
  /** system-ram: onlined, or left offline (--no-online). */
  online: z.boolean().default(true),
  targetNode: nodeIdField,
  /** /sys/bus/dax/devices/daxX.Y/memmap_on_memory (needs memory_hotplug.memmap_on_memory too). */
  memmapOnMemory: z.boolean().default(false),
  align: sizeField.default(2 * 2 ** 20),
});

export const hotplugSchema = z.object({
  /** /sys/devices/system/memory/auto_online_blocks (memhp_default_state=). */
  autoOnlineBlocks: z.enum(['offline', 'online', 'online_kernel', 'online_movable']).default('offline'),
  onlinePolicy: z.enum(['contig-zones', 'auto-movable']).default('contig-zones'),
  /** memory_hotplug.auto_movable_ratio, percent MOVABLE:KERNEL. */
  autoMovableRatio: z.number().int().nonnegative().default(301),
  autoMovableNumaAware: z.boolean().default(true),
  /** memory_hotplug.memmap_on_memory. */
  memmapOnMemory: z.boolean().default(false),
});

export const kernelSchema = z.object({
  /** x86 picks 2 GiB blocks on bare metal with >= 64 GiB; VMs align to the end of memory. */
  platform: z.enum(['bare-metal', 'vm']).default('bare-metal'),
  hotplug: hotplugSchema.default(hotplugSchema.parse({})),
  movablecore: sizeField.optional(),
  kernelcore: sizeField.optional(),
  movableNode: z.boolean().default(false),
  /** kho_scratch=lowmem,global,pernode or kho_scratch=N% */
  khoScratch: z
    .union([
      z.object({ lowmem: sizeField, global: sizeField, pernode: sizeField }),
      z.object({ percent: z.number().int().positive().max(10_000) }),
    ])
    .optional(),
});

export const poolConsumerSchema = z.object({
  id: idField,
  kind: z.enum(['hugetlb', 'guest_memfd', 'memfd']),
  bytes: sizeField,
  pageBytes: sizeField.default(2 * 2 ** 20),
});

/**
 * A pool carved out of DRAM at boot (memmap=nn$ss), outside the buddy allocator, that hands
 * pages to hugetlb, guest_memfd and memfd so it can be preserved whole across a kexec.
 * Not a mainline interface: modeled after guestmemfs (RFC, 2024) and similar out-of-tree pools.
 */
export const poolSchema = z.object({
  id: idField,
  start: sizeField,
  size: sizeField.refine((n) => n > 0, 'size must be greater than 0'),
  node: nodeIdField,
  /** Whether struct pages exist for the pool ("none" as in guestmemfs). */
  structPages: z.enum(['none', 'ram']).default('none'),
  consumers: z.array(poolConsumerSchema).max(256).default([]),
});

export type DaxDevice = z.output<typeof daxDeviceSchema>;
export type DaxSource = z.output<typeof daxSource>;
export type KernelConfig = z.output<typeof kernelSchema>;
export type HotplugConfig = z.output<typeof hotplugSchema>;
export type Pool = z.output<typeof poolSchema>;
export type PoolConsumer = z.output<typeof poolConsumerSchema>;
