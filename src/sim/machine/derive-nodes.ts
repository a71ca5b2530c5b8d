// Per-node and per-zone figures summed from the leaf spans, plus tiers and the zone rules that
// need totals (movable ratio, memmap fitting in kernel zones).
import type { MapClass, Span } from './addressmap';
import { MEMTIER_ADISTANCE_DRAM, MEMTIER_DEFAULT_DAX_ADISTANCE } from './constants';
import { chargeMemmap, memmapOf, type DeriveContext } from './derive-context';
import type { CxlRegionLayout, NodeLayout, TierLayout, ZoneFigures } from './layout';
import { NOTES } from './notes';
import { violation } from './rules';
import type { MachineNode, ZoneName } from './schema';
import { demotionTargets, groupTiers, perfToAdistance, tierIdOf, type Perf } from './tiers';
import { DEFAULT_ACCESS, distanceFn, nodeKind } from './topology';
import { KERNEL_ZONES, movableRatioPercent, zoneIsHotRemovable } from './zones';
import { formatSizeArg } from '../units/size';

const ZONES: ZoneName[] = ['DMA', 'DMA32', 'Normal', 'Movable', 'Device', 'ExMem'];
const BUDDY: MapClass[] = ['system-ram', 'kmem-ram', 'memmap-on-memory'];
const NOT_MEMORY: MapClass[] = ['hole', 'reserved', 'cxl-window'];

interface Acc {
  capacity: number;
  online: number;
  offline: number;
  device: number;
  onMemoryMemmap: number;
  bootRam: boolean;
  zones: Map<ZoneName, ZoneFigures>;
}

export function deriveNodes(ctx: DeriveContext, spans: Span[], cxlRegions: CxlRegionLayout[], notes: Set<string>): { nodes: NodeLayout[]; zones: ZoneFigures[]; tiers: TierLayout[] } {
  const acc = new Map<number, Acc>(ctx.m.nodes.map((n) => [n.id, { capacity: 0, online: 0, offline: 0, device: 0, onMemoryMemmap: 0, bootRam: false, zones: new Map() }]));
  for (const s of spans) {
    const a = acc.get(s.node);
    if (!a || NOT_MEMORY.includes(s.cls)) continue;
    const bytes = s.end - s.start;
    a.capacity += bytes;
    if (s.cls === 'system-ram') {
      a.bootRam = true;
      chargeMemmap(ctx, s.node, s.node, memmapOf(bytes));
    }
    if (s.cls === 'memmap-on-memory') a.onMemoryMemmap += bytes;
    if (s.zone === 'Device') a.device += bytes;
    if (!BUDDY.includes(s.cls)) {
      if (s.zone === 'Device') zoneOf(a, 'Device').presentBytes += bytes;
      continue;
    }
    if (s.zone === 'offline' || s.zone === null) {
      a.offline += bytes;
      continue;
    }
    a.online += bytes;
    const z = zoneOf(a, s.zone);
    z.presentBytes += bytes;
    z.onlineBytes += bytes;
    if (zoneIsHotRemovable(s.zone)) z.hotRemovableBytes += bytes;
  }

  const dist = distanceFn(ctx.m);
  const adist = adistances(ctx, acc, notes);
  const tiers = groupTiers(adist);
  const demote = demotionTargets(tiers, dist);
  const nodes: NodeLayout[] = ctx.m.nodes.map((n) => {
    const a = acc.get(n.id)!;
    const zones = ZONES.map((z) => a.zones.get(z)).filter((z) => z !== undefined);
    const kernelZone = zones.filter((z) => KERNEL_ZONES.includes(z.zone)).reduce((x, z) => x + z.onlineBytes, 0);
    const movable = a.zones.get('Movable')?.onlineBytes ?? 0;
    const hosted = ctx.memmapInRam.get(n.id) ?? 0;
    const own = structPageOwn(ctx, n.id);
    const perf = access(n, n.id, cxlRegions, notes);
    const ad = adist.get(n.id);
    if (hosted > kernelZone && hosted > 0)
      ctx.violations.push(violation('memmapFitsKernel', `node ${n.id} hosts ${formatSizeArg(hosted)} of struct pages but has ${formatSizeArg(kernelZone)} in kernel zones`, `$.nodes[${ctx.m.nodes.indexOf(n)}]`));
    return {
      id: n.id,
      label: n.label ?? `node ${n.id}`,
      kind: nodeKind(n, a.capacity),
      socket: n.socket ?? null,
      capacityBytes: a.capacity,
      onlineBytes: a.online,
      offlineBytes: a.offline,
      deviceBytes: a.device,
      usableBytes: Math.max(0, a.online - a.onMemoryMemmap - hosted),
      structPageBytes: own.inRam + own.onDevice,
      structPageInRamBytes: own.inRam,
      structPageOnDeviceBytes: own.onDevice,
      hostedStructPageBytes: hosted,
      labelBytes: (ctx.labelInRange.get(n.id) ?? 0) + (ctx.labelOutOfRange.get(n.id) ?? 0),
      infoBlockBytes: ctx.infoBlock.get(n.id) ?? 0,
      kernelZoneBytes: kernelZone,
      movableBytes: movable,
      movableRatioPercent: kernelZone || movable ? movableRatioPercent(movable, kernelZone) : null,
      hotRemovableBytes: movable + a.offline,
      zones,
      adistance: ad ?? -1,
      tier: ad === undefined ? -1 : tierIdOf(ad),
      latencyNs: perf.readLatencyNs,
      bandwidthMiBps: perf.readBandwidthMiBps,
      demotionTargets: demote.get(n.id) ?? [],
    };
  });
  return { nodes, zones: zoneTotals(nodes), tiers: tierLayouts(tiers, nodes) };
}

