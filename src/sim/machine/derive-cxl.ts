// CXL windows and regions: interleave rules, where each region's memory goes (a memory-only node
// through dax/kmem, or an SMDK group), its bandwidth and latency, and which hosts map it.
import { checkCxlCapacity, checkCxlRegion } from './cxl/rules';
import { smdkPlacement } from './cxl/smdk';
import { addedLatencyNs, aggregatedBandwidthMiBps, pathOf } from './cxl/topology';
import { chargeMemmap, memmapOf, type DeriveContext } from './derive-context';
import { addKmem } from './kmem';
import type { CxlRegionLayout } from './layout';
import { violation } from './rules';
import type { ZoneName } from './schema';
import { DEFAULT_ACCESS, nearestCpuNode, nodeById, socketsOf } from './topology';

export function deriveCxl(ctx: DeriveContext): CxlRegionLayout[] {
  const cxl = ctx.m.cxl;
  if (!cxl) return [];
  ctx.violations.push(...checkCxlCapacity(cxl));
  cxl.rootDecoders.forEach((d, i) =>
    ctx.items.push({ start: d.start, end: d.start + d.size, cls: 'cxl-window', node: nodeById(ctx.m, cxl.hostBridges.find((b) => b.id === d.targets[0])?.node ?? 0)?.id ?? 0, zone: null, depth: 1, ref: `$.cxl.rootDecoders[${i}]`, label: `${d.id} CFMWS window` }),
  );
  const nrSockets = socketsOf(ctx.m).length;
  let ramIndex = 0;
  return cxl.regions.map((region, i) => {
    const path = `$.cxl.regions[${i}]`;
    ctx.violations.push(...checkCxlRegion(region, cxl, path));
    const paths = region.targets.map((t) => pathOf(cxl, t));
    const bridge = cxl.hostBridges.find((b) => b.id === paths[0]?.hostBridge);
    const socketNode = bridge?.node ?? 0;
    const attachment = paths.every((p) => p.attachment === 'direct') ? 'direct' : paths.every((p) => p.attachment === 'switch') ? 'switch' : 'mixed';
    const devs = region.targets.map((t) => cxl.memdevs.find((d) => d.id === t)).filter((d) => d !== undefined);
    const sharing = devs.some((d) => d.sharing === 'shared') ? 'shared' : 'private';
    const added = Math.max(0, ...region.targets.map((t) => addedLatencyNs(cxl, t)));
    const local = nodeById(ctx.m, socketNode);
    const baseLatency = local?.access?.readLatencyNs ?? DEFAULT_ACCESS.dram.latencyNs;

    let node: number | null = region.node ?? null;
    let zone: ZoneName | 'offline' | null = null;
    let placement = region.node !== undefined ? 'CFMWS proximity domain (region.node)' : 'no node given';
    let forced: ZoneName | undefined;
    if (cxl.smdk && region.type === 'ram') {
      const p = smdkPlacement(cxl.smdk, bridge?.socket ?? 0, ramIndex, nrSockets);
      node = p.node;
      placement = `SMDK ${cxl.smdk.version} ${p.rule}`;
      forced = p.zone;
      if (node !== null && !nodeById(ctx.m, node))
        ctx.violations.push(violation('zoneKinds', `SMDK ${cxl.smdk.mode} places ${region.id} on node ${node}, which is not in nodes`, `${path}`, 'warning'));
    }
    if (region.type === 'ram') ramIndex++;

    ctx.items.push({ start: region.start, end: region.start + region.size, cls: region.type === 'ram' ? 'cxl-ram' : 'cxl-pmem', node: node ?? socketNode, zone: null, depth: 2, ref: path, label: `${region.id} (${region.ways}-way, ${region.granularity} B)` });
    const daxListed = (ctx.m.dax ?? []).some((d) => d.source.kind === 'cxl-region' && d.source.region === region.id);
    if (region.type === 'ram' && !daxListed) {
      const mode = cxl.smdk?.mode === 'group-dax' ? 'devdax' : region.dax;
      if (mode === 'system-ram' && node !== null) {
        const k = addKmem(ctx, { start: region.start, end: region.start + region.size, targetNode: node, movable: region.movable, online: true, memmapOnMemory: false, zone: forced, ref: path, label: region.id });
        zone = k?.zone ?? null;
      } else if (mode === 'system-ram') {
        ctx.violations.push(violation('daxSourceMode', `${region.id} has no node to join`, `${path}.node`, 'warning'));
      } else if (mode === 'devdax') {
        ctx.items.push({ start: region.start, end: region.start + region.size, cls: 'cxl-ram', node: node ?? socketNode, zone: 'Device', depth: 3, ref: path, label: `${region.id} devdax` });
        chargeMemmap(ctx, node ?? socketNode, nearestCpuNode(ctx.m, node ?? socketNode), memmapOf(region.size));
        zone = 'Device';
      }
    }
    const hosts = [{ id: 'local', name: ctx.m.name, hpaStart: region.start, dax: region.dax }];
    for (const h of ctx.m.hosts ?? [])
      for (const mp of h.mappings) if (mp.region === region.id && !h.local) hosts.push({ id: h.id, name: h.name, hpaStart: mp.hpaStart, dax: mp.dax });
    const kmemHosts = hosts.filter((h) => h.dax === 'system-ram').length;
    if (hosts.length > 1 && kmemHosts > 0)
      ctx.violations.push(violation('sharedKmem', `${region.id} is mapped by ${hosts.length} hosts and onlined as System RAM by ${kmemHosts}`, `${path}.dax`));
    if (hosts.length > 1 && sharing === 'private')
      ctx.violations.push(violation('sharedKmem', `${region.id} is mapped by ${hosts.length} hosts but its memdevs are marked private`, `${path}.targets`, 'warning'));
    return {
      id: region.id,
      type: region.type,
      start: region.start,
      size: region.size,
      ways: region.ways,
      granularity: region.granularity,
      perDeviceBytes: region.size / region.ways,
      targets: region.targets,
      attachment,
      sharing,
      hosts,
      aggregatedBandwidthMiBps: aggregatedBandwidthMiBps(cxl, region.targets),
      addedLatencyNs: added,
      latencyNs: baseLatency + added,
      node,
      zone,
      placement,
    };
  });
}
