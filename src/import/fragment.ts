// What one parsed file says about the machine. Parsers fill only what their file gives; combine.ts
// merges fragments from several files. Every figure is a Fact (value + file/line).
import type { Fact, Source } from './provenance';

export interface ZoneFragment {
  name: string;
  src: Source;
  presentPages?: Fact<number>;
  managedPages?: Fact<number>;
  spannedPages?: Fact<number>;
  freePages?: Fact<number>;
  startPfn?: Fact<number>;
  /** /proc/buddyinfo: free blocks per order (index = order). */
  freeBlocksByOrder?: Fact<number[]>;
}

export interface AccessFacts {
  readLatencyNs?: Fact<number>;
  writeLatencyNs?: Fact<number>;
  readBandwidthMiBps?: Fact<number>;
  writeBandwidthMiBps?: Fact<number>;
}

export interface NodeFragment {
  id: number;
  /** Where this file first names the node. */
  src: Source;
  cpus?: Fact<number[]>;
  /** Installed capacity (lsmem blocks). zoneinfo capacity is derived from zone pages in combine.ts. */
  capacityBytes?: Fact<number>;
  /** What the kernel manages (MemTotal in node meminfo, numactl size, hwloc local_memory). */
  managedBytes?: Fact<number>;
  freeBytes?: Fact<number>;
  usedBytes?: Fact<number>;
  zones: Map<string, ZoneFragment>;
  /** hwloc subtype: DRAM, HBM, NVM, SPM, CXL-DRAM… */
  kind?: Fact<string>;
  /** hwloc memory tier rank (0 = fastest). */
  memoryTier?: Fact<number>;
  /** Distance to other nodes by node id (SLIT / numactl / hwloc NUMALatency). */
  distances: Map<number, Fact<number>>;
  access?: AccessFacts;
  memorySideCacheBytes?: Fact<number>;
  /** Kind of device behind a CPU-less node, when a file says so (e.g. hwloc DAXType). */
  daxType?: Fact<string>;
}

/** One lsmem row: a run of memory blocks. */
export interface MemoryRangeFact {
  src: Source;
  start: number;
  sizeBytes: number;
  state?: 'online' | 'offline' | 'going-offline';
  removable?: boolean;
  firstBlock?: number;
  lastBlock?: number;
  node?: number;
  /** Zones as lsmem prints them ("Normal", or "None" when a block spans zones; several for offline blocks). */
  zones?: string[];
}

/** A /proc/iomem resource. */
export interface PhysicalRange {
  src: Source;
  start: number;
  end: number;
  name: string;
  depth: number;
  parent?: string;
}

export interface NamespaceInfo {
  dev: string;
  src: Source;
  mode?: Fact<string>;
  sizeBytes?: Fact<number>;
  map?: string;
  region?: string;
  uuid?: string;
  blockdev?: string;
  chardev?: string;
  numaNode?: Fact<number>;
  targetNode?: Fact<number>;
  alignBytes?: Fact<number>;
  sectorSize?: Fact<number>;
  provider?: string;
}

export interface RegionInfo {
  dev: string;
  src: Source;
  type?: string;
  sizeBytes?: Fact<number>;
  availableSizeBytes?: Fact<number>;
  numaNode?: Fact<number>;
  targetNode?: Fact<number>;
  persistenceDomain?: string;
  isetId?: string;
  mappings?: { dimm: string; offsetBytes?: number; lengthBytes?: number; position?: number }[];
  namespaces?: string[];
  alignments?: number[];
}

export interface DimmInfo {
  dev: string;
  src: Source;
  id?: string;
  handle?: string;
  physId?: string;
  provider?: string;
}

export interface LabelAreaInfo {
  dimm: string;
  src: Source;
  labelSizeBytes?: Fact<number>;
  slots?: Fact<number>;
  indexBlocks: number;
  /** 2 index blocks + nslot labels: the LSA size (inferred from the index, §1.5). */
  areaBytes?: Fact<number>;
  labels: { uuid?: string; name?: string; dpa?: number; rawSizeBytes?: number; slot?: number; src: Source }[];
}

export interface InfoBlockInfo {
  dev: string;
  src: Source;
  signature?: string;
  dataOffsetBytes?: Fact<number>;
  npfns?: Fact<number>;
  alignBytes?: Fact<number>;
  /** "dev" when the memmap lives on the device (PFN_MODE_PMEM = 2), "mem" for RAM (1). */
  map?: string;
  pageSize?: number;
  pageStructSize?: number;
}

export interface DaxRegionInfo {
  id: string;
  src: Source;
  path?: string;
  sizeBytes?: Fact<number>;
  alignBytes?: Fact<number>;
  availableSizeBytes?: Fact<number>;
  /** Which kind of object the dax region sits on, when the file shows it. */
  parent?: string;
}

