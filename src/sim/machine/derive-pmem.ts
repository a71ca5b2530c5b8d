// pmem regions and namespaces: map items, per-namespace figures and the rules between them.
import type { MapClass } from './addressmap';
import { add, chargeMemmap, type DeriveContext } from './derive-context';
import type { NamespaceLayout, RegionLayout } from './layout';
import { checkNamespace, namespaceFigures } from './pmem/namespace';
import { implicitNamespaces, regionCapacity } from './pmem/region';
import { violation } from './rules';
import type { Namespace, PmemRegion } from './schema';
import { formatSizeArg } from '../units/size';

const DATA_CLASS: Record<Namespace['mode'], MapClass> = { fsdax: 'pmem-fsdax', devdax: 'pmem-devdax', sector: 'pmem-sector', raw: 'pmem-raw' };

export function derivePmem(ctx: DeriveContext): RegionLayout[] {
  const pmem = ctx.m.pmem;
  if (!pmem) return [];
  const out: RegionLayout[] = [];
  pmem.regions.forEach((region, ri) => {
    const rpath = `$.pmem.regions[${ri}]`;
    const cap = regionCapacity(region, pmem.dimms);
    const listed = pmem.namespaces.map((ns, i) => ({ ns, i })).filter((x) => x.ns.region === region.id);
    const implicit = implicitNamespaces(region, listed.map((x) => x.ns));
    const legacy = region.provider !== 'nfit';
    ctx.items.push({ start: region.start, end: region.start + region.size, cls: legacy ? 'persistent-legacy' : 'persistent', node: region.node, zone: null, depth: 1, ref: rpath, label: region.label ?? region.id });
    if (cap.labelBytesInRange) {
      const end = region.start + region.size;
      ctx.items.push({ start: end - cap.labelBytesInRange, end, cls: 'label-area', node: region.node, zone: null, depth: 3, ref: rpath, label: `${region.id} labels (ramdax)` });
    }
    add(ctx.labelInRange, region.node, cap.labelBytesInRange);
    add(ctx.labelOutOfRange, region.node, cap.labelBytesOutOfRange);
    checkRegionDimms(ctx, region, rpath);
    if (region.provider === 'nd_e820' && region.shards && region.size % region.shards.size !== 0)
      ctx.violations.push(violation('shardDivides', `${formatSizeArg(region.shards.size)} does not divide ${formatSizeArg(region.size)}`, `${rpath}.shards.size`));
    if (region.provider === 'e820' && listed.length > 1)
      ctx.violations.push(violation('labelless', `${region.id} lists ${listed.length} namespaces`, `${rpath}`));
    if (region.provider === 'e820')
      listed.forEach(({ ns, i }) => {
        if (ns.start !== region.start || ns.size !== region.size)
          ctx.violations.push(violation('labelless', `${ns.id} must cover all of ${region.id}`, `$.pmem.namespaces[${i}].size`));
      });
    const all = [...listed.map((x) => ({ ns: x.ns, path: `$.pmem.namespaces[${x.i}]`, implicit: false })), ...implicit.map((ns) => ({ ns, path: rpath, implicit: true }))];
    if (cap.labels && all.length > cap.maxNamespaces)
      ctx.violations.push(violation('labelSlots', `${all.length} namespaces, room for ${cap.maxNamespaces}`, `${rpath}`));
    const ways = Math.max(1, region.dimms.length);
    const nsLayouts: NamespaceLayout[] = [];
    for (const { ns, path, implicit: imp } of all) {
      const spec = { ...ns, provider: region.provider };
      if (!imp) ctx.violations.push(...checkNamespace(spec, path, ways));
      if (ns.start < region.start || ns.start + ns.size > region.start + cap.available)
        ctx.violations.push(violation(region.provider === 'ramdax' && ns.start + ns.size > region.start + cap.available && ns.start + ns.size <= region.start + region.size ? 'ramdaxLabels' : 'nsInsideRegion', `${ns.id} [0x${ns.start.toString(16)}, +${formatSizeArg(ns.size)})`, `${path}.start`));
      nsLayouts.push(namespaceLayout(ctx, region, ns, path, imp));
    }
    const sorted = [...nsLayouts].sort((a, b) => a.start - b.start);
    for (let k = 1; k < sorted.length; k++)
      if (sorted[k].start < sorted[k - 1].start + sorted[k - 1].size)
        ctx.violations.push(violation('nsOverlap', `${sorted[k].id} overlaps ${sorted[k - 1].id}`, `$.pmem.namespaces[${pmem.namespaces.findIndex((n) => n.id === sorted[k].id)}].start`));
    out.push({
      id: region.id,
      provider: region.provider,
      node: region.node,
      start: region.start,
      size: region.size,
      available: cap.available,
      allocated: nsLayouts.reduce((a, n) => a + n.size, 0),
      labelBytesInRange: cap.labelBytesInRange,
      labelBytesOutOfRange: cap.labelBytesOutOfRange,
      maxNamespaces: cap.maxNamespaces,
      namespaces: nsLayouts,
      dimmMappings: region.dimms.map((d, position) => ({ dimm: d, offset: region.dimmOffset, length: region.size / ways, position })),
      status: region.provider === 'nd_e820' ? 'proposed' : region.provider === 'ramdax' ? 'merged-6.19' : 'merged',
    });
  });
  return out;
}

