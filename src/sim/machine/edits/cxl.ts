// What-if edits of CXL memory devices, regions and SMDK grouping.
import type { CxlMemdev, CxlRegion, Machine, SmdkConfig } from '../schema';
import { cxlSchema } from '../schema-cxl';
import { clone, commit, findIndex, refuse, type EditResult } from './result';

const cxlOf = (m: Machine) => (m.cxl ??= cxlSchema.parse({}));

export function addCxlMemdev(m: Machine, dev: CxlMemdev): EditResult {
  const next = clone(m);
  cxlOf(next).memdevs.push(dev);
  return commit(m, next);
}

export function removeCxlMemdev(m: Machine, id: string): EditResult {
  const i = findIndex(m.cxl?.memdevs, id);
  if (i < 0) return refuse('schema', `no memdev "${id}"`, '$.cxl.memdevs');
  const user = m.cxl!.regions.find((r) => r.targets.includes(id));
  if (user) return refuse('cxl.targets', `${id} is a target of ${user.id}: destroy the region first`, `$.cxl.memdevs[${i}]`);
  const next = clone(m);
  cxlOf(next).memdevs.splice(i, 1);
  return commit(m, next);
}

export function addCxlRegion(m: Machine, region: CxlRegion): EditResult {
  const next = clone(m);
  cxlOf(next).regions.push(region);
  return commit(m, next);
}

export function removeCxlRegion(m: Machine, id: string): EditResult {
  const i = findIndex(m.cxl?.regions, id);
  if (i < 0) return refuse('schema', `no CXL region "${id}"`, '$.cxl.regions');
  const next = clone(m);
  cxlOf(next).regions.splice(i, 1);
  next.dax = next.dax?.filter((d) => !(d.source.kind === 'cxl-region' && d.source.region === id));
  next.hosts = next.hosts?.map((h) => ({ ...h, mappings: h.mappings.filter((mp) => mp.region !== id) }));
  return commit(m, next);
}

/** Re-creates a region with other ways/granularity/targets/size (regions are not resized live). */
export function setCxlInterleave(m: Machine, id: string, change: Partial<Pick<CxlRegion, 'ways' | 'granularity' | 'targets' | 'size' | 'dax' | 'movable' | 'node'>>): EditResult {
  const i = findIndex(m.cxl?.regions, id);
  if (i < 0) return refuse('schema', `no CXL region "${id}"`, '$.cxl.regions');
  const next = clone(m);
  cxlOf(next).regions[i] = { ...m.cxl!.regions[i], ...change };
  return commit(m, next);
}

export function setSmdkMode(m: Machine, smdk: SmdkConfig | undefined): EditResult {
  const next = clone(m);
  const c = cxlOf(next);
  if (smdk) c.smdk = smdk;
  else delete c.smdk;
  return commit(m, next);
}
