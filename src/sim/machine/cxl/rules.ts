// Interleave values and region constraints the Linux CXL driver accepts
// (drivers/cxl/cxl.h ways_to_eiw / granularity_to_eig; drivers/cxl/core/region.c).
import { CXL_REGION_SIZE_UNIT } from '../constants';
import { violation, type Violation } from '../rules';
import type { CxlConfig, CxlRegion } from '../schema-cxl';
import { formatSizeArg } from '../../units/size';
import { hostBridgeOf } from './topology';

export const CXL_WAYS = [1, 2, 3, 4, 6, 8, 12, 16] as const;
export const CXL_GRANULARITIES = [256, 512, 1024, 2048, 4096, 8192, 16384] as const;

export const isValidWays = (w: number): boolean => (CXL_WAYS as readonly number[]).includes(w);
export const isValidGranularity = (g: number): boolean => (CXL_GRANULARITIES as readonly number[]).includes(g);
const isPow2 = (x: number) => x > 0 && Number.isInteger(x) && (x & (x - 1)) === 0;

/** Every rule a region must meet against its root decoder and memdevs. `others` = the other regions. */
export function checkCxlRegion(region: CxlRegion, cxl: CxlConfig, path: string): Violation[] {
  const out: Violation[] = [];
  if (!isValidWays(region.ways)) out.push(violation('cxlWays', `got ${region.ways}`, `${path}.ways`));
  if (!isValidGranularity(region.granularity)) out.push(violation('cxlGranularity', `got ${region.granularity}`, `${path}.granularity`));
  const root = cxl.rootDecoders.find((d) => d.id === region.rootDecoder);
  if (root) {
    const ratio = region.ways / root.ways;
    if (region.ways % root.ways !== 0 || !isPow2(ratio))
      out.push(violation('cxlWaysMultiple', `${region.ways} ways under a ${root.ways}-way root decoder`, `${path}.ways`));
    if (root.ways > 1 && region.granularity !== root.granularity)
      out.push(violation('cxlGranularityRoot', `region ${region.granularity} vs root ${root.granularity}`, `${path}.granularity`));
    if ((region.type === 'ram' && !root.volatile) || (region.type === 'pmem' && !root.pmem))
      out.push(violation('cxlType', `${root.id} is not ${region.type === 'ram' ? 'volatile' : 'pmem'}-capable`, `${path}.type`));
    if (region.start < root.start || region.start + region.size > root.start + root.size)
      out.push(violation('cxlSize', `${formatSizeArg(region.size)} at 0x${region.start.toString(16)} is outside window ${root.id}`, `${path}.start`));
    if ((region.start - root.start) % CXL_REGION_SIZE_UNIT !== 0)
      out.push(violation('cxlSize', 'HPA is allocated at 256 MiB alignment in the window', `${path}.start`));
    region.targets.forEach((t, i) => {
      const hb = hostBridgeOf(cxl, t);
      if (hb && !root.targets.includes(hb)) out.push(violation('cxlRootTargets', `${t} is below ${hb}, not a target of ${root.id}`, `${path}.targets[${i}]`));
    });
  }
  if (region.size % (CXL_REGION_SIZE_UNIT * region.ways) !== 0)
    out.push(violation('cxlSize', `${formatSizeArg(region.size)} is not a multiple of ${formatSizeArg(CXL_REGION_SIZE_UNIT * region.ways)}`, `${path}.size`));
  if (region.targets.length !== region.ways || new Set(region.targets).size !== region.targets.length)
    out.push(violation('cxlTargets', `${region.targets.length} targets for ${region.ways} ways`, `${path}.targets`));
  return out;
}

/** DPA each memdev has to give each partition, over all regions; over-commit is refused. */
export function checkCxlCapacity(cxl: CxlConfig): Violation[] {
  const out: Violation[] = [];
  cxl.memdevs.forEach((d, i) => {
    for (const part of ['ram', 'pmem'] as const) {
      const used = cxl.regions.filter((r) => r.type === part && r.targets.includes(d.id)).reduce((a, r) => a + r.size / r.ways, 0);
      const cap = part === 'ram' ? d.ramBytes : d.pmemBytes;
      if (used > cap) out.push(violation('cxlCapacity', `${d.id} needs ${formatSizeArg(used)} of ${part} but has ${formatSizeArg(cap)}`, `$.cxl.memdevs[${i}].${part}Bytes`));
    }
    for (const part of ['ramBytes', 'pmemBytes'] as const)
      if (d[part] % d.partitionAlignBytes !== 0)
        out.push(violation('cxlPartitionAlign', `${d.id} ${part} ${formatSizeArg(d[part])} vs alignment ${formatSizeArg(d.partitionAlignBytes)}`, `$.cxl.memdevs[${i}].${part}`, 'warning'));
  });
  return out;
}

/** Interleave position that serves a host physical address offset inside a region. */
export function positionOf(offsetInRegion: number, ways: number, granularity: number): number {
  return Math.floor(offsetInRegion / granularity) % ways;
}
