// Several files from one machine → one machine. Node figures follow the precedence in
// merge/nodes.ts (capacity from present/lsmem, usage from managed/free); device lists merge by
// name; every disagreement is kept as a conflict naming the files and lines on both sides.
import type { ImportIssue } from './errors';
import type { Fragment } from './fragment';
import type { ImportFormat } from './formats';
import type { Conflict, ImportedFile, ImportedMachine } from './machine';
import type { Fact, Figure, Source } from './provenance';
import { inferred } from './provenance';
import { choose } from './merge/figures';
import { mergeByKey } from './merge/lists';
import type { Part } from './merge/nodes';
import { mergeNode } from './merge/nodes';

/** x86_64 base page; used for zone page counts unless a file (hwloc page_type) says otherwise. */
export const DEFAULT_PAGE_SIZE = 4096;
/** The app's machine holds at most 1024 nodes; a larger matrix would only cost memory. */
const MAX_MATRIX_NODES = 1024;

export interface CombineInput {
  file: string;
  format: ImportFormat;
  detectedBy: string;
  fragment: Fragment;
  issues: ImportIssue[];
}

function firstFact<T>(what: string, rule: string, parts: Part[], order: ImportFormat[], get: (f: Fragment) => Fact<T> | undefined, conflicts: Conflict[]): Figure<T> | undefined {
  const rank = (p: Part) => (order.includes(p.format) ? order.indexOf(p.format) : order.length);
  return choose(what, rule, [...parts].sort((a, b) => rank(a) - rank(b)).map((p) => get(p.fragment)), conflicts);
}

