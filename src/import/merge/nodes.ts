// Per-node figures of the combined machine. Which file wins for each figure (first listed wins;
// the others stay as alternatives and, if they differ, as a conflict):
//   capacity  lsmem blocks > zoneinfo present pages            (what is installed)
//   managed   node meminfo MemTotal > zoneinfo managed > hwloc local_memory > numactl size
//   free      node meminfo MemFree > numactl free > zoneinfo free > buddyinfo
//   cpus, distances  numactl > sysfs node files > hwloc
// totalBytes is the capacity, or the managed figure when no file gives capacity.
import type { ImportIssue } from '../errors';
import type { Fragment, NodeFragment, ZoneFragment } from '../fragment';
import type { ImportFormat } from '../formats';
import type { Conflict, ImportedAccess, ImportedNode, ImportedZone } from '../machine';
import type { Fact, Figure, Source } from '../provenance';
import { describeSource } from '../provenance';
import { choose } from './figures';

export interface Part {
  format: ImportFormat;
  file: string;
  fragment: Fragment;
}

const ZONE_ORDER = ['DMA', 'DMA32', 'Normal', 'HighMem', 'Movable', 'Device', 'ExMem'];
/** A gap this large between capacity and managed memory is worth a warning (a guest that hands memory over lazily). */
const FAR_BELOW = 0.9;
const MIN_GAP_BYTES = 256 * 2 ** 20;

function ordered(parts: Part[], order: ImportFormat[]): Part[] {
  const rank = (p: Part) => {
    const i = order.indexOf(p.format);
    return i < 0 ? order.length : i;
  };
  return [...parts].sort((a, b) => rank(a) - rank(b));
}

/** Σ pages × page size over the node's zones in one file, when every zone gives that counter. */
function zoneSum(node: NodeFragment, field: 'presentPages' | 'managedPages' | 'freePages', pageSize: Fact<number>): Fact<number> | undefined {
  const zones = [...node.zones.values()];
  if (zones.length === 0 || zones.some((z) => !z[field])) return undefined;
  let pages = 0;
  for (const z of zones) pages += z[field]?.value ?? 0;
  const bytes = pages * pageSize.value;
  if (!Number.isSafeInteger(bytes)) return undefined;
  const first = zones[0][field] as Fact<number>;
  const src: Source = { file: first.src.file, line: node.src.line, note: `sum of zone ${field.replace('Pages', '')} pages × ${pageSize.value} B` };
  if (pageSize.src.inferred) src.inferred = `page size ${pageSize.value} B assumed`;
  return { value: bytes, src };
}

