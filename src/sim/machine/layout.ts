// The shape of deriveLayout()'s result: plain JSON data the UI, the CLI and tests read.
import type { Span } from './addressmap';
import type { Violation } from './rules';
import type { NamespaceMode, PfnMap, PmemProvider, ZoneName } from './schema';
import type { NodeKind } from './topology';

export interface NamespaceLayout {
  id: string;
  region: string;
  start: number;
  size: number;
  mode: NamespaceMode;
  align: number;
  map: PfnMap;
  /** Created by the kernel (label-less e820, PROPOSED nd_e820 shards), not listed in the machine. */
  implicit: boolean;
  labelled: boolean;
  dataStart: number;
  dataEnd: number;
  dataOffsetBytes: number;
  npfns: number | null;
  usableBytes: number;
  metadataBytes: number;
  metadataLocation: 'device' | 'ram' | 'none';
  structPageBytes: number;
  infoBlockBytes: number;
}

export interface RegionLayout {
  id: string;
  provider: PmemProvider;
  node: number;
  start: number;
  size: number;
  available: number;
  allocated: number;
  labelBytesInRange: number;
  labelBytesOutOfRange: number;
  maxNamespaces: number;
  namespaces: NamespaceLayout[];
  dimmMappings: { dimm: string; offset: number; length: number; position: number }[];
  /** PROPOSED / not merged providers are flagged so the UI can say so. */
  status: 'merged' | 'merged-6.19' | 'proposed';
}

export interface DaxLayout {
  id: string;
  mode: 'devdax' | 'system-ram';
  start: number;
  end: number;
  targetNode: number;
  /** system-ram only: the whole memory blocks kmem adds. */
  kmem?: {
    start: number;
    end: number;
    blocks: number;
    trimmedBytes: number;
    zone: ZoneName | 'offline';
    memmapLocation: 'ram' | 'device';
    memmapBytes: number;
    memmapNode: number;
  };
}

export interface CxlRegionLayout {
  id: string;
  type: 'ram' | 'pmem';
  start: number;
  size: number;
  ways: number;
  granularity: number;
  perDeviceBytes: number;
  targets: string[];
  attachment: 'direct' | 'switch' | 'mixed';
  sharing: 'private' | 'shared';
  /** Hosts that map the region: the local machine first. */
  hosts: { id: string; name: string; hpaStart: number; dax: string }[];
  aggregatedBandwidthMiBps: number;
  addedLatencyNs: number;
  latencyNs: number;
  node: number | null;
  zone: ZoneName | 'offline' | null;
  /** How the node was chosen (CFMWS proximity domain, or the SMDK grouping rule). */
  placement: string;
}

export interface PoolLayout {
  id: string;
  start: number;
  size: number;
  node: number;
  usedBytes: number;
  freeBytes: number;
  structPageBytes: number;
  consumers: { id: string; kind: string; start: number; bytes: number; pageBytes: number; pages: number }[];
}

export interface ZoneFigures {
  zone: ZoneName;
  presentBytes: number;
  onlineBytes: number;
  hotRemovableBytes: number;
}

export interface NodeLayout {
  id: number;
  label: string;
  kind: NodeKind;
  socket: number | null;
  /** Memory the node owns: boot RAM, kmem RAM, device memory (ZONE_DEVICE) and carve-outs. */
  capacityBytes: number;
  /** RAM in the page allocator (online, buddy zones). */
  onlineBytes: number;
  offlineBytes: number;
  deviceBytes: number;
  /** Online RAM minus the struct pages it hosts. */
  usableBytes: number;
  /** struct pages describing this node's memory, and where they are. */
  structPageBytes: number;
  structPageInRamBytes: number;
  structPageOnDeviceBytes: number;
  /** struct pages of any node stored in this node's RAM. */
  hostedStructPageBytes: number;
  labelBytes: number;
  infoBlockBytes: number;
  kernelZoneBytes: number;
  movableBytes: number;
  /** MOVABLE:KERNEL in percent (auto_movable_ratio units). */
  movableRatioPercent: number | null;
  hotRemovableBytes: number;
  zones: ZoneFigures[];
  adistance: number;
  tier: number;
  latencyNs: number;
  bandwidthMiBps: number;
  demotionTargets: number[];
}

export interface TierLayout {
  id: number;
  adistanceStart: number;
  nodes: number[];
  capacityBytes: number;
  usableBytes: number;
  hotRemovableBytes: number;
  bandwidthMiBps: number;
  latencyNs: number;
}

export interface Layout {
  machine: string;
  memoryBlock: { bytes: number; kernelWouldPickBytes: number; rule: string };
  totals: {
    capacityBytes: number;
    onlineBytes: number;
    usableBytes: number;
    structPageInRamBytes: number;
    structPageOnDeviceBytes: number;
    labelBytes: number;
    infoBlockBytes: number;
    hotRemovableBytes: number;
    movableRatioPercent: number | null;
  };
  nodes: NodeLayout[];
  zones: ZoneFigures[];
  tiers: TierLayout[];
  regions: RegionLayout[];
  dax: DaxLayout[];
  cxlRegions: CxlRegionLayout[];
  pools: PoolLayout[];
  /** Leaf spans of the address map, sorted by address. */
  spans: Span[];
  warnings: Violation[];
  /** Simplifications the model makes here, to show beside the figures. */
  notes: string[];
}
