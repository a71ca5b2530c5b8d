// The derived figures of a layout flattened into sections → groups → rows, each row with the
// sentence that says how it is computed. The Figures tab renders these rows and the compare view
// diffs two of them, so a figure can never be shown in one and missing from the other.
import type { Layout, NamespaceLayout, NodeLayout, Violation } from '../../sim/machine';
import { formatBytes, formatSizeArg } from '../../sim/units/size';
import type { Selection } from '../../store/types';

export type FigureUnit = 'bytes' | 'count' | 'ns' | 'MiBps' | 'percent' | 'address' | 'text';
export type FigureValue = number | string | null;

export interface FigureRow {
  /** Stable within its group (compare matches rows by key). */
  key: string;
  label: string;
  value: FigureValue;
  unit: FigureUnit;
  /** How the figure is computed, with the numbers that go into it where that helps. */
  explain: string;
  /** 1: a sub-row (a node's zones, a pool's consumers). */
  level?: 1;
  /** Show the exact byte count beside the rounded size (offsets an engineer checks against ndctl). */
  exact?: boolean;
}

export interface FigureGroup {
  /** Stable within its section: node id, zone name, region id … */
  key: string;
  title: string;
  subtitle?: string;
  /** What clicking the group selects (the refs the map uses); none for totals. */
  select?: Selection;
  rows: FigureRow[];
}

export type SectionKey = 'totals' | 'nodes' | 'zones' | 'tiers' | 'regions' | 'namespaces' | 'dax' | 'cxl' | 'pools';

export interface FigureSection {
  key: SectionKey;
  title: string;
  explain: string;
  groups: FigureGroup[];
}

/** Ids of a scenario machine's objects in order, to build the JSON-path refs the map uses. */
export interface ObjectIndex {
  nodes: number[];
  regions: string[];
  namespaces: string[];
  dax: string[];
  cxlRegions: string[];
  pools: string[];
}

interface MachineIds {
  nodes: { id: number }[];
  pmem?: { regions: { id: string }[]; namespaces: { id: string }[] };
  dax?: { id: string }[];
  cxl?: { regions: { id: string }[] };
  pools?: { id: string }[];
}

export const EMPTY_INDEX: ObjectIndex = { nodes: [], regions: [], namespaces: [], dax: [], cxlRegions: [], pools: [] };

export function objectIndex(m: MachineIds | null | undefined): ObjectIndex {
  if (!m) return EMPTY_INDEX;
  return {
    nodes: m.nodes.map((n) => n.id),
    regions: m.pmem?.regions.map((r) => r.id) ?? [],
    namespaces: m.pmem?.namespaces.map((n) => n.id) ?? [],
    dax: m.dax?.map((d) => d.id) ?? [],
    cxlRegions: m.cxl?.regions.map((r) => r.id) ?? [],
    pools: m.pools?.map((p) => p.id) ?? [],
  };
}

const ref = (prefix: string, ids: string[], id: string): Selection | undefined => {
  const i = ids.indexOf(id);
  return i < 0 ? undefined : { kind: 'range', id: `${prefix}[${i}]` };
};

/** What a warning's JSON path points at, as a selection (its object, or its node). */
export function selectionForPath(path: string, index: ObjectIndex): Selection | null {
  const node = /^\$\.nodes\[(\d+)\]/.exec(path);
  if (node) {
    const id = index.nodes[Number(node[1])];
    return id === undefined ? null : { kind: 'node', id: String(id) };
  }
  const obj = /^\$\.(?:pmem\.(?:regions|namespaces)|dax|cxl\.(?:regions|rootDecoders)|pools|ranges)\[\d+\](?:\.consumers\[\d+\])?/.exec(path);
  return obj ? { kind: 'range', id: obj[0] } : null;
}

export const sameSelection = (a: Selection | null | undefined, b: Selection | null | undefined): boolean => !!a && !!b && a.kind === b.kind && a.id === b.id;

