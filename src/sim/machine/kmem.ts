// devdax as System RAM: what kmem adds (whole memory blocks), into which zone, and where the
// memmap of the new memory goes (drivers/dax/kmem.c, memory-hotplug.rst, daxctl docs).
import { PAGEBLOCK_SIZE } from './constants';
import { memmapOnMemoryBytes, wholeBlocks } from './blocks';
import { chargeMemmap, memmapOf, type DeriveContext } from './derive-context';
import type { DaxLayout } from './layout';
import { violation } from './rules';
import type { ZoneName } from './schema';
import { nearestCpuNode } from './topology';

export interface KmemRequest {
  start: number;
  end: number;
  targetNode: number;
  movable: boolean;
  online: boolean;
  memmapOnMemory: boolean;
  /** Zone forced by a grouping rule (SMDK ExMem), else from movable/auto-online. */
  zone?: ZoneName;
  ref: string;
  label: string;
}

/** The zone hot-plugged blocks land in: auto-online (kernel's choice) wins over daxctl's flags. */
function kmemZone(ctx: DeriveContext, req: KmemRequest): ZoneName | 'offline' {
  if (req.zone) return req.online ? req.zone : 'offline';
  const auto = ctx.kernel.hotplug.autoOnlineBlocks;
  if (auto === 'online_movable') return 'Movable';
  if (auto === 'online_kernel') return 'Normal';
  if (auto === 'online') return ctx.kernel.movableNode || ctx.kernel.hotplug.onlinePolicy === 'auto-movable' ? 'Movable' : 'Normal';
  if (!req.online) return 'offline';
  return req.movable ? 'Movable' : 'Normal';
}

export function addKmem(ctx: DeriveContext, req: KmemRequest): NonNullable<DaxLayout['kmem']> | undefined {
  const blocks = wholeBlocks(req.start, req.end, ctx.blockBytes);
  if (!blocks) {
    ctx.violations.push(violation('kmemTooSmall', `${req.label} [0x${req.start.toString(16)}, 0x${req.end.toString(16)}) with ${ctx.blockBytes / 2 ** 20} MiB blocks`, req.ref, 'warning'));
    return undefined;
  }
  const trimmed = req.end - req.start - (blocks.end - blocks.start);
  if (trimmed > 0) {
    if (blocks.start > req.start) ctx.items.push({ start: req.start, end: blocks.start, cls: 'kmem-trimmed', node: req.targetNode, zone: null, depth: 3, ref: req.ref, label: `${req.label} (trimmed to block edge)` });
    if (blocks.end < req.end) ctx.items.push({ start: blocks.end, end: req.end, cls: 'kmem-trimmed', node: req.targetNode, zone: null, depth: 3, ref: req.ref, label: `${req.label} (trimmed to block edge)` });
    ctx.violations.push(violation('kmemTrim', `${req.label} loses ${trimmed} bytes`, req.ref, 'info'));
  }
  const zone = kmemZone(ctx, req);
  if (ctx.kernel.hotplug.autoOnlineBlocks !== 'offline')
    ctx.violations.push(violation('autoOnline', `auto_online_blocks=${ctx.kernel.hotplug.autoOnlineBlocks} puts ${req.label} in ${zone}`, req.ref, 'warning'));
  else if (zone === 'Normal') ctx.violations.push(violation('kmemNoMovable', `${req.label} is onlined into ZONE_NORMAL`, req.ref, 'warning'));
  ctx.items.push({ start: blocks.start, end: blocks.end, cls: 'kmem-ram', node: req.targetNode, zone, depth: 3, ref: req.ref, label: `${req.label} System RAM (kmem)` });

  const perBlock = memmapOnMemoryBytes(ctx.blockBytes);
  const onMemory = req.memmapOnMemory && ctx.kernel.hotplug.memmapOnMemory && perBlock % PAGEBLOCK_SIZE === 0;
  if (req.memmapOnMemory && !onMemory)
    ctx.violations.push(violation('memmapOnMemory', ctx.kernel.hotplug.memmapOnMemory ? `${perBlock} bytes per block is not whole pageblocks` : 'memory_hotplug.memmap_on_memory is off, so the memmap goes to RAM', req.ref, 'warning'));
  const memmapBytes = onMemory ? perBlock * blocks.count : memmapOf(blocks.end - blocks.start);
  const memmapNode = onMemory ? req.targetNode : nearestCpuNode(ctx.m, req.targetNode);
  if (onMemory) {
    // Each block starts with its own vmemmap pages (altmap per block since v6.8).
    for (let b = 0; b < blocks.count; b++) {
      const s = blocks.start + b * ctx.blockBytes;
      ctx.items.push({ start: s, end: s + perBlock, cls: 'memmap-on-memory', node: req.targetNode, zone, depth: 4, ref: req.ref, label: `${req.label} memmap on memory` });
    }
    chargeMemmap(ctx, req.targetNode, null, memmapBytes);
  } else chargeMemmap(ctx, req.targetNode, memmapNode, memmapBytes);
  return { start: blocks.start, end: blocks.end, blocks: blocks.count, trimmedBytes: trimmed, zone, memmapLocation: onMemory ? 'device' : 'ram', memmapBytes, memmapNode };
}