export function combine(inputs: CombineInput[]): ImportedMachine {
  const conflicts: Conflict[] = [];
  const notes: ImportIssue[] = [];
  const parts: Part[] = inputs.map((i) => ({ format: i.format, file: i.file, fragment: i.fragment }));
  const all = <T>(get: (f: Fragment) => T[]): T[] => parts.flatMap((p) => get(p.fragment));

  const pageSize: Figure<number> = firstFact('page size', 'hwloc page_type', parts, ['hwloc'], (f) => f.pageSizeBytes, conflicts) ?? {
    value: DEFAULT_PAGE_SIZE,
    src: { file: inputs[0]?.file ?? '', inferred: 'x86_64 base page of 4 KiB (no file gives the page size)' },
  };

  // Nodes: every node a file names; plus nodes other objects point at, marked inferred.
  const nodeSrc = new Map<number, Source>();
  for (const p of parts) for (const [id, n] of p.fragment.nodes) if (!nodeSrc.has(id)) nodeSrc.set(id, n.src);
  const pointedAt = (id: number | undefined, src: Source, why: string) => {
    if (id !== undefined && !nodeSrc.has(id)) nodeSrc.set(id, inferred(src, why));
  };
  for (const d of all((f) => f.daxDevices)) if (d.mode?.value === 'system-ram') pointedAt(d.targetNode?.value, d.src, `target_node of system-ram device ${d.dev}`);
  for (const r of all((f) => f.regions)) pointedAt(r.numaNode?.value, r.src, `numa_node of ${r.dev}`);
  for (const m of all((f) => f.cxlMemdevs)) pointedAt(m.numaNode?.value, m.src, `numa_node of ${m.memdev}`);
  for (const n of all((f) => f.namespaces)) pointedAt(n.numaNode?.value, n.src, `numa_node of ${n.dev}`);

  // /proc/meminfo alone names no node: assume one node 0 holding MemTotal.
  const meminfoPart = parts.find((p) => p.format === 'meminfo' && p.fragment.meminfo.size > 0);
  if (nodeSrc.size === 0 && meminfoPart) {
    const total = meminfoPart.fragment.meminfo.get('MemTotal');
    const free = meminfoPart.fragment.meminfo.get('MemFree');
    const src = inferred(total?.src ?? { file: meminfoPart.file }, '/proc/meminfo has no node breakdown: one node 0 assumed');
    nodeSrc.set(0, src);
    meminfoPart.fragment.nodes.set(0, {
      id: 0,
      src,
      zones: new Map(),
      distances: new Map(),
      ...(total ? { managedBytes: { value: total.value, src: inferred(total.src, 'whole-machine MemTotal given to node 0') } } : {}),
      ...(free ? { freeBytes: { value: free.value, src: inferred(free.src, 'whole-machine MemFree given to node 0') } } : {}),
    });
  }

  const ids = [...nodeSrc.keys()].sort((a, b) => a - b);
  const nodes = ids.map((id) => mergeNode(id, nodeSrc.get(id) as Source, parts, pageSize, conflicts, notes));

  // Distances: per pair, numactl > sysfs > hwloc.
  let distances: ImportedMachine['distances'];
  const order: ImportFormat[] = ['numactl', 'node-meminfo', 'hwloc'];
  const anyDistance = parts.some((p) => [...p.fragment.nodes.values()].some((n) => n.distances.size > 0));
  if (anyDistance && ids.length > MAX_MATRIX_NODES)
    notes.push({ severity: 'warning', file: inputs[0]?.file ?? '', message: `${ids.length} nodes: distance matrix not built (at most ${MAX_MATRIX_NODES} nodes)` });
  else if (anyDistance) {
    const rows = ids.map((from) =>
      ids.map((to) =>
        firstFact(`distance ${from}→${to}`, 'numactl, then sysfs, then hwloc', parts, order, (f) => f.nodes.get(from)?.distances.get(to), conflicts),
      ),
    );
    distances = { nodes: ids, rows };
    const missing = rows.reduce((n, r) => n + r.filter((c) => !c).length, 0);
    if (missing) notes.push({ severity: 'warning', file: inputs[0]?.file ?? '', message: `distance matrix incomplete: ${missing} of ${ids.length * ids.length} distances are given by no file` });
  }

  const memoryBlockBytes =
    firstFact('memory block size', 'lsmem, then sysfs block_size_bytes', parts, ['lsmem', 'node-meminfo'], (f) => f.memoryBlockBytes, conflicts) ?? blockSizeFromDax(all((f) => f.daxDevices));
  const onlineBytes = firstFact('online memory', 'lsmem', parts, ['lsmem'], (f) => f.onlineBytes, conflicts);
  const offlineBytes = firstFact('offline memory', 'lsmem', parts, ['lsmem'], (f) => f.offlineBytes, conflicts);

  const meminfo: Record<string, Figure<number>> = {};
  for (const p of parts) for (const [k, v] of p.fragment.meminfo) if (!Object.hasOwn(meminfo, k)) meminfo[k] = v;

  const files: ImportedFile[] = inputs.map((i) => ({
    name: i.file,
    format: i.format,
    detectedBy: i.detectedBy,
    warnings: i.issues.filter((x) => x.severity === 'warning').length,
    skipped: i.issues.filter((x) => x.severity === 'skipped').length,
  }));

  const m: ImportedMachine = {
    files,
    pageSizeBytes: pageSize,
    nodes,
    memoryRanges: all((f) => f.memoryRanges),
    physicalRanges: all((f) => f.physicalRanges),
    namespaces: mergeByKey('namespace', all((f) => f.namespaces), (n) => n.dev, conflicts),
    regions: mergeByKey('region', all((f) => f.regions), (r) => r.dev, conflicts),
    dimms: mergeByKey('dimm', all((f) => f.dimms), (d) => d.dev, conflicts),
    buses: mergeByKey('bus', all((f) => f.buses), (b) => `${b.dev}/${b.provider ?? ''}`, conflicts),
    labelAreas: mergeByKey('label area', all((f) => f.labelAreas), (l) => l.dimm, conflicts),
    infoBlocks: mergeByKey('info block', all((f) => f.infoBlocks), (i) => i.dev, conflicts),
    daxRegions: mergeByKey('dax region', all((f) => f.daxRegions), (r) => r.id, conflicts),
    daxDevices: mergeByKey('dax device', all((f) => f.daxDevices), (d) => d.dev, conflicts),
    cxlMemdevs: mergeByKey('memdev', all((f) => f.cxlMemdevs), (m) => m.memdev, conflicts),
    cxlRegions: mergeByKey('cxl region', all((f) => f.cxlRegions), (r) => r.region, conflicts),
    cxlDecoders: mergeByKey('decoder', all((f) => f.cxlDecoders), (d) => d.decoder, conflicts),
    memoryTiers: all((f) => f.memoryTiers),
    meminfo,
    conflicts,
    warnings: [...inputs.flatMap((i) => i.issues.filter((x) => x.severity !== 'error')), ...notes],
  };
  if (distances) m.distances = distances;
  if (memoryBlockBytes) m.memoryBlockBytes = memoryBlockBytes;
  if (onlineBytes) m.onlineBytes = onlineBytes;
  if (offlineBytes) m.offlineBytes = offlineBytes;
  return m;
}

/** daxctl system-ram devices: size / total_memblocks, when that is a power of two (kmem onlines whole blocks). */
function blockSizeFromDax(devices: Fragment['daxDevices']): Figure<number> | undefined {
  for (const d of devices) {
    const size = d.sizeBytes;
    const blocks = d.totalMemblocks?.value;
    if (!size || !blocks || size.src.approx) continue;
    const b = size.value / blocks;
    if (Number.isSafeInteger(b) && b > 0 && Number.isInteger(Math.log2(b))) return { value: b, src: inferred(size.src, `${d.dev}: size / total_memblocks (${blocks})`) };
  }
  return undefined;
}
