// Memory tiers from abstract distance (mm/memory-tiers.c, include/linux/memory-tiers.h,
// drivers/dax/kmem.c). Smaller adistance = faster; tier id = adistance >> 7.
import { MEMTIER_ADISTANCE_DRAM, MEMTIER_CHUNK_BITS } from './constants';

export interface Perf {
  readLatencyNs: number;
  writeLatencyNs: number;
  readBandwidthMiBps: number;
  writeBandwidthMiBps: number;
}

/**
 * mt_perf_to_adistance: adist = 576 x (Rlat+Wlat)/(DRAM Rlat+Wlat) x (DRAM Rbw+Wbw)/(Rbw+Wbw),
 * evaluated left to right in integer arithmetic as the C code does.
 */
export function perfToAdistance(perf: Perf, dram: Perf): number {
  const lat = Math.floor((MEMTIER_ADISTANCE_DRAM * (perf.readLatencyNs + perf.writeLatencyNs)) / (dram.readLatencyNs + dram.writeLatencyNs));
  return Math.floor((lat * (dram.readBandwidthMiBps + dram.writeBandwidthMiBps)) / (perf.readBandwidthMiBps + perf.writeBandwidthMiBps));
}

export const tierIdOf = (adistance: number): number => adistance >> MEMTIER_CHUNK_BITS;
export const tierStartOf = (adistance: number): number => (adistance >> MEMTIER_CHUNK_BITS) << MEMTIER_CHUNK_BITS;

export interface TierInfo {
  id: number;
  /** memory_tierN covers adistance [start, start + 128). */
  adistanceStart: number;
  nodes: number[];
}

/** Group nodes into tiers, fastest first, as /sys/devices/virtual/memory_tiering shows them. */
export function groupTiers(adistances: Map<number, number>): TierInfo[] {
  const byTier = new Map<number, number[]>();
  for (const [node, ad] of adistances) {
    const id = tierIdOf(ad);
    byTier.set(id, [...(byTier.get(id) ?? []), node]);
  }
  return [...byTier.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([id, nodes]) => ({ id, adistanceStart: id << MEMTIER_CHUNK_BITS, nodes: nodes.sort((a, b) => a - b) }));
}

/**
 * establish_demotion_targets: each node demotes to the nodes of the next slower tier at the
 * smallest SLIT distance from it; nodes of the slowest tier have none.
 */
export function demotionTargets(tiers: TierInfo[], distance: (a: number, b: number) => number): Map<number, number[]> {
  const out = new Map<number, number[]>();
  tiers.forEach((tier, i) => {
    const next = tiers[i + 1];
    for (const n of tier.nodes) {
      if (!next) {
        out.set(n, []);
        continue;
      }
      const best = Math.min(...next.nodes.map((t) => distance(n, t)));
      out.set(n, next.nodes.filter((t) => distance(n, t) === best));
    }
  });
  return out;
}
