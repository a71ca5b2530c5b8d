// Capacity of a pmem region and the namespaces the kernel/ndctl would place in it, by provider.
import { LABEL_AREA_SIZE } from '../constants';
import type { Namespace, Nvdimm, PmemRegion } from '../schema-pmem';
import { labelArea } from './labels';

export interface RegionCapacity {
  /** SPA bytes of the region. */
  size: number;
  /** Bytes namespaces can use (ramdax: size - 128 KiB). */
  available: number;
  /** Label storage taken from the SPA range (ramdax only); real DIMM LSAs are outside it. */
  labelBytesInRange: number;
  /** Label storage on the DIMMs, outside the SPA range. */
  labelBytesOutOfRange: number;
  /** Does the region use namespace labels at all? */
  labels: boolean;
  maxNamespaces: number;
}

export function regionCapacity(region: PmemRegion, dimms: Nvdimm[]): RegionCapacity {
  switch (region.provider) {
    case 'ramdax': {
      const lsa = labelArea(LABEL_AREA_SIZE);
      return {
        size: region.size,
        available: Math.max(0, region.size - LABEL_AREA_SIZE),
        labelBytesInRange: LABEL_AREA_SIZE,
        labelBytesOutOfRange: 0,
        labels: true,
        maxNamespaces: lsa.maxNamespaces,
      };
    }
    case 'nfit': {
      const members = dimms.filter((d) => region.dimms.includes(d.id));
      const max = members.length ? Math.min(...members.map((d) => labelArea(d.labelAreaBytes, d.labelSize).maxNamespaces)) : 0;
      return {
        size: region.size,
        available: region.size,
        labelBytesInRange: 0,
        labelBytesOutOfRange: members.reduce((a, d) => a + d.labelAreaBytes, 0),
        labels: members.length > 0,
        maxNamespaces: members.length ? max : 1,
      };
    }
    case 'e820':
      return { size: region.size, available: region.size, labelBytesInRange: 0, labelBytesOutOfRange: 0, labels: false, maxNamespaces: 1 };
    case 'nd_e820': {
      const shards = region.shards ? Math.floor(region.size / region.shards.size) : 1;
      return { size: region.size, available: region.size, labelBytesInRange: 0, labelBytesOutOfRange: 0, labels: false, maxNamespaces: shards };
    }
  }
}

/**
 * Namespaces the kernel creates by itself: a label-less e820 region gets one region-sized raw
 * namespace (unless the machine lists one to give its mode); PROPOSED nd_e820 shards get one
 * namespace per shard with no label and no info block.
 */
export function implicitNamespaces(region: PmemRegion, listed: Namespace[]): Namespace[] {
  const index = Number(/(\d+)$/.exec(region.id)?.[1] ?? 0);
  if (region.provider === 'e820' && listed.length === 0)
    return [{ id: `namespace${index}.0`, region: region.id, start: region.start, size: region.size, mode: 'raw', align: 2 ** 21, map: 'dev', sectorSize: 4096 }];
  if (region.provider === 'nd_e820' && region.shards && listed.length === 0) {
    const out: Namespace[] = [];
    const n = Math.floor(region.size / region.shards.size);
    for (let i = 0; i < n; i++)
      out.push({
        id: `namespace${index}.${i}`,
        region: region.id,
        start: region.start + i * region.shards.size,
        size: region.shards.size,
        mode: region.shards.mode,
        align: region.shards.align,
        map: 'mem',
        sectorSize: 4096,
      });
    return out;
  }
  return [];
}
