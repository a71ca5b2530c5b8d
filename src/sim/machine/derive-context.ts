// Shared state of one deriveLayout() pass: the items found so far, the rule violations, and where
// each struct page array lives.
import type { MapItem } from './addressmap';
import type { Violation } from './rules';
import type { KernelConfig, Machine } from './schema';
import { kernelSchema } from './schema-kernel';

export interface DeriveContext {
  m: Machine;
  kernel: KernelConfig;
  blockBytes: number;
  items: MapItem[];
  violations: Violation[];
  /** struct page bytes stored in a node's RAM (key = node whose RAM holds them). */
  memmapInRam: Map<number, number>;
  /** struct page bytes stored on the device they describe (key = node of that memory). */
  memmapOnDevice: Map<number, number>;
  /** struct page bytes describing a node's memory, by where they live. */
  memmapFor: Map<number, { ram: number; device: number }>;
  /** Label bytes inside SPA ranges (ramdax) and on DIMMs (LSA), per node. */
  labelInRange: Map<number, number>;
  labelOutOfRange: Map<number, number>;
  /** Info block, reserve and BTT bytes per node. */
  infoBlock: Map<number, number>;
}

export const DEFAULT_KERNEL: KernelConfig = kernelSchema.parse({});

export function newContext(m: Machine): DeriveContext {
  return {
    m,
    kernel: m.kernel ?? DEFAULT_KERNEL,
    blockBytes: m.memoryBlockBytes,
    items: [],
    violations: [],
    memmapInRam: new Map(),
    memmapOnDevice: new Map(),
    memmapFor: new Map(),
    labelInRange: new Map(),
    labelOutOfRange: new Map(),
    infoBlock: new Map(),
  };
}

export function add(map: Map<number, number>, key: number, bytes: number): void {
  if (bytes) map.set(key, (map.get(key) ?? 0) + bytes);
}

/** struct page bytes for `bytes` of memory (64 B per 4 KiB page). */
export const memmapOf = (bytes: number): number => Math.floor(bytes / 4096) * 64;

/**
 * Records struct pages for memory of `described` node: stored in the RAM of node `host`, or on
 * the device itself when host is null.
 */
export function chargeMemmap(ctx: DeriveContext, described: number, host: number | null, bytes: number): void {
  if (!bytes) return;
  const f = ctx.memmapFor.get(described) ?? { ram: 0, device: 0 };
  if (host === null) {
    f.device += bytes;
    add(ctx.memmapOnDevice, described, bytes);
  } else {
    f.ram += bytes;
    add(ctx.memmapInRam, host, bytes);
  }
  ctx.memmapFor.set(described, f);
}