const fb = (n: number) => formatBytes(n);
const hex = (n: number) => `0x${n.toString(16)}`;
const list = (xs: (string | number)[]) => (xs.length ? xs.join(', ') : 'none');
const BYTES_PER_STRUCT_PAGE = 64;

function nodeRows(n: NodeLayout): FigureRow[] {
  const onMemory = n.usableBytes > 0 ? Math.max(0, n.onlineBytes - n.hostedStructPageBytes - n.usableBytes) : 0;
  const ratio = n.movableRatioPercent;
  return [
    { key: 'capacity', label: 'capacity', value: n.capacityBytes, unit: 'bytes', explain: 'Memory the node owns: boot RAM, kmem System RAM, device memory (ZONE_DEVICE) and carve-outs; holes, reserved ranges and CXL windows are not counted.' },
    { key: 'online', label: 'online', value: n.onlineBytes, unit: 'bytes', explain: 'RAM in the page allocator: online blocks of boot RAM and kmem (DMA, DMA32, Normal, Movable, ExMem).' },
    { key: 'offline', label: 'offline', value: n.offlineBytes, unit: 'bytes', explain: 'RAM blocks that are present but offline: in no zone, not allocatable, removable.' },
    { key: 'device', label: 'device (ZONE_DEVICE)', value: n.deviceBytes, unit: 'bytes', explain: 'fsdax/devdax data and devdax CXL or hmem ranges: mapped with struct pages, never given to the buddy allocator.' },
    {
      key: 'usable',
      label: 'usable after metadata',
      value: n.usableBytes,
      unit: 'bytes',
      explain: `online − struct pages kept in this node's RAM${onMemory ? ' − memmap_on_memory' : ''} = ${fb(n.onlineBytes)} − ${fb(n.hostedStructPageBytes)}${onMemory ? ` − ${fb(onMemory)}` : ''}.`,
    },
    {
      key: 'structPages',
      label: 'struct pages',
      value: n.structPageBytes,
      unit: 'bytes',
      explain: `struct pages describing this node's memory: 64 B per 4 KiB page = 1/64 of the memory described; ${fb(n.structPageInRamBytes)} in RAM + ${fb(n.structPageOnDeviceBytes)} on the device.`,
    },
    { key: 'structPagesRam', label: 'in RAM', value: n.structPageInRamBytes, unit: 'bytes', level: 1, explain: 'memmap kept in DRAM: boot RAM, kmem RAM (without memmap_on_memory), --map=mem namespaces, devdax without an altmap.' },
    { key: 'structPagesDevice', label: 'on the device', value: n.structPageOnDeviceBytes, unit: 'bytes', level: 1, explain: '--map=dev namespaces keep 64 B × npfns inside the namespace, before dataoff; memmap_on_memory blocks keep it in the block.' },
    { key: 'hostedStructPages', label: 'struct pages hosted here', value: n.hostedStructPageBytes, unit: 'bytes', explain: "struct pages of any node stored in this node's RAM (subtracted from usable): the memmap of its own RAM plus map=mem namespaces, kmem and devdax of nearby memory-only nodes." },
    { key: 'labels', label: 'label storage', value: n.labelBytes, unit: 'bytes', explain: 'Namespace label storage area: 128 KiB per Optane DIMM (outside the SPA range) or the last 128 KiB of a ramdax carve-out.' },
    { key: 'infoBlock', label: 'info block + padding', value: n.infoBlockBytes, unit: 'bytes', explain: 'pfn metadata that is not struct pages: the reserved first 8 KiB (info block at 4 KiB), padding up to the --align boundary, end truncation; all of dataoff for map=mem.' },
    { key: 'kernel', label: 'kernel zones', value: n.kernelZoneBytes, unit: 'bytes', explain: 'online DMA + DMA32 + Normal: the only zones that serve kernel (unmovable) allocations.' },
    { key: 'movable', label: 'movable zone', value: n.movableBytes, unit: 'bytes', explain: 'online ZONE_MOVABLE: movable allocations only (user pages, page cache), so its blocks can be offlined.' },
    {
      key: 'ratio',
      label: 'MOVABLE:KERNEL',
      value: ratio,
      unit: 'percent',
      explain: `movable ÷ kernel zones × 100 % = ${fb(n.movableBytes)} ÷ ${fb(n.kernelZoneBytes)} (auto_movable_ratio units, default 301 %); memory-hotplug.rst considers up to 3:1 (300 %), perhaps 4:1, safe.`,
    },
    { key: 'hotRemovable', label: 'hot-removable', value: n.hotRemovableBytes, unit: 'bytes', explain: `ZONE_MOVABLE + offline blocks = ${fb(n.movableBytes)} + ${fb(n.offlineBytes)}: only these can be reliably offlined and removed.` },
    { key: 'zones', label: 'zones', value: n.zones.map((z) => z.zone).join(', ') || 'none', unit: 'text', explain: 'The zones this node has memory in; bytes present in each below.' },
    ...n.zones.map(
      (z): FigureRow => ({
        key: `zone.${z.zone}`,
        label: `ZONE_${z.zone.toUpperCase()}`,
        value: z.presentBytes,
        unit: 'bytes',
        level: 1,
        explain: `present ${fb(z.presentBytes)}; online ${fb(z.onlineBytes)}; hot-removable ${fb(z.hotRemovableBytes)}.`,
      }),
    ),
    {
      key: 'adistance',
      label: 'abstract distance',
      value: n.adistance < 0 ? null : n.adistance,
      unit: 'count',
      explain: 'MEMTIER_ADISTANCE_DRAM = 576 for DRAM, 2880 for kmem by default, or from HMAT: 576 × (Rlat+Wlat)/(DRAM Rlat+Wlat) × (DRAM Rbw+Wbw)/(Rbw+Wbw). None without online memory.',
    },
    { key: 'tier', label: 'memory tier', value: n.tier < 0 ? null : n.tier, unit: 'count', explain: n.tier < 0 ? 'No online memory (not N_MEMORY): in no tier.' : `tier = adistance >> 7 = ${n.adistance} >> 7 = ${n.tier} (memory_tier${n.tier}).` },
    { key: 'latency', label: 'read latency', value: n.latencyNs, unit: 'ns', explain: "HMAT read latency; for a CXL node the local DRAM latency + the device's and switch hops' added latency; else the textbook default (see the model notes)." },
    { key: 'bandwidth', label: 'read bandwidth', value: n.bandwidthMiBps, unit: 'MiBps', explain: 'HMAT read bandwidth; for a memory-only CXL node the sum of its ram regions’ aggregated bandwidth; else the textbook default.' },
    { key: 'demotion', label: 'demotes to', value: list(n.demotionTargets.map((d) => `node ${d}`)), unit: 'text', explain: 'Nodes of the next slower tier at the best SLIT distance (establish_demotion_targets).' },
  ];
}

