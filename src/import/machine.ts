// The imported machine: what several files together say, every figure with its source, plus the
// disagreements between files. src/import/report.ts prints it; src/import/toMachine.ts turns it
// into the app's machine schema.
import type { ImportIssue } from './errors';
import type {
  CxlDecoderInfo,
  CxlMemdevInfo,
  CxlRegionInfo,
  DaxDeviceInfo,
  DaxRegionInfo,
  DimmInfo,
  InfoBlockInfo,
  LabelAreaInfo,
  MemoryRangeFact,
  MemoryTierInfo,
  NamespaceInfo,
  PhysicalRange,
  RegionInfo,
} from './fragment';
import type { ImportFormat } from './formats';
import type { Fact, Figure, Source } from './provenance';

export interface ImportedZone {
  name: string;
  src: Source;
  presentPages?: Figure<number>;
  managedPages?: Figure<number>;
  spannedPages?: Figure<number>;
  freePages?: Figure<number>;
  startPfn?: Figure<number>;
  freeBlocksByOrder?: Figure<number[]>;
}

export interface ImportedAccess {
  readLatencyNs?: Figure<number>;
  writeLatencyNs?: Figure<number>;
  readBandwidthMiBps?: Figure<number>;
  writeBandwidthMiBps?: Figure<number>;
}

export interface ImportedNode {
  id: number;
  /** The first file and line that named this node. */
  src: Source;
  cpus?: Figure<number[]>;
  /** Capacity: lsmem blocks or zone present pages; MemTotal only when neither is given. */
  totalBytes?: Figure<number>;
  /** Memory the kernel manages (MemTotal / zone managed pages). */
  managedBytes?: Figure<number>;
  freeBytes?: Figure<number>;
  usedBytes?: Figure<number>;
  /** In /proc/zoneinfo order: DMA, DMA32, Normal, Movable, Device, then others. */
  zones: ImportedZone[];
  kind?: Figure<string>;
  memoryTier?: Figure<number>;
  access?: ImportedAccess;
  memorySideCacheBytes?: Figure<number>;
  daxType?: Figure<string>;
}

/** Two files (or two figures of one file) that do not agree; both are kept. */
export interface Conflict {
  /** What the figure is, e.g. "node 0 totalBytes". */
  what: string;
  chosen: Fact<unknown>;
  others: Fact<unknown>[];
  /** Why the chosen one was chosen. */
  rule: string;
}

export interface ImportedFile {
  name: string;
  format: ImportFormat;
  /** How the format was decided: "--format", or the detection reason. */
  detectedBy: string;
  warnings: number;
  skipped: number;
}

export interface ImportedMachine {
  files: ImportedFile[];
  pageSizeBytes: Figure<number>;
  nodes: ImportedNode[];
  /** Distance matrix in `nodes` order; undefined cells were given by no file. */
  distances?: { nodes: number[]; rows: (Figure<number> | undefined)[][] };
  memoryBlockBytes?: Figure<number>;
  onlineBytes?: Figure<number>;
  offlineBytes?: Figure<number>;
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
  meminfo: Record<string, Figure<number>>;
  conflicts: Conflict[];
  /** Warnings and skipped input from every file, then the notes of the combine step. */
  warnings: ImportIssue[];
}
