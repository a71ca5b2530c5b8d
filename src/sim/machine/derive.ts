// deriveLayout(machine): every derived figure of a machine, recomputed from scratch on each edit.
// Pure: the same machine always gives the same layout; nothing here touches the DOM or a store.
import { flatten } from './addressmap';
import { kernelBlockSize } from './blocks';
import { deriveBaseRanges } from './derive-base';
import { newContext } from './derive-context';
import { deriveCxl } from './derive-cxl';
import { deriveDax } from './derive-dax';
import { deriveNodes } from './derive-nodes';
import { derivePmem } from './derive-pmem';
import { derivePools } from './derive-pool';
import type { Layout } from './layout';
import { NOTES } from './notes';
import { violation, type Violation } from './rules';
import type { Machine } from './schema';
import { movableRatioPercent } from './zones';
import { formatSizeArg } from '../units/size';

export function deriveLayout(m: Machine): Layout {
  const ctx = newContext(m);
  const notes = new Set<string>();
  deriveBaseRanges(ctx);
  const regions = derivePmem(ctx);
  const dax = deriveDax(ctx, regions);
  const cxlRegions = deriveCxl(ctx);
  const pools = derivePools(ctx);
  const spans = flatten(ctx.items);
  const { nodes, zones, tiers } = deriveNodes(ctx, spans, cxlRegions, notes);

  const bootEnd = Math.max(0, ...m.ranges.filter((r) => r.type === 'system-ram').map((r) => r.start + r.size));
  const kernel = ctx.kernel;
  const pick = kernelBlockSize(kernel.platform, bootEnd);
  if (pick.bytes !== m.memoryBlockBytes)
    ctx.violations.push(violation('blockSize', `machine says ${formatSizeArg(m.memoryBlockBytes)}; the kernel would pick ${formatSizeArg(pick.bytes)} (${pick.reason}) unless told otherwise`, '$.memoryBlockBytes', 'info'));
  m.ranges.forEach((r, i) => {
    if (r.type === 'system-ram' && r.zone === 'Movable' && (r.start % m.memoryBlockBytes || r.size % m.memoryBlockBytes))
      ctx.violations.push(violation('blockAlign', `${r.id} is in ZONE_MOVABLE but not aligned to ${formatSizeArg(m.memoryBlockBytes)} blocks`, `$.ranges[${i}]`, 'warning'));
  });
  checkSlit(m, ctx.violations);

  const kernelZone = nodes.reduce((a, n) => a + n.kernelZoneBytes, 0);
  const movable = nodes.reduce((a, n) => a + n.movableBytes, 0);
  const ratio = kernelZone || movable ? movableRatioPercent(movable, kernelZone) : null;
  if (ratio !== null && ratio > kernel.hotplug.autoMovableRatio)
    ctx.violations.push(violation('movableRatio', `MOVABLE:KERNEL is ${ratio === Infinity ? 'infinite' : `${Math.round(ratio)}%`} (auto_movable_ratio ${kernel.hotplug.autoMovableRatio}%)`, '$', 'warning'));

  if (dax.some((d) => d.kmem) || cxlRegions.some((r) => r.zone)) notes.add(NOTES.memmapLocalNode);
  if (dax.some((d) => d.kmem) && regions.some((r) => r.namespaces.some((n) => n.mode === 'devdax'))) notes.add(NOTES.kmemKeepsNamespaceReserve);
  if (kernel.hotplug.autoOnlineBlocks === 'online') notes.add(NOTES.autoOnlineZone);
  if (m.cxl?.smdk) notes.add(NOTES.smdkRegions).add(NOTES.smdkTiers);
  if (m.cxl?.switches.length) notes.add(NOTES.cxlSwitchLatency);
  if (m.cxl?.rootDecoders.length) notes.add(NOTES.blockSizeAdvice);
  if (m.hosts?.length) notes.add(NOTES.sharedMemory);
  if (regions.some((r) => r.namespaces.some((n) => n.mode === 'sector'))) notes.add(NOTES.sectorBtt);
  if (regions.some((r) => r.provider === 'nd_e820')) notes.add(NOTES.ndE820Proposed);
  if (regions.some((r) => r.provider === 'ramdax')) notes.add(NOTES.ramdax619);
  if (pools.length) notes.add(NOTES.poolModel);

  const sum = (f: (n: (typeof nodes)[number]) => number) => nodes.reduce((a, n) => a + f(n), 0);
  return {
    machine: m.name,
    memoryBlock: { bytes: m.memoryBlockBytes, kernelWouldPickBytes: pick.bytes, rule: pick.reason },
    totals: {
      capacityBytes: sum((n) => n.capacityBytes),
      onlineBytes: sum((n) => n.onlineBytes),
      usableBytes: sum((n) => n.usableBytes),
      structPageInRamBytes: sum((n) => n.structPageInRamBytes),
      structPageOnDeviceBytes: sum((n) => n.structPageOnDeviceBytes),
      labelBytes: sum((n) => n.labelBytes),
      infoBlockBytes: sum((n) => n.infoBlockBytes),
      hotRemovableBytes: sum((n) => n.hotRemovableBytes),
      movableRatioPercent: ratio === Infinity ? null : ratio,
    },
    nodes,
    zones,
    tiers,
    regions,
    dax,
    cxlRegions,
    pools,
    spans,
    warnings: dedupe(ctx.violations),
    notes: [...notes],
  };
}

/** All rule violations of a machine (errors, warnings and info), as deriveLayout reports them. */
export function validateMachine(m: Machine): Violation[] {
  return deriveLayout(m).warnings;
}

function checkSlit(m: Machine, out: Violation[]): void {
  const d = m.distances;
  if (!d) return;
  d.forEach((row, i) =>
    row.forEach((v, j) => {
      if (i === j && v !== 10) out.push(violation('distanceMatrix', `distance[${i}][${i}] is ${v}`, `$.distances[${i}][${j}]`, 'warning'));
      if (j > i && d[j]?.[i] !== v) out.push(violation('distanceMatrix', `distance[${i}][${j}]=${v} but distance[${j}][${i}]=${d[j]?.[i]}`, `$.distances[${i}][${j}]`, 'info'));
    }),
  );
}

function dedupe(vs: Violation[]): Violation[] {
  const seen = new Set<string>();
  return vs.filter((v) => {
    const k = `${v.rule}|${v.path}|${v.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
