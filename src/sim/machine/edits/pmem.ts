// What-if edits of NVDIMMs, pmem regions and namespaces.
import { violation } from '../rules';
import type { Machine, Namespace, Nvdimm, PmemRegion } from '../schema';
import { clone, commit, findIndex, refuse, type EditResult } from './result';

const pmemOf = (m: Machine) => (m.pmem ??= { dimms: [], regions: [], namespaces: [] });
const fromViolation = (v: ReturnType<typeof violation>): EditResult => refuse(v.rule, v.message, v.path);

export function addDimm(m: Machine, dimm: Nvdimm): EditResult {
  const next = clone(m);
  pmemOf(next).dimms.push(dimm);
  return commit(m, next);
}

export function removeDimm(m: Machine, id: string): EditResult {
  const i = findIndex(m.pmem?.dimms, id);
  if (i < 0) return refuse('schema', `no DIMM "${id}"`, '$.pmem.dimms');
  const user = m.pmem?.regions.find((r) => r.dimms.includes(id));
  if (user) return fromViolation(violation('dimmInUse', `${id} is in ${user.id}`, `$.pmem.dimms[${i}]`));
  const next = clone(m);
  pmemOf(next).dimms.splice(i, 1);
  return commit(m, next);
}

export function resizeDimm(m: Machine, id: string, capacity: number): EditResult {
  const i = findIndex(m.pmem?.dimms, id);
  if (i < 0) return refuse('schema', `no DIMM "${id}"`, '$.pmem.dimms');
  const next = clone(m);
  pmemOf(next).dimms[i].capacity = capacity;
  return commit(m, next);
}

export function addRegion(m: Machine, region: PmemRegion): EditResult {
  const next = clone(m);
  pmemOf(next).regions.push(region);
  return commit(m, next);
}

export function removeRegion(m: Machine, id: string): EditResult {
  const i = findIndex(m.pmem?.regions, id);
  if (i < 0) return refuse('schema', `no region "${id}"`, '$.pmem.regions');
  const ns = m.pmem?.namespaces.filter((n) => n.region === id) ?? [];
  if (ns.length) return fromViolation(violation('regionBusy', `${id} holds ${ns.map((n) => n.id).join(', ')}`, `$.pmem.regions[${i}]`));
  const next = clone(m);
  pmemOf(next).regions.splice(i, 1);
  return commit(m, next);
}

export function resizeRegion(m: Machine, id: string, size: number): EditResult {
  const i = findIndex(m.pmem?.regions, id);
  if (i < 0) return refuse('schema', `no region "${id}"`, '$.pmem.regions');
  const region = m.pmem!.regions[i];
  const end = Math.max(region.start, ...m.pmem!.namespaces.filter((n) => n.region === id).map((n) => n.start + n.size));
  if (region.start + size < end) return fromViolation(violation('regionBusy', `namespaces reach 0x${end.toString(16)}`, `$.pmem.regions[${i}].size`));
  const next = clone(m);
  pmemOf(next).regions[i].size = size;
  return commit(m, next);
}

/** Adds a namespace; without `start` it goes at the lowest free 16 MiB-aligned address of the region. */
export function addNamespace(m: Machine, ns: Omit<Namespace, 'start'> & { start?: number }): EditResult {
  const region = m.pmem?.regions.find((r) => r.id === ns.region);
  if (!region) return refuse('schema', `no region "${ns.region}"`, '$.pmem.regions');
  const start = ns.start ?? firstFree(m, region, ns.size);
  const next = clone(m);
  pmemOf(next).namespaces.push({ ...ns, start });
  return commit(m, next);
}

function firstFree(m: Machine, region: PmemRegion, size: number): number {
  const taken = (m.pmem?.namespaces ?? []).filter((n) => n.region === region.id).sort((a, b) => a.start - b.start);
  let at = region.start;
  for (const n of taken) {
    if (n.start - at >= size) break;
    at = Math.max(at, Math.ceil((n.start + n.size) / 2 ** 24) * 2 ** 24);
  }
  return at;
}

export function removeNamespace(m: Machine, id: string): EditResult {
  const i = findIndex(m.pmem?.namespaces, id);
  if (i < 0) return refuse('schema', `no namespace "${id}"`, '$.pmem.namespaces');
  const region = m.pmem!.regions.find((r) => r.id === m.pmem!.namespaces[i].region);
  if (region?.provider === 'e820') return fromViolation(violation('labelless', `${id} cannot be destroyed`, `$.pmem.namespaces[${i}]`));
  const next = clone(m);
  pmemOf(next).namespaces.splice(i, 1);
  next.dax = next.dax?.filter((d) => !(d.source.kind === 'namespace' && d.source.namespace === id));
  return commit(m, next);
}

/** Changes size, mode, align or map: ndctl's destroy + create (data is not preserved). */
export function reconfigureNamespace(m: Machine, id: string, change: Partial<Pick<Namespace, 'size' | 'mode' | 'align' | 'map' | 'start' | 'sectorSize'>>): EditResult {
  const i = findIndex(m.pmem?.namespaces, id);
  if (i < 0) return refuse('schema', `no namespace "${id}"`, '$.pmem.namespaces');
  const ns = m.pmem!.namespaces[i];
  const region = m.pmem!.regions.find((r) => r.id === ns.region);
  if (region?.provider === 'e820' && (change.size !== undefined || change.start !== undefined))
    return fromViolation(violation('labelless', `${id} keeps the size of ${region.id}`, `$.pmem.namespaces[${i}].size`));
  const mode = change.mode ?? ns.mode;
  if (change.map !== undefined && mode !== 'fsdax' && mode !== 'devdax') return fromViolation(violation('nsMapMode', `${id} is ${mode}`, `$.pmem.namespaces[${i}].map`));
  const next = clone(m);
  pmemOf(next).namespaces[i] = { ...ns, ...change };
  if (mode !== 'devdax') next.dax = next.dax?.filter((d) => !(d.source.kind === 'namespace' && d.source.namespace === id));
  return commit(m, next);
}

/** Splits a region's free space into namespaces of `size` (e.g. 1 GiB devdax shards). */
export function splitRegion(m: Machine, regionId: string, size: number, template: Pick<Namespace, 'mode' | 'align' | 'map'>): EditResult {
  const region = m.pmem?.regions.find((r) => r.id === regionId);
  if (!region) return refuse('schema', `no region "${regionId}"`, '$.pmem.regions');
  const index = /(\d+)$/.exec(regionId)?.[1] ?? '0';
  const next = clone(m);
  const p = pmemOf(next);
  const existing = p.namespaces.filter((n) => n.region === regionId);
  const end = region.start + region.size - (region.provider === 'ramdax' ? 128 * 1024 : 0);
  let at = existing.reduce((a, n) => Math.max(a, n.start + n.size), region.start);
  let k = existing.length;
  while (at + size <= end) {
    p.namespaces.push({ id: `namespace${index}.${k++}`, region: regionId, start: at, size, mode: template.mode, align: template.align, map: template.map, sectorSize: 4096 });
    at += size;
  }
  if (k === existing.length) return refuse('pmem.ns-inside-region', `no room for a ${size}-byte namespace in ${regionId}`, '$.pmem.regions');
  return commit(m, next);
}
