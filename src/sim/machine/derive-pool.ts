// DRAM pools carved out at boot and the consumers they feed (hugetlb, guest_memfd, memfd).
import { chargeMemmap, memmapOf, type DeriveContext } from './derive-context';
import type { PoolLayout } from './layout';
import { violation } from './rules';
import type { MapClass } from './addressmap';

const PAGE_SIZES = [4096, 2 * 2 ** 20, 2 ** 30];

export function derivePools(ctx: DeriveContext): PoolLayout[] {
  return (ctx.m.pools ?? []).map((pool, i) => {
    const path = `$.pools[${i}]`;
    const end = pool.start + pool.size;
    const inRam = ctx.m.ranges.some((r) => r.type === 'system-ram' && r.start <= pool.start && r.start + r.size >= end);
    if (!inRam) ctx.violations.push(violation('poolInsideRam', `${pool.id} [0x${pool.start.toString(16)}, 0x${end.toString(16)})`, `${path}.start`));
    ctx.items.push({ start: pool.start, end, cls: 'pool-free', node: pool.node, zone: null, depth: 2, ref: path, label: `${pool.id} (free)` });
    // Consumers are packed from the pool start, each aligned to its page size.
    let cursor = pool.start;
    const consumers: PoolLayout['consumers'] = [];
    pool.consumers.forEach((c, j) => {
      if (!PAGE_SIZES.includes(c.pageBytes) || c.bytes % c.pageBytes !== 0) {
        ctx.violations.push(violation('poolPageAlign', `${c.id}: ${c.bytes} bytes in ${c.pageBytes}-byte pages`, `${path}.consumers[${j}]`));
        return;
      }
      const start = Math.ceil(cursor / c.pageBytes) * c.pageBytes;
      if (start + c.bytes > end) {
        ctx.violations.push(violation('poolOverflow', `${c.id} needs ${c.bytes} bytes at 0x${start.toString(16)}`, `${path}.consumers[${j}].bytes`));
        return;
      }
      ctx.items.push({ start, end: start + c.bytes, cls: `pool-${c.kind}` as MapClass, node: pool.node, zone: null, depth: 3, ref: `${path}.consumers[${j}]`, label: `${pool.id}: ${c.id} (${c.kind})` });
      consumers.push({ id: c.id, kind: c.kind, start, bytes: c.bytes, pageBytes: c.pageBytes, pages: c.bytes / c.pageBytes });
      cursor = start + c.bytes;
    });
    const used = consumers.reduce((a, c) => a + c.bytes, 0);
    const structPageBytes = pool.structPages === 'ram' ? memmapOf(used) : 0;
    chargeMemmap(ctx, pool.node, pool.node, structPageBytes);
    return { id: pool.id, start: pool.start, size: pool.size, node: pool.node, usedBytes: used, freeBytes: pool.size - used, structPageBytes, consumers };
  });
}