export function mergeNode(id: number, src: Source, parts: Part[], pageSize: Fact<number>, conflicts: Conflict[], notes: ImportIssue[]): ImportedNode {
  const here = parts.filter((p) => p.fragment.nodes.has(id));
  const nodeIn = (p: Part) => p.fragment.nodes.get(id) as NodeFragment;
  const pick = <T>(field: string, order: ImportFormat[], get: (n: NodeFragment, p: Part) => Fact<T> | undefined, rule: string): Figure<T> | undefined =>
    choose(`node ${id} ${field}`, rule, ordered(here, order).map((p) => get(nodeIn(p), p)), conflicts);

  const node: ImportedNode = { id, src, zones: [] };
  const cpus = pick('cpus', ['numactl', 'node-meminfo', 'hwloc'], (n) => n.cpus, 'numactl, then sysfs cpulist, then hwloc');
  if (cpus) node.cpus = cpus;
  const capacity = pick(
    'capacity',
    ['lsmem', 'zoneinfo'],
    (n, p) => n.capacityBytes ?? (p.format === 'zoneinfo' ? zoneSum(n, 'presentPages', pageSize) : undefined),
    'capacity from lsmem memory blocks, then zone present pages',
  );
  const managed = pick(
    'managedBytes',
    ['node-meminfo', 'zoneinfo', 'hwloc', 'numactl', 'meminfo'],
    (n, p) => n.managedBytes ?? (p.format === 'zoneinfo' ? zoneSum(n, 'managedPages', pageSize) : undefined),
    'usage from MemTotal / zone managed pages',
  );
  if (managed) node.managedBytes = managed;
  if (capacity) node.totalBytes = capacity;
  else if (managed) node.totalBytes = { ...managed, src: { ...managed.src, note: `${managed.src.note ? managed.src.note + '; ' : ''}no capacity source (lsmem, zoneinfo present): managed memory used` } };
  if (capacity && managed && managed.value < FAR_BELOW * capacity.value && capacity.value - managed.value >= MIN_GAP_BYTES) {
    conflicts.push({ what: `node ${id} capacity vs managed memory`, chosen: capacity, others: [managed], rule: 'capacity from present/lsmem, usage from managed/free' });
    notes.push({ severity: 'warning', file: managed.src.file, line: managed.src.line, message: `node ${id}: managed memory ${managed.value} B is far below the capacity ${capacity.value} B from ${describeSource(capacity.src)}; both kept` });
  }
  const free = pick(
    'freeBytes',
    ['node-meminfo', 'numactl', 'zoneinfo', 'buddyinfo'],
    (n, p) => n.freeBytes ?? (p.format === 'zoneinfo' || p.format === 'buddyinfo' ? zoneSum(n, 'freePages', pageSize) : undefined),
    'MemFree, then numactl free, then zone free pages',
  );
  if (free) node.freeBytes = free;
  const used = pick('usedBytes', ['node-meminfo'], (n) => n.usedBytes, 'MemUsed');
  if (used) node.usedBytes = used;
  const kind = pick('kind', ['hwloc'], (n) => n.kind, 'hwloc subtype');
  if (kind) node.kind = kind;
  const tier = pick('memoryTier', ['hwloc'], (n) => n.memoryTier, 'hwloc memory tier');
  if (tier) node.memoryTier = tier;
  const cache = pick('memorySideCacheBytes', ['node-meminfo', 'hwloc'], (n) => n.memorySideCacheBytes, 'sysfs memory_side_cache, then hwloc MemCache');
  if (cache) node.memorySideCacheBytes = cache;
  const daxType = pick('daxType', ['hwloc'], (n) => n.daxType, 'hwloc DAXType');
  if (daxType) node.daxType = daxType;
  const access: ImportedAccess = {};
  for (const k of ['readLatencyNs', 'writeLatencyNs', 'readBandwidthMiBps', 'writeBandwidthMiBps'] as const) {
    const v = pick(k, ['node-meminfo', 'hwloc'], (n) => n.access?.[k], 'sysfs access0 (HMAT), then hwloc memattrs');
    if (v) access[k] = v;
  }
  if (Object.keys(access).length) node.access = access;
  node.zones = mergeZones(id, here.map((p) => ({ p, n: nodeIn(p) })), pageSize, conflicts, notes);
  return node;
}

function mergeZones(id: number, sources: { p: Part; n: NodeFragment }[], pageSize: Fact<number>, conflicts: Conflict[], notes: ImportIssue[]): ImportedZone[] {
  const names: string[] = [];
  for (const { n } of sources) for (const z of n.zones.keys()) if (!names.includes(z)) names.push(z);
  const rank = (z: string) => (ZONE_ORDER.includes(z) ? ZONE_ORDER.indexOf(z) : ZONE_ORDER.length);
  names.sort((a, b) => rank(a) - rank(b));
  return names.map((name) => {
    const zs = ordered(
      sources.filter((s) => s.n.zones.has(name)).map((s) => s.p),
      ['zoneinfo', 'buddyinfo'],
    ).map((p) => p.fragment.nodes.get(id)?.zones.get(name) as ZoneFragment);
    const zone: ImportedZone = { name, src: zs[0].src };
    for (const field of ['presentPages', 'managedPages', 'spannedPages', 'freePages', 'startPfn'] as const) {
      const v = choose(`node ${id} zone ${name} ${field}`, 'zoneinfo, then buddyinfo', zs.map((z) => z[field]), conflicts);
      if (v) zone[field] = v;
    }
    const blocks = choose(`node ${id} zone ${name} freeBlocksByOrder`, 'buddyinfo', zs.map((z) => z.freeBlocksByOrder), conflicts);
    if (blocks) zone.freeBlocksByOrder = blocks;
    const { presentPages: present, managedPages: managed } = zone;
    if (present && managed && managed.value < FAR_BELOW * present.value && (present.value - managed.value) * pageSize.value >= MIN_GAP_BYTES) {
      conflicts.push({ what: `node ${id} zone ${name} present vs managed`, chosen: present, others: [managed], rule: 'capacity from present pages, usage from managed pages' });
      notes.push({
        severity: 'warning',
        file: managed.src.file,
        line: managed.src.line,
        message: `node ${id} zone ${name}: present ${present.value} pages (line ${present.src.line ?? '?'}) far above managed ${managed.value} (line ${managed.src.line ?? '?'}); capacity uses present, usage uses managed`,
      });
    }
    return zone;
  });
}