function dataoffExplain(ns: NamespaceLayout): string {
  if (ns.mode === 'sector') return 'BTT: 4 KiB initial offset, then the arenas (info blocks, map, log) around the data.';
  if (ns.mode === 'raw') return 'raw mode: no info block, the data starts at the namespace start.';
  if (ns.implicit && ns.dataOffsetBytes === 0) return 'nd_e820 shard (PROPOSED): no info block on the media, the memmap lives in RAM.';
  if (ns.map === 'dev') return `ALIGN(start + 8 KiB + 64 B × npfns, ${formatSizeArg(ns.align)}) − start: info block at 4 KiB, then the memmap on the device (nd_pfn_init, map=dev).`;
  return `ALIGN(start + 8 KiB, ${formatSizeArg(ns.align)}) − start: only the info block; the memmap is in RAM (map=mem).`;
}

function namespaceRows(ns: NamespaceLayout, node: number): FigureRow[] {
  const pfn = ns.mode === 'fsdax' || ns.mode === 'devdax';
  const endTrunc = ns.start + ns.size - ns.dataEnd;
  return [
    { key: 'start', label: 'start', value: ns.start, unit: 'address', explain: 'Physical address of the namespace; fsdax/devdax must start on a 16 MiB boundary.' },
    { key: 'size', label: 'size', value: ns.size, unit: 'bytes', explain: `--size: a multiple of interleave ways × --align (${formatSizeArg(ns.align)}).` },
    { key: 'dataoff', label: 'dataoff', value: ns.dataOffsetBytes, unit: 'bytes', exact: true, explain: dataoffExplain(ns) },
    {
      key: 'npfns',
      label: 'npfns',
      value: ns.npfns,
      unit: 'count',
      explain: pfn ? `(size − dataoff − end truncation) ÷ 4 KiB = (${fb(ns.size)} − ${fb(ns.dataOffsetBytes)} − ${fb(endTrunc)}) ÷ 4 KiB.` : 'No pfn info block in this mode.',
    },
    { key: 'usable', label: 'usable', value: ns.usableBytes, unit: 'bytes', explain: `size − dataoff − end truncation = the data DAX or the block device can use${pfn ? ' (npfns × 4 KiB)' : ''}.` },
    { key: 'metadata', label: 'metadata', value: ns.metadataBytes, unit: 'bytes', explain: `size − usable = ${fb(ns.size)} − ${fb(ns.usableBytes)}: bytes of the namespace that hold no data.` },
    {
      key: 'metadataLocation',
      label: 'memmap location',
      value: ns.metadataLocation === 'device' ? 'device (map=dev)' : ns.metadataLocation === 'ram' ? `RAM of node ${node} (map=mem)` : 'none',
      unit: 'text',
      explain: '--map=dev stores the struct pages on the namespace itself; --map=mem puts them in DRAM (faster, but costs RAM).',
    },
    {
      key: 'structPages',
      label: 'struct pages',
      value: ns.structPageBytes,
      unit: 'bytes',
      explain: ns.npfns !== null ? `64 B per 4 KiB page = 1/64 of the namespace: ${BYTES_PER_STRUCT_PAGE} B × ${ns.npfns.toLocaleString('en-US')} pfns.` : 'No struct pages: not a pfn (fsdax/devdax) namespace.',
    },
    { key: 'infoBlock', label: 'info block + padding', value: ns.infoBlockBytes, unit: 'bytes', explain: `metadata − struct pages on the device: the reserved 8 KiB with the info block at 4 KiB, padding to ${formatSizeArg(ns.align)} and ${fb(endTrunc)} of end truncation.` },
  ];
}

