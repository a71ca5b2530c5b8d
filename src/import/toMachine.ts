// The imported machine → the app's machine schema (src/sim/machine/schema.ts: nodes {id, cpus,
// tier, access}, distances, ranges {id, start, size, type, node, zone, online}). What the schema
// needs but no file said (a node's tier, a range's node, an address layout) is filled in and
// listed in `notes` so the UI can mark it as inferred. Only schema fields that exist are used.
import type { Machine, MachineNode, TierKind, ZoneName } from '../sim/machine/schema';
import { machineSchema, zoneName } from '../sim/machine/schema';
import type { ImportedMachine, ImportedNode } from './machine';
import { describeSource } from './provenance';

export interface ToMachineResult {
  /** Validated against machineSchema; null if the import cannot make a valid machine. */
  machine: Machine | null;
  /** What was inferred, not read (shown as "inferred" in the UI). */
  notes: string[];
  /** Why there is no machine (schema issues). */
  errors: string[];
}

type RangeIn = { id: string; start: number; size: number; type: RangeType; node: number; zone?: ZoneName; online: boolean; label?: string };
type RangeType = 'system-ram' | 'reserved' | 'persistent-legacy' | 'persistent' | 'soft-reserved' | 'cxl-window';

const MAX_NODES = 1024;
const MAX_RANGES = 100_000;
const MAX_IOMEM = 2_000;

const KIND_TIER: Record<string, TierKind> = { DRAM: 'dram', HBM: 'hbm', NVM: 'pmem', SPM: 'hbm', 'CXL-DRAM': 'cxl', 'CXL-NVM': 'cxl', 'CXL-HBM': 'cxl', 'CXL-SPM': 'cxl', GPUMemory: 'dram' };

function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

function tierOf(n: ImportedNode, m: ImportedMachine, notes: string[]): TierKind {
  const kind = n.kind?.value;
  if (kind && KIND_TIER[kind]) {
    if (kind === 'SPM' || kind === 'GPUMemory') notes.push(`node ${n.id}: hwloc ${kind} shown as tier ${KIND_TIER[kind]} (inferred)`);
    return KIND_TIER[kind];
  }
  if (kind?.startsWith('CXL')) return 'cxl';
  if (n.daxType?.value === 'NVM') return 'pmem';
  // A kmem node: the dax device onlined as system-ram on it says what backs it.
  const dev = m.daxDevices.find((d) => d.targetNode?.value === n.id && d.mode?.value === 'system-ram' && d.backing);
  const backing = dev?.backing?.value;
  if (dev && (backing === 'pmem' || backing === 'NVM')) {
    notes.push(`node ${n.id}: tier pmem inferred from ${dev.dev} (${describeSource(dev.backing?.src ?? dev.src)})`);
    return 'pmem';
  }
  if (backing === 'cxl' || (backing === 'hmem' && (n.cpus?.value.length ?? 0) === 0)) {
    notes.push(`node ${n.id}: tier cxl inferred from ${dev?.dev}${backing === 'hmem' ? ' (soft-reserved memory on a CPU-less node)' : ''}`);
    return 'cxl';
  }
  if (n.kind === undefined) notes.push(`node ${n.id}: tier dram assumed (no file says what memory it is)`);
  return 'dram';
}

function zoneOf(zones: string[] | undefined): ZoneName | undefined {
  if (!zones || zones.length !== 1) return undefined;
  const z = zoneName.safeParse(zones[0]);
  return z.success ? z.data : undefined;
}

const IOMEM_TYPES: [RegExp, RangeType][] = [
  [/^System RAM$/, 'system-ram'],
  [/^[Rr]eserved$/, 'reserved'],
  [/^Persistent Memory \(legacy\)$/, 'persistent-legacy'],
  [/^Persistent Memory$/, 'persistent'],
  [/^Soft Reserved$/, 'soft-reserved'],
  [/^CXL Window \d+$/, 'cxl-window'],
];

export function toMachine(m: ImportedMachine, options: { name?: string } = {}): ToMachineResult {
  const notes: string[] = [];
  try {
    return build(m, options, notes);
  } catch (e) {
    return { machine: null, notes, errors: [`could not build the machine: ${e instanceof Error ? e.message : String(e)}`] };
  }
}