export interface DaxDeviceInfo {
  dev: string;
  src: Source;
  sizeBytes?: Fact<number>;
  mode?: Fact<string>;
  targetNode?: Fact<number>;
  numaNode?: Fact<number>;
  alignBytes?: Fact<number>;
  onlineMemblocks?: Fact<number>;
  totalMemblocks?: Fact<number>;
  movable?: boolean;
  /** dax region id, ndctl namespace or cxl region the device belongs to. */
  region?: string;
  /** What backs it: "pmem" (nvdimm namespace), "cxl" (cxl region), "hmem" (soft-reserved), or hwloc DAXType. */
  backing?: Fact<string>;
  /** 128 MiB memory sections reported online by `daxctl online-memory`. */
  onlineSections?: Fact<number>;
  /** Errors the tool printed about this device. */
  toolErrors?: string[];
  mappings?: { startAddress: number; sizeBytes: number }[];
}

export interface CxlMemdevInfo {
  memdev: string;
  src: Source;
  ramSizeBytes?: Fact<number>;
  pmemSizeBytes?: Fact<number>;
  serial?: string;
  numaNode?: Fact<number>;
  host?: string;
  partitionAlignmentBytes?: Fact<number>;
  totalSizeBytes?: Fact<number>;
}

export interface CxlRegionInfo {
  region: string;
  src: Source;
  type?: string;
  resource?: Fact<number>;
  sizeBytes?: Fact<number>;
  interleaveWays?: Fact<number>;
  interleaveGranularity?: Fact<number>;
  decodeState?: string;
  /** Memdevs (or endpoint decoders) in position order. */
  targets?: { position?: number; memdev?: string; decoder?: string }[];
  rootDecoder?: string;
  mediaErrors?: number;
}

export interface CxlDecoderInfo {
  decoder: string;
  src: Source;
  /** Where it sits: "root", "port", "endpoint" (from the `decoders:<parent>` key). */
  level?: string;
  resource?: Fact<number>;
  sizeBytes?: Fact<number>;
  interleaveWays?: number;
  interleaveGranularity?: number;
  region?: string;
  mode?: string;
  dpaSizeBytes?: Fact<number>;
  volatileCapable?: boolean;
  pmemCapable?: boolean;
}

export interface MemoryTierInfo {
  rank: number;
  src: Source;
  /** hwloc memtier kinds bitmask: 1 HBM, 2 DRAM, 4 GPU, 8 SPM, 16 NVM, 32 CXL (hwloc/memattrs.c). */
  kinds?: number;
  nodes: number[];
}

export interface Fragment {
  nodes: Map<number, NodeFragment>;
  pageSizeBytes?: Fact<number>;
  memoryBlockBytes?: Fact<number>;
  onlineBytes?: Fact<number>;
  offlineBytes?: Fact<number>;
  memoryRanges: MemoryRangeFact[];
  physicalRanges: PhysicalRange[];
  namespaces: NamespaceInfo[];
  regions: RegionInfo[];
  dimms: DimmInfo[];
  buses: { dev: string; provider?: string; src: Source }[];
  labelAreas: LabelAreaInfo[];
  infoBlocks: InfoBlockInfo[];
  daxRegions: DaxRegionInfo[];
  daxDevices: DaxDeviceInfo[];
  cxlMemdevs: CxlMemdevInfo[];
  cxlRegions: CxlRegionInfo[];
  cxlDecoders: CxlDecoderInfo[];
  memoryTiers: MemoryTierInfo[];
  /** /proc/meminfo figures (bytes, or counts for HugePages_*), machine-wide. */
  meminfo: Map<string, Fact<number>>;
}

export function emptyFragment(): Fragment {
  return {
    nodes: new Map(),
    memoryRanges: [],
    physicalRanges: [],
    namespaces: [],
    regions: [],
    dimms: [],
    buses: [],
    labelAreas: [],
    infoBlocks: [],
    daxRegions: [],
    daxDevices: [],
    cxlMemdevs: [],
    cxlRegions: [],
    cxlDecoders: [],
    memoryTiers: [],
    meminfo: new Map(),
  };
}

/** Largest node id accepted (Linux MAX_NUMNODES is 1 << NODES_SHIFT, at most 1024 on x86_64). */
export const MAX_NODE_ID = 4095;

export function nodeOf(f: Fragment, id: number, src: Source): NodeFragment {
  let n = f.nodes.get(id);
  if (!n) {
    n = { id, src, zones: new Map(), distances: new Map() };
    f.nodes.set(id, n);
  }
  return n;
}

export function zoneOf(n: NodeFragment, name: string, src: Source): ZoneFragment {
  let z = n.zones.get(name);
  if (!z) {
    z = { name, src };
    n.zones.set(name, z);
  }
  return z;
}

/** True when the fragment holds anything at all (a file that gave nothing is an error). */
export function fragmentIsEmpty(f: Fragment): boolean {
  return (
    f.nodes.size === 0 &&
    !f.memoryBlockBytes &&
    !f.onlineBytes &&
    f.memoryRanges.length === 0 &&
    f.physicalRanges.length === 0 &&
    f.namespaces.length === 0 &&
    f.regions.length === 0 &&
    f.dimms.length === 0 &&
    f.buses.length === 0 &&
    f.labelAreas.length === 0 &&
    f.infoBlocks.length === 0 &&
    f.daxRegions.length === 0 &&
    f.daxDevices.length === 0 &&
    f.cxlMemdevs.length === 0 &&
    f.cxlRegions.length === 0 &&
    f.cxlDecoders.length === 0 &&
    f.meminfo.size === 0
  );
}
