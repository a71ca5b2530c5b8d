// Scratch regions (kernel/liveupdate/kexec_handover.c: kho_parse_scratch_size, scratch_size_update,
// scratch_size_node, kho_reserve_scratch). One lowmem region, one global region and one per online
// node, num_online_nodes() + 2 in all, sized by default at scratch_scale = 200 % of the memblock
// kernel reservations, rounded up to CMA_MIN_ALIGNMENT_BYTES. Placement is top-down like memblock.
import { ARCH_LOW_ADDRESS_LIMIT, CMA_MIN_ALIGNMENT_BYTES, DEFAULT_SCRATCH_SCALE } from './constants';
import type { KhoMachine, ScratchConfig, ScratchRegion } from './types';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/**
 * Parameter, not a published figure: memblock kernel reservations at cold boot. The simulator
 * counts the memmap (64-byte struct page per 4 KiB page, on its own node) plus 96 MiB of other
 * early allocations on node 0, assumed to lie below 4 GiB.
 */
export const RESERVATION_NOTE =
  'memblock kernel reservations are a parameter: memmap (64 B per 4 KiB page) per node + 96 MiB of other early allocations on node 0 below 4 GiB';

export function defaultReservations(nodes: { size: number }[]): KhoMachine['reservedKern'] {
  const misc = 96 * MiB;
  return { lowBytes: misc, perNodeBytes: nodes.map((n, i) => n.size / 64 + (i === 0 ? misc : 0)) };
}

/** The default simulated machine: two NUMA nodes of 32 GiB, kernel image at 16 MiB. */
export function defaultMachine(nodeSizes: number[] = [32 * GiB, 32 * GiB]): KhoMachine {
  let start = 0;
  const nodes = nodeSizes.map((size, id) => {
    const n = { id, start, size };
    start += size;
    return n;
  });
  return { nodes, kernelImage: { start: 16 * MiB, size: 64 * MiB }, reservedKern: defaultReservations(nodes) };
}

/** memparse(): a number with an optional K/M/G/T/P/E suffix (binary). */
function memparse(s: string): number | null {
  const m = /^(0x[0-9a-f]+|\d+)([kmgtpe]?)$/i.exec(s);
  if (!m) return null;
  const n = Number(m[1]);
  const shift = { '': 0, k: 10, m: 20, g: 30, t: 40, p: 50, e: 60 }[m[2].toLowerCase()] ?? 0;
  return n * 2 ** shift;
}

/**
 * Parses kho_scratch= like kho_parse_scratch_size(): "N%" or "lowmem,global,pernode" with memparse
 * suffixes (e.g. "16M,512M,256M"). Returns an error string where the kernel returns -EINVAL.
 */
export function parseKhoScratch(text: string): ScratchConfig | { error: string } {
  const p = text.trim();
  if (!p) return { error: 'kho_scratch= is empty (-EINVAL)' };
  if (p.endsWith('%')) {
    const v = p.slice(0, -1);
    if (!/^\d{1,10}$/.test(v) || Number(v) > 0xffffffff) return { error: `kho_scratch=${p}: bad percentage (-EINVAL)` };
    return { kind: 'scale', percent: Number(v) };
  }
  const parts = p.split(',');
  if (parts.length !== 3) return { error: `kho_scratch=${p}: expected lowmem,global,pernode (-EINVAL)` };
  const sizes = parts.map(memparse);
  if (sizes.some((x) => x === null || x === 0)) return { error: `kho_scratch=${p}: each size must be non-zero (-EINVAL)` };
  const [lowmem, global, pernode] = sizes as number[];
  return { kind: 'sizes', lowmem, global, pernode };
}

const roundUp = (x: number, a: number) => Math.ceil(x / a) * a;

/** Sizes the kernel would request: lowmem, global, then one per node. */
export function scratchSizes(machine: KhoMachine, cfg: ScratchConfig): { lowmem: number; global: number; perNode: number[] } {
  if (cfg.kind === 'sizes') {
    return {
      lowmem: roundUp(cfg.lowmem, CMA_MIN_ALIGNMENT_BYTES),
      global: roundUp(cfg.global, CMA_MIN_ALIGNMENT_BYTES),
      perNode: machine.nodes.map(() => roundUp(cfg.pernode, CMA_MIN_ALIGNMENT_BYTES)),
    };
  }
  const s = cfg.percent / 100;
  const total = machine.reservedKern.perNodeBytes.reduce((a, b) => a + b, 0);
  const lowmem = roundUp(machine.reservedKern.lowBytes * s, CMA_MIN_ALIGNMENT_BYTES);
  const global = roundUp(Math.max(0, total * s - lowmem), CMA_MIN_ALIGNMENT_BYTES);
  const perNode = machine.reservedKern.perNodeBytes.map((b) => roundUp(b * s, CMA_MIN_ALIGNMENT_BYTES));
  return { lowmem, global, perNode };
}

/**
 * Places the regions top-down (memblock's default direction): lowmem below 4 GiB, global at the top
 * of memory, then one region at the top of each node. Returns an error when a region does not fit;
 * the kernel then disables KHO ("Failed to reserve scratch area").
 */
export function reserveScratch(machine: KhoMachine, cfg: ScratchConfig): { regions: ScratchRegion[]; error: string | null } {
  const sizes = scratchSizes(machine, cfg);
  const ceilings = machine.nodes.map((n) => n.start + n.size);
  const kimgEnd = machine.kernelImage.start + machine.kernelImage.size;
  const regions: ScratchRegion[] = [];
  const place = (kind: ScratchRegion['kind'], nodeIdx: number, size: number, limit?: number): string | null => {
    if (size === 0) return null;
    const node = machine.nodes[nodeIdx];
    const top = Math.min(ceilings[nodeIdx], limit ?? Infinity);
    let start = Math.floor((top - size) / CMA_MIN_ALIGNMENT_BYTES) * CMA_MIN_ALIGNMENT_BYTES;
    for (let hit = regions.find((r) => r.start < start + size && start < r.start + r.size); hit; hit = regions.find((r) => r.start < start + size && start < r.start + r.size))
      start = Math.floor((hit.start - size) / CMA_MIN_ALIGNMENT_BYTES) * CMA_MIN_ALIGNMENT_BYTES;
    const floor = node.start <= machine.kernelImage.start && kimgEnd <= node.start + node.size ? Math.max(node.start, kimgEnd) : node.start;
    if (start < floor) return `cannot reserve ${kind} scratch of ${size} bytes on node ${node.id}`;
    regions.push({ kind, node: node.id, start, size });
    if (limit === undefined || ceilings[nodeIdx] <= limit) ceilings[nodeIdx] = start;
    return null;
  };
  const lowNode = machine.nodes.findIndex((n) => n.start < ARCH_LOW_ADDRESS_LIMIT);
  const err =
    (lowNode < 0 ? 'no memory below 4 GiB for the lowmem scratch region' : place('lowmem', lowNode, sizes.lowmem, ARCH_LOW_ADDRESS_LIMIT)) ??
    place('global', machine.nodes.length - 1, sizes.global) ??
    machine.nodes.map((_, i) => place('node', i, sizes.perNode[i])).find((e) => e !== null) ??
    null;
  return { regions: err ? [] : regions, error: err };
}

export const DEFAULT_SCRATCH: ScratchConfig = { kind: 'scale', percent: DEFAULT_SCRATCH_SCALE };