function build(m: ImportedMachine, options: { name?: string }, notes: string[]): ToMachineResult {
  let imported = m.nodes;
  if (imported.length > MAX_NODES) {
    notes.push(`${imported.length} nodes imported; the first ${MAX_NODES} are kept`);
    imported = imported.slice(0, MAX_NODES);
  }
  const nodes: MachineNode[] = imported.map((n) => {
    const node: MachineNode = { id: n.id, cpus: n.cpus?.value ?? [], tier: tierOf(n, m, notes) };
    if (n.kind) node.label = `${n.kind.value} (hwloc)`.slice(0, 200);
    const a = n.access;
    if (a?.readLatencyNs && a.writeLatencyNs && a.readBandwidthMiBps && a.writeBandwidthMiBps)
      node.access = { readLatencyNs: a.readLatencyNs.value, writeLatencyNs: a.writeLatencyNs.value, readBandwidthMiBps: a.readBandwidthMiBps.value, writeBandwidthMiBps: a.writeBandwidthMiBps.value };
    return node;
  });
  if (nodes.length === 0) {
    nodes.push({ id: 0, cpus: [], tier: 'dram' });
    notes.push('no file names a NUMA node: node 0 assumed');
  }
  const ids = new Set(nodes.map((n) => n.id));
  const firstNode = nodes[0].id;

  let distances: number[][] | undefined;
  if (m.distances) {
    const order = nodes.map((n) => m.distances?.nodes.indexOf(n.id) ?? -1);
    const rows = order.map((i) => order.map((j) => (i < 0 || j < 0 ? undefined : m.distances?.rows[i][j]?.value)));
    if (rows.every((r) => r.every((v) => v !== undefined && Number.isInteger(v) && v >= 0 && v <= 255))) distances = rows as number[][];
    else notes.push('distance matrix left out: some distances are not given');
  }

  const ranges: RangeIn[] = [];
  const overlaps = (start: number, size: number) => overlapsSorted(ranges, start, size);
  const nodeAt = (start: number): number | undefined => m.memoryRanges.find((r) => r.node !== undefined && start >= r.start && start < r.start + r.sizeBytes)?.node;

  // Top-level ranges must not overlap (rule map.overlap): lsmem rows first, in address order.
  let lastEnd = -1;
  for (const r of [...m.memoryRanges].sort((a, b) => a.start - b.start)) {
    if (r.sizeBytes <= 0) continue;
    if (r.start < lastEnd) {
      notes.push(`lsmem range ${hex(r.start)} (${describeSource(r.src)}) overlaps another; left out`);
      continue;
    }
    lastEnd = r.start + r.sizeBytes;
    let node = r.node;
    if (node === undefined || !ids.has(node)) {
      node = firstNode;
      notes.push(`lsmem range ${hex(r.start)} has no known node: put on node ${node} (inferred)`);
    }
    const zone = zoneOf(r.zones);
    ranges.push({ id: `ram-${hex(r.start)}`, start: r.start, size: r.sizeBytes, type: 'system-ram', node, online: r.state !== 'offline', ...(zone ? { zone } : {}) });
  }
  const haveRam = ranges.length > 0;
  // overlaps() is quadratic; /proc/iomem has a few dozen top-level entries, hostile input gets cut.
  const topLevel = m.physicalRanges.filter((p) => p.depth === 0);
  if (topLevel.length > MAX_IOMEM) notes.push(`${topLevel.length} top-level iomem resources; the first ${MAX_IOMEM} are used`);
  for (const p of topLevel.slice(0, MAX_IOMEM)) {
    const type = IOMEM_TYPES.find(([re]) => re.test(p.name))?.[1];
    if (!type || (type === 'system-ram' && haveRam)) continue;
    const size = p.end - p.start + 1;
    if (overlaps(p.start, size)) {
      notes.push(`iomem "${p.name}" at ${hex(p.start)} overlaps a range already placed; left out`);
      continue;
    }
    let node = nodeAt(p.start);
    if (node === undefined || !ids.has(node)) {
      node = firstNode;
      if (type !== 'reserved') notes.push(`iomem "${p.name}" at ${hex(p.start)}: node ${node} assumed (iomem gives no node)`);
    }
    insertSorted(ranges, { id: `iomem-${hex(p.start)}`, start: p.start, size, type, node, online: true, label: p.name.slice(0, 200) });
  }
  for (const d of m.cxlDecoders) {
    if (d.level !== 'root' || !d.resource || !d.sizeBytes || d.sizeBytes.value <= 0) continue;
    if (overlaps(d.resource.value, d.sizeBytes.value)) continue;
    insertSorted(ranges, { id: `cxl-${d.decoder}`.slice(0, 200), start: d.resource.value, size: d.sizeBytes.value, type: 'cxl-window', node: firstNode, online: true, label: `CXL window ${d.decoder}`.slice(0, 200) });
    notes.push(`CXL window ${d.decoder}: attached to node ${firstNode} (a window has no node)`);
  }

  if (ranges.length === 0) {
    // No address map in any file: lay the nodes' memory out one after another so it can be edited.
    const block = m.memoryBlockBytes?.value ?? 128 * 2 ** 20;
    let cursor = 0;
    for (const n of imported) {
      const total = n.totalBytes?.value ?? 0;
      const size = Math.floor(total / block) * block;
      if (size <= 0) continue;
      ranges.push({ id: `ram-node${n.id}`, start: cursor, size, type: 'system-ram', node: n.id, online: true, label: 'address inferred' });
      cursor += size;
    }
    if (ranges.length) notes.push('no file gives physical addresses: node memory laid out one node after another (inferred)');
  }
  if (ranges.length > MAX_RANGES) {
    notes.push(`${ranges.length} ranges; the first ${MAX_RANGES} are kept`);
    ranges.length = MAX_RANGES;
  }

  const names = m.files.map((f) => f.name.split('/').pop() ?? f.name).join(', ');
  const candidate = {
    name: (options.name ?? `Imported: ${names || 'machine'}`).slice(0, 200),
    ...(m.memoryBlockBytes ? { memoryBlockBytes: m.memoryBlockBytes.value } : {}),
    nodes,
    ...(distances ? { distances } : {}),
    ranges,
  };
  const parsed = machineSchema.safeParse(candidate);
  if (!parsed.success) return { machine: null, notes, errors: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  return { machine: parsed.data, notes, errors: [] };
}

/** Index of the first range starting at or after `start` (ranges sorted by start). */
function lowerBound(ranges: RangeIn[], start: number): number {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid].start < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Overlap test against sorted, non-overlapping ranges: only the neighbours can overlap. */
function overlapsSorted(ranges: RangeIn[], start: number, size: number): boolean {
  const i = lowerBound(ranges, start);
  const prev = ranges[i - 1];
  const next = ranges[i];
  return (prev !== undefined && prev.start + prev.size > start) || (next !== undefined && next.start < start + size);
}

function insertSorted(ranges: RangeIn[], r: RangeIn): void {
  ranges.splice(lowerBound(ranges, r.start), 0, r);
}