const rangeOf = (ids: string[], prefix: string) => (id: string) => ref(prefix, ids, id);

/** Every derived figure of a layout, in the order the Figures tab shows them. */
export function figureSections(layout: Layout, index: ObjectIndex = EMPTY_INDEX): FigureSection[] {
  const t = layout.totals;
  const mb = layout.memoryBlock;
  const regionRef = rangeOf(index.regions, '$.pmem.regions');
  const nsRef = rangeOf(index.namespaces, '$.pmem.namespaces');
  const daxRef = rangeOf(index.dax, '$.dax');
  const cxlRef = rangeOf(index.cxlRegions, '$.cxl.regions');
  const poolRef = rangeOf(index.pools, '$.pools');

  const sections: FigureSection[] = [
    {
      key: 'totals',
      title: 'Whole machine',
      explain: 'Sums over all nodes.',
      groups: [
        {
          key: 'machine',
          title: layout.machine,
          rows: [
            { key: 'capacity', label: 'capacity', value: t.capacityBytes, unit: 'bytes', explain: 'Sum of the nodes’ capacity: RAM, device memory and carve-outs.' },
            { key: 'online', label: 'online RAM', value: t.onlineBytes, unit: 'bytes', explain: 'Sum of the nodes’ online RAM (in the page allocator).' },
            { key: 'usable', label: 'usable after metadata', value: t.usableBytes, unit: 'bytes', explain: 'Sum of online − struct pages kept in RAM, per node.' },
            { key: 'structPagesRam', label: 'struct pages in RAM', value: t.structPageInRamBytes, unit: 'bytes', explain: '64 B per 4 KiB page of everything whose memmap lives in DRAM.' },
            { key: 'structPagesDevice', label: 'struct pages on devices', value: t.structPageOnDeviceBytes, unit: 'bytes', explain: '64 B per 4 KiB page of --map=dev namespaces and memmap_on_memory blocks.' },
            { key: 'labels', label: 'label storage', value: t.labelBytes, unit: 'bytes', explain: 'All namespace label areas (per DIMM or per ramdax carve-out).' },
            { key: 'infoBlock', label: 'info blocks + padding', value: t.infoBlockBytes, unit: 'bytes', explain: 'All pfn metadata that is not struct pages.' },
            { key: 'hotRemovable', label: 'hot-removable', value: t.hotRemovableBytes, unit: 'bytes', explain: 'ZONE_MOVABLE + offline blocks of all nodes.' },
            { key: 'ratio', label: 'MOVABLE:KERNEL', value: t.movableRatioPercent, unit: 'percent', explain: 'All ZONE_MOVABLE ÷ all kernel zones × 100 %; memory-hotplug.rst considers up to 300 % (3:1) safe.' },
            { key: 'block', label: 'memory block', value: mb.bytes, unit: 'bytes', explain: `${mb.rule}; the kernel would pick ${fb(mb.kernelWouldPickBytes)}.` },
          ],
        },
      ],
    },
    {
      key: 'nodes',
      title: 'NUMA nodes',
      explain: 'Per node; click a node to select it in every view.',
      groups: layout.nodes.map((n) => ({
        key: String(n.id),
        title: `node ${n.id} · ${n.label}`,
        subtitle: `${n.kind}${n.socket !== null ? ` · socket ${n.socket}` : ''}${n.tier >= 0 ? ` · tier ${n.tier}` : ''}`,
        select: { kind: 'node', id: String(n.id) },
        rows: nodeRows(n),
      })),
    },
    {
      key: 'zones',
      title: 'Zones',
      explain: 'Per zone, summed over the nodes. ZONE_DEVICE is present but never online.',
      groups: layout.zones.map((z) => ({
        key: z.zone,
        title: `ZONE_${z.zone.toUpperCase()}`,
        rows: [
          { key: 'present', label: 'present', value: z.presentBytes, unit: 'bytes', explain: 'Bytes in this zone on every node (online or, for ZONE_DEVICE, mapped).' },
          { key: 'online', label: 'online', value: z.onlineBytes, unit: 'bytes', explain: 'Bytes the page allocator manages in this zone.' },
          { key: 'hotRemovable', label: 'hot-removable', value: z.hotRemovableBytes, unit: 'bytes', explain: 'Only ZONE_MOVABLE blocks can be reliably offlined and hot-removed.' },
        ],
      })),
    },
    {
      key: 'tiers',
      title: 'Memory tiers',
      explain: 'Nodes grouped by abstract distance: tier id = adistance >> 7 (chunks of 128).',
      groups: layout.tiers.map((tr) => {
        const members = layout.nodes.filter((n) => tr.nodes.includes(n.id));
        return {
          key: String(tr.id),
          title: `memory_tier${tr.id}`,
          subtitle: `adistance ${tr.adistanceStart}–${tr.adistanceStart + 127}`,
          rows: [
            { key: 'nodes', label: 'nodes', value: list(tr.nodes), unit: 'text', explain: 'Nodes whose abstract distance falls in this tier’s chunk.' },
            { key: 'capacity', label: 'online capacity', value: tr.capacityBytes, unit: 'bytes', explain: `Online RAM of the member nodes: ${members.map((n) => fb(n.onlineBytes)).join(' + ') || '0'}.` },
            { key: 'usable', label: 'usable', value: tr.usableBytes, unit: 'bytes', explain: 'Sum of the member nodes’ usable RAM.' },
            { key: 'hotRemovable', label: 'hot-removable', value: tr.hotRemovableBytes, unit: 'bytes', explain: 'Sum of the member nodes’ hot-removable RAM.' },
            { key: 'bandwidth', label: 'bandwidth', value: tr.bandwidthMiBps, unit: 'MiBps', explain: `Sum of the member nodes’ read bandwidth: ${members.map((n) => `${n.bandwidthMiBps.toLocaleString('en-US')}`).join(' + ') || '0'} MiB/s.` },
            { key: 'latency', label: 'latency', value: tr.latencyNs, unit: 'ns', explain: 'Member nodes’ read latency, weighted by their online RAM.' },
          ],
        };
      }),
    },
    {
      key: 'regions',
      title: 'pmem regions',
      explain: 'Interleave sets over DIMMs, or label-less carve-outs (e820, ramdax, nd_e820).',
      groups: layout.regions.map((r) => {
        const per = r.dimmMappings[0];
        return {
          key: r.id,
          title: r.id,
          subtitle: `${r.provider}${r.status === 'proposed' ? ' (PROPOSED, not merged)' : r.status === 'merged-6.19' ? ' (Linux 6.19)' : ''} · node ${r.node}`,
          select: regionRef(r.id),
          rows: [
            { key: 'start', label: 'start', value: r.start, unit: 'address', explain: 'Physical address of the region (SPA range).' },
            { key: 'size', label: 'size', value: r.size, unit: 'bytes', explain: per ? `${r.dimmMappings.length} DIMMs × ${fb(per.length)} each.` : 'The carve-out’s size.' },
            { key: 'available', label: 'available', value: r.available, unit: 'bytes', explain: `size − label area inside the range = ${fb(r.size)} − ${fb(r.labelBytesInRange)}.` },
            { key: 'allocated', label: 'allocated to namespaces', value: r.allocated, unit: 'bytes', explain: `Sum of the ${r.namespaces.length} namespace size${r.namespaces.length === 1 ? '' : 's'}.` },
            { key: 'free', label: 'free', value: r.available - r.allocated, unit: 'bytes', explain: 'available − allocated: room for more namespaces.' },
            { key: 'labelsIn', label: 'labels in range', value: r.labelBytesInRange, unit: 'bytes', explain: 'ramdax keeps its labels in the last 128 KiB of the carve-out.' },
            { key: 'labelsOut', label: 'labels on DIMMs', value: r.labelBytesOutOfRange, unit: 'bytes', explain: 'Label storage area on each DIMM (128 KiB), outside the SPA range.' },
            { key: 'maxNamespaces', label: 'label slots', value: r.maxNamespaces, unit: 'count', explain: 'nslot = (config size − 2 × index size) ÷ 256 B labels; 128 KiB → 510 slots, one kept free.' },
            { key: 'dimms', label: 'DIMMs', value: per ? `${r.dimmMappings.length} × ${fb(per.length)} at DPA ${fb(per.offset)}` : 'none (label-less)', unit: 'text', explain: 'An interleave set maps the same DPA length on every DIMM.' },
          ],
        };
      }),
    },
    {
      key: 'namespaces',
      title: 'pmem namespaces',
      explain: 'Info block figures as nd_pfn_init() computes them (dataoff and npfns match ndctl read-infoblock).',
      groups: layout.regions.flatMap((r) =>
        r.namespaces.map((ns) => ({
          key: ns.id,
          title: ns.id,
          subtitle: `${ns.mode}${ns.mode === 'fsdax' || ns.mode === 'devdax' ? ` · align ${formatSizeArg(ns.align)} · map=${ns.map}` : ''} · ${ns.region}${ns.implicit ? ' · created by the kernel' : ''}`,
          select: ns.implicit ? regionRef(r.id) : nsRef(ns.id),
          rows: namespaceRows(ns, r.node),
        })),
      ),
    },
    {
      key: 'dax',
      title: 'dax devices',
      explain: 'devdax character devices, and devdax handed to the page allocator as System RAM (kmem).',
      groups: layout.dax.map((d) => ({
        key: d.id,
        title: d.id,
        subtitle: `${d.mode} · node ${d.targetNode}`,
        select: daxRef(d.id),
        rows: [
          { key: 'size', label: 'size', value: d.end - d.start, unit: 'bytes', explain: `end − start = ${hex(d.end)} − ${hex(d.start)}.` },
          ...(d.kmem
            ? [
                { key: 'kmemBlocks', label: 'kmem blocks', value: d.kmem.blocks, unit: 'count', explain: `Whole memory blocks between ALIGN(start, block) and ALIGN_DOWN(end, block): ${d.kmem.blocks} × ${fb(layout.memoryBlock.bytes)}.` },
                { key: 'kmemBytes', label: 'System RAM added', value: d.kmem.end - d.kmem.start, unit: 'bytes', explain: 'What kmem hot-plugs: the whole blocks only.' },
                { key: 'kmemTrim', label: 'trimmed', value: d.kmem.trimmedBytes, unit: 'bytes', explain: 'size − whole blocks: lost to memory-block edges (drivers/dax/kmem.c dax_kmem_range).' },
                { key: 'kmemZone', label: 'zone', value: d.kmem.zone, unit: 'text', explain: 'ZONE_MOVABLE by default (online_movable); --no-movable puts it in ZONE_NORMAL; auto-online lets the kernel choose.' },
                { key: 'memmap', label: 'memmap', value: d.kmem.memmapBytes, unit: 'bytes', explain: `64 B per 4 KiB page of the added RAM, in ${d.kmem.memmapLocation === 'device' ? 'the blocks themselves (memmap_on_memory)' : `the RAM of node ${d.kmem.memmapNode}`}.` },
                { key: 'memmapLocation', label: 'memmap location', value: d.kmem.memmapLocation === 'device' ? `on the device (node ${d.kmem.memmapNode})` : `RAM of node ${d.kmem.memmapNode}`, unit: 'text', explain: 'memmap_on_memory needs both the module parameter and the device’s memmap_on_memory; otherwise a kernel allocation on the nearest CPU node.' },
              ] satisfies FigureRow[]
            : [{ key: 'zone', label: 'zone', value: 'ZONE_DEVICE', unit: 'text', explain: 'devdax: mapped by applications through /dev/daxX.Y, never in the page allocator.' } satisfies FigureRow]),
        ],
      })),
    },
    {
      key: 'cxl',
      title: 'CXL regions',
      explain: 'Regions interleaved over memdevs behind a root decoder window.',
      groups: layout.cxlRegions.map((c) => ({
        key: c.id,
        title: c.id,
        subtitle: `${c.type} · ${c.ways}-way × ${c.granularity} B · ${c.sharing}`,
        select: cxlRef(c.id),
        rows: [
          { key: 'start', label: 'start', value: c.start, unit: 'address', explain: 'HPA in the root decoder window, 256 MiB aligned.' },
          { key: 'size', label: 'size', value: c.size, unit: 'bytes', explain: 'A multiple of 256 MiB × ways.' },
          { key: 'ways', label: 'interleave ways', value: c.ways, unit: 'count', explain: 'Number of memdevs: 1, 2, 4, 8, 16, 3, 6 or 12.' },
          { key: 'granularity', label: 'granularity', value: c.granularity, unit: 'bytes', explain: 'Bytes per device before the next: a power of two from 256 B to 16 KiB.' },
          { key: 'perDevice', label: 'per device', value: c.perDeviceBytes, unit: 'bytes', explain: `size ÷ ways = ${fb(c.size)} ÷ ${c.ways} of DPA on each memdev.` },
          { key: 'targets', label: 'memdevs', value: c.targets.join(', '), unit: 'text', explain: 'The targets in interleave position order.' },
          { key: 'attachment', label: 'attachment', value: c.attachment, unit: 'text', explain: 'Directly on a host bridge root port, behind a switch, or both.' },
          { key: 'sharing', label: 'private / shared', value: c.sharing, unit: 'text', explain: 'Shared when a memdev is mapped by several hosts; distance alone cannot tell them apart.' },
          { key: 'hosts', label: 'hosts', value: c.hosts.map((h) => `${h.name} (${h.dax})`).join(', '), unit: 'text', explain: 'Hosts that map the region, this machine first, with how each uses it.' },
          { key: 'bandwidth', label: 'aggregated bandwidth', value: c.aggregatedBandwidthMiBps, unit: 'MiBps', explain: `Sum over the ${c.ways} device${c.ways === 1 ? '' : 's'}, capped by each switch’s upstream link.` },
          { key: 'addedLatency', label: 'added latency', value: c.addedLatencyNs, unit: 'ns', explain: 'Device latency + switch hops (the slowest target).' },
          { key: 'latency', label: 'latency', value: c.latencyNs, unit: 'ns', explain: `local DRAM read latency + added = ${c.latencyNs - c.addedLatencyNs} + ${c.addedLatencyNs} ns.` },
          { key: 'node', label: 'node', value: c.node === null ? 'none' : `node ${c.node}`, unit: 'text', explain: c.placement },
          { key: 'zone', label: 'zone', value: c.zone ?? 'none', unit: 'text', explain: 'Where the region’s memory goes: ZONE_MOVABLE through kmem by default, ExMem with SMDK v1, ZONE_DEVICE as devdax.' },
        ],
      })),
    },
    {
      key: 'pools',
      title: 'DRAM pools',
      explain: 'Memory carved out with memmap=nn$ss, kept outside the kernel’s allocator (modeled after guestmemfs).',
      groups: layout.pools.map((p) => ({
        key: p.id,
        title: p.id,
        subtitle: `node ${p.node}`,
        select: poolRef(p.id),
        rows: [
          { key: 'start', label: 'start', value: p.start, unit: 'address', explain: 'memmap=nn$ss: ss is the start.' },
          { key: 'size', label: 'size', value: p.size, unit: 'bytes', explain: 'memmap=nn$ss: nn is the size.' },
          { key: 'used', label: 'handed out', value: p.usedBytes, unit: 'bytes', explain: `Sum of the consumers: ${p.consumers.map((c) => fb(c.bytes)).join(' + ') || '0'}.` },
          { key: 'free', label: 'free', value: p.freeBytes, unit: 'bytes', explain: 'size − handed out.' },
          { key: 'structPages', label: 'struct pages', value: p.structPageBytes, unit: 'bytes', explain: 'The pool has no struct pages unless a consumer asks for them.' },
          ...p.consumers.map(
            (c): FigureRow => ({
              key: `consumer.${c.id}`,
              label: `${c.id} (${c.kind})`,
              value: c.bytes,
              unit: 'bytes',
              level: 1,
              explain: `${c.pages.toLocaleString('en-US')} pages of ${fb(c.pageBytes)} = ${fb(c.bytes)}.`,
            }),
          ),
        ],
      })),
    },
  ];
  return sections;
}

