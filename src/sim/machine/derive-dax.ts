// dax devices listed in machine.dax: devdax (ZONE_DEVICE) or System RAM through kmem.
import { chargeMemmap, memmapOf, type DeriveContext } from './derive-context';
import { addKmem } from './kmem';
import type { DaxLayout, RegionLayout } from './layout';
import { violation } from './rules';
import { nearestCpuNode } from './topology';

const DAX_ALIGNS = [4096, 2 * 2 ** 20, 2 ** 30];

export function deriveDax(ctx: DeriveContext, regions: RegionLayout[]): DaxLayout[] {
  const out: DaxLayout[] = [];
  (ctx.m.dax ?? []).forEach((d, i) => {
    const path = `$.dax[${i}]`;
    let range: { start: number; end: number; cls: 'pmem-devdax' | 'cxl-ram' | 'soft-reserved' } | undefined;
    const s = d.source;
    if (s.kind === 'namespace') {
      const ns = regions.flatMap((r) => r.namespaces).find((n) => n.id === s.namespace);
      if (ns && ns.mode === 'devdax') range = { start: ns.dataStart, end: ns.dataEnd, cls: 'pmem-devdax' };
      else ctx.violations.push(violation('daxSourceMode', `${s.namespace} is ${ns?.mode ?? 'missing'}`, `${path}.source`));
    } else if (s.kind === 'cxl-region') {
      const r = ctx.m.cxl?.regions.find((x) => x.id === s.region);
      if (r && r.type === 'ram') range = { start: r.start, end: r.start + r.size, cls: 'cxl-ram' };
      else ctx.violations.push(violation('daxSourceMode', `${s.region} is not a ram region`, `${path}.source`));
    } else {
      const r = ctx.m.ranges.find((x) => x.id === s.range);
      if (r && r.type === 'soft-reserved') range = { start: r.start, end: r.start + r.size, cls: 'soft-reserved' };
      else ctx.violations.push(violation('daxSourceMode', `${s.range} is not soft-reserved`, `${path}.source`));
    }
    if (!DAX_ALIGNS.includes(d.align)) ctx.violations.push(violation('daxAlignFault', `got ${d.align}`, `${path}.align`));
    if (!range) return;
    const layout: DaxLayout = { id: d.id, mode: d.mode, start: range.start, end: range.end, targetNode: d.targetNode };
    if (d.mode === 'system-ram') {
      layout.kmem = addKmem(ctx, { start: range.start, end: range.end, targetNode: d.targetNode, movable: d.movable, online: d.online, memmapOnMemory: d.memmapOnMemory, ref: path, label: d.id });
    } else if (range.cls !== 'pmem-devdax') {
      // Namespace devdax already counted its memmap; hmem/CXL devdax has no altmap: memmap in RAM.
      ctx.items.push({ start: range.start, end: range.end, cls: range.cls, node: d.targetNode, zone: 'Device', depth: 3, ref: path, label: `${d.id} devdax` });
      chargeMemmap(ctx, d.targetNode, nearestCpuNode(ctx.m, d.targetNode), memmapOf(range.end - range.start));
    }
    out.push(layout);
  });
  return out;
}