function zoneOf(a: Acc, zone: ZoneName): ZoneFigures {
  let z = a.zones.get(zone);
  if (!z) a.zones.set(zone, (z = { zone, presentBytes: 0, onlineBytes: 0, hotRemovableBytes: 0 }));
  return z;
}

/** struct pages describing a node's memory, split by where they live. */
function structPageOwn(ctx: DeriveContext, node: number): { inRam: number; onDevice: number } {
  const f = ctx.memmapFor.get(node);
  return { inRam: f?.ram ?? 0, onDevice: f?.device ?? 0 };
}

function access(n: MachineNode, id: number, cxlRegions: CxlRegionLayout[], notes: Set<string>): Perf {
  if (n.access) return n.access;
  const regions = cxlRegions.filter((r) => r.node === id && r.type === 'ram');
  if (regions.length && n.cpus.length === 0) {
    const lat = Math.max(...regions.map((r) => r.latencyNs));
    const bw = regions.reduce((a, r) => a + r.aggregatedBandwidthMiBps, 0);
    return { readLatencyNs: lat, writeLatencyNs: lat, readBandwidthMiBps: bw, writeBandwidthMiBps: bw };
  }
  notes.add(NOTES.defaultAccess);
  const d = DEFAULT_ACCESS[n.tier];
  return { readLatencyNs: d.latencyNs, writeLatencyNs: d.latencyNs, readBandwidthMiBps: d.bandwidthMiBps, writeBandwidthMiBps: d.bandwidthMiBps };
}

/** Abstract distance of every node with online memory (N_MEMORY). */
function adistances(ctx: DeriveContext, acc: Map<number, Acc>, notes: Set<string>): Map<number, number> {
  const out = new Map<number, number>();
  const dramNodes = ctx.m.nodes.filter((n) => n.cpus.length > 0 && acc.get(n.id)!.bootRam);
  const ref = dramNodes.find((n) => n.access)?.access;
  const mismatch = ref && dramNodes.some((n) => n.access && (['readLatencyNs', 'writeLatencyNs', 'readBandwidthMiBps', 'writeBandwidthMiBps'] as const).some((k) => Math.abs(n.access![k] - ref[k]) * 10 > ref[k]));
  if (mismatch) notes.add(NOTES.perfRefDisabled);
  notes.add(NOTES.adistOverflow);
  for (const n of ctx.m.nodes) {
    const a = acc.get(n.id)!;
    if (a.online === 0) continue;
    const kmemOnly = !a.bootRam;
    let ad = kmemOnly ? MEMTIER_DEFAULT_DAX_ADISTANCE : MEMTIER_ADISTANCE_DRAM;
    if (ref && !mismatch && n.access) ad = perfToAdistance(n.access, ref);
    out.set(n.id, n.adistance ?? ad);
  }
  return out;
}

function zoneTotals(nodes: NodeLayout[]): ZoneFigures[] {
  const m = new Map<ZoneName, ZoneFigures>();
  for (const n of nodes)
    for (const z of n.zones) {
      const t = m.get(z.zone) ?? { zone: z.zone, presentBytes: 0, onlineBytes: 0, hotRemovableBytes: 0 };
      t.presentBytes += z.presentBytes;
      t.onlineBytes += z.onlineBytes;
      t.hotRemovableBytes += z.hotRemovableBytes;
      m.set(z.zone, t);
    }
  return ZONES.map((z) => m.get(z)).filter((z) => z !== undefined);
}

function tierLayouts(tiers: ReturnType<typeof groupTiers>, nodes: NodeLayout[]): TierLayout[] {
  return tiers.map((t) => {
    const ns = nodes.filter((n) => t.nodes.includes(n.id));
    const cap = ns.reduce((a, n) => a + n.onlineBytes, 0);
    return {
      id: t.id,
      adistanceStart: t.adistanceStart,
      nodes: t.nodes,
      capacityBytes: cap,
      usableBytes: ns.reduce((a, n) => a + n.usableBytes, 0),
      hotRemovableBytes: ns.reduce((a, n) => a + n.hotRemovableBytes, 0),
      bandwidthMiBps: ns.reduce((a, n) => a + n.bandwidthMiBps, 0),
      latencyNs: cap ? ns.reduce((a, n) => a + n.latencyNs * n.onlineBytes, 0) / cap : 0,
    };
  });
}