function checkRegionDimms(ctx: DeriveContext, region: PmemRegion, rpath: string): void {
  if (region.provider !== 'nfit' || region.dimms.length === 0) return;
  const per = region.size / region.dimms.length;
  region.dimms.forEach((id, k) => {
    const d = ctx.m.pmem?.dimms.find((x) => x.id === id);
    if (!d) return;
    if (!Number.isInteger(per) || region.dimmOffset + per > d.capacity)
      ctx.violations.push(violation('regionDimms', `${id} cannot map ${formatSizeArg(per)} at DPA ${formatSizeArg(region.dimmOffset)}`, `${rpath}.dimms[${k}]`));
  });
  const used = new Map<string, number>();
  for (const r of ctx.m.pmem?.regions ?? [])
    for (const id of r.dimms) used.set(id, (used.get(id) ?? 0) + r.size / r.dimms.length);
  for (const [id, bytes] of used) {
    const d = ctx.m.pmem?.dimms.find((x) => x.id === id);
    if (d && region.dimms.includes(id) && bytes > d.capacity)
      ctx.violations.push(violation('regionDimms', `${id} is mapped for ${formatSizeArg(bytes)} but holds ${formatSizeArg(d.capacity)}`, rpath));
  }
}

function namespaceLayout(ctx: DeriveContext, region: PmemRegion, ns: Namespace, path: string, implicit: boolean): NamespaceLayout {
  const labelled = region.provider === 'nfit' || region.provider === 'ramdax';
  let f;
  try {
    f = namespaceFigures({ ...ns, provider: region.provider });
  } catch {
    f = null;
  }
  const base = { id: ns.id, region: region.id, start: ns.start, size: ns.size, mode: ns.mode, align: ns.align, map: ns.map, implicit, labelled };
  if (!f) {
    ctx.items.push({ start: ns.start, end: ns.start + ns.size, cls: 'pmem-metadata', node: region.node, zone: null, depth: 2, ref: path, label: `${ns.id} (invalid)` });
    return { ...base, dataStart: ns.start, dataEnd: ns.start, dataOffsetBytes: 0, npfns: null, usableBytes: 0, metadataBytes: ns.size, metadataLocation: 'none', structPageBytes: 0, infoBlockBytes: 0 };
  }
  const dataStart = ns.start + f.dataOffsetBytes;
  const dataEnd = dataStart + f.usableBytes;
  const pfn = ns.mode === 'fsdax' || ns.mode === 'devdax';
  const zone = pfn ? 'Device' : null;
  if (f.dataOffsetBytes) ctx.items.push({ start: ns.start, end: dataStart, cls: 'pmem-metadata', node: region.node, zone: null, depth: 2, ref: path, label: `${ns.id} ${f.infoBlock} info block${f.metadataLocation === 'device' ? ' + memmap' : ''}` });
  ctx.items.push({ start: dataStart, end: dataEnd, cls: DATA_CLASS[ns.mode], node: region.node, zone, depth: 2, ref: path, label: `${ns.id} ${ns.mode}` });
  if (dataEnd < ns.start + ns.size) ctx.items.push({ start: dataEnd, end: ns.start + ns.size, cls: 'pmem-metadata', node: region.node, zone: null, depth: 2, ref: path, label: `${ns.id} ${ns.mode === 'sector' ? 'BTT map/log' : 'end truncation'}` });
  const onDevice = f.metadataLocation === 'device' ? f.structPageBytes : 0;
  if (f.metadataLocation !== 'none') chargeMemmap(ctx, region.node, f.metadataLocation === 'device' ? null : region.node, f.structPageBytes);
  const infoBlockBytes = f.metadataBytes - onDevice;
  add(ctx.infoBlock, region.node, infoBlockBytes);
  return {
    ...base,
    dataStart,
    dataEnd,
    dataOffsetBytes: f.dataOffsetBytes,
    npfns: f.npfns,
    usableBytes: f.usableBytes,
    metadataBytes: f.metadataBytes,
    metadataLocation: f.metadataLocation,
    structPageBytes: f.structPageBytes,
    infoBlockBytes,
  };
}
