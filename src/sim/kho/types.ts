// Plain, serializable data for the KHO model: no classes, no Maps, so structuredClone and
// JSON both work. Physical addresses are byte numbers (exact below 2^53).
import type { KhoVersion } from './constants';

export interface KhoNode {
  id: number;
  /** First byte of the node's RAM. */
  start: number;
  size: number;
}

export interface KhoMachine {
  nodes: KhoNode[];
  /** Kernel image (never allocated, never scratch). */
  kernelImage: { start: number; size: number };
  /**
   * memblock kernel reservations at cold boot (memblock_reserved_kern_size), the base of the
   * default scratch size. No published figure: a labelled parameter (see defaultReservations).
   */
  reservedKern: { lowBytes: number; perNodeBytes: number[] };
}

export type ScratchKind = 'lowmem' | 'global' | 'node';

export interface ScratchRegion {
  kind: ScratchKind;
  /** Node for kind 'node'; the node holding the region otherwise. */
  node: number;
  start: number;
  size: number;
}

/** kho_scratch= as parsed: "N%" or "lowmem,global,pernode". */
export type ScratchConfig = { kind: 'scale'; percent: number } | { kind: 'sizes'; lowmem: number; global: number; pernode: number };

/** What a page extent holds; data pages are a seeded hash per page (see content.ts). */
export type Content =
  | { t: 'data'; seed: number; index: number }
  | { t: 'zero' }
  | { t: 'rec'; rec: KRecord }
  | { t: 'garbage' };

/** Serialized kernel objects written into (preserved) memory. kind names follow the kernel structs. */
export type KRecord = { kind: string } & Record<string, unknown>;

/** How an extent was handed to KHO: kho_preserve_folio, _pages, _vmalloc (or not at all). */
export type PreserveHow = 'folio' | 'pages' | 'vmalloc';

/** A run of physical pages allocated together: one or more folios of the same order. */
export interface Extent {
  pa: number;
  pages: number;
  /** Folio order: the extent is pages >> order folios of 2^order pages. */
  order: number;
  /** What it is, for the memory map: memfd-data, memfd-hole, memfd-ser, folio-array, vmalloc-chunk, luo-fdt, ... */
  use: string;
  /** Owning object, for the UI ("session foo / token 0x1a"). */
  owner: string;
  /** In the outgoing preserved set (the tracker). */
  preserved: PreserveHow | null;
  /** Preserved by the previous kernel and not yet restored in this one. */
  incoming: PreserveHow | null;
  content: Content;
}

export interface AllocRange {
  /** First page frame number. */
  pfn: number;
  pages: number;
}

export interface AllocState {
  ranges: AllocRange[];
  cursor: number;
  freed: AllocRange[];
  freePages: number;
}

export interface KhoState {
  version: KhoVersion;
  machine: KhoMachine;
  scratchConfig: ScratchConfig;
  scratch: ScratchRegion[];
  /** Why KHO is disabled (scratch could not be reserved), or null. */
  disabled: string | null;
  /** Kernel generation: 0 for the cold boot, +1 per kexec. */
  boot: number;
  /** This kernel was started by a KHO kexec (is_kho_boot). */
  khoBoot: boolean;
  /** 6.16 debugfs finalize / 6.19 kho_finalize at reboot; radix: only a flag. */
  finalized: boolean;
  /** Every allocated page run of this kernel, keyed by String(pa). */
  extents: Record<string, Extent>;
  alloc: AllocState;
  /** Outgoing sub-FDTs: name -> PA of the blob (kho_add_subtree). */
  subtrees: Record<string, number>;
  /** Sub-FDTs handed over by the previous kernel. */
  incomingSubtrees: Record<string, number>;
}

/** A data tree for the FDT views: properties in insertion order, children in order. */
export interface FdtProp {
  name: string;
  type: 'string' | 'u64' | 'phys';
  value: string | number;
}

export interface FdtNode {
  name: string;
  props: FdtProp[];
  children: FdtNode[];
  /** Physical address of the blob when the node is the root of a separate FDT. */
  blobPa?: number;
}