/** The value as shown: sizes the way `ndctl list -u` prints them, counts with separators. */
export function formatFigure(value: FigureValue, unit: FigureUnit): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  switch (unit) {
    case 'bytes':
      return formatBytes(value);
    case 'address':
      return hex(value);
    case 'ns':
      return `${Number.isInteger(value) ? value : value.toFixed(1)} ns`;
    case 'MiBps':
      return `${Math.round(value).toLocaleString('en-US')} MiB/s`;
    case 'percent':
      return value === Infinity ? '∞ (no kernel zone)' : `${Math.round(value).toLocaleString('en-US')} % (${(value / 100).toFixed(2)}:1)`;
    case 'count':
      return value.toLocaleString('en-US');
    default:
      return String(value);
  }
}

/** The exact figure for a tooltip: bytes in full, so a rounded size can be checked. */
export function exactFigure(value: FigureValue, unit: FigureUnit): string | null {
  if (typeof value !== 'number') return null;
  if (unit === 'bytes') return `${value.toLocaleString('en-US')} B`;
  if (unit === 'address') return `${value.toLocaleString('en-US')}`;
  return null;
}

/** Warnings of a layout in a stable identity, for lists and diffs. */
export const warningKey = (w: Violation): string => `${w.rule}|${w.path}|${w.message}`;
