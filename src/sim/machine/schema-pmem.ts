// NVDIMM objects as ndctl lists them: DIMMs (nmemN), regions (interleave sets or e820/ramdax
// carve-outs) and namespaces. See docs/memory-map.md §pmem for the sources.
import { z } from 'zod';
import { idField, nodeIdField, sizeField } from './fields';

export const namespaceMode = z.enum(['fsdax', 'devdax', 'sector', 'raw']);
export type NamespaceMode = z.infer<typeof namespaceMode>;

/** --map: where the struct page array of an fsdax/devdax namespace lives. */
export const pfnMap = z.enum(['dev', 'mem']);
export type PfnMap = z.infer<typeof pfnMap>;

/**
 * Who registered the region: "nfit" (ACPI NFIT, real NVDIMMs with a label area), "e820"
 * (memmap=nn!ss, label-less: one fixed namespace), "ramdax" (6.19: labels in the last 128 KiB
 * of the carve-out), "nd_e820" (PROPOSED, not merged: nd_e820.pmem= shards, no label, no info block).
 */
export const pmemProvider = z.enum(['nfit', 'e820', 'ramdax', 'nd_e820']);
export type PmemProvider = z.infer<typeof pmemProvider>;

export const nvdimmSchema = z.object({
  id: idField,
  node: nodeIdField,
  /** DPA capacity of the DIMM (what its regions can map). */
  capacity: sizeField,
  /** Label storage area, read through _LSR/DSM: NOT part of any SPA range. 128 KiB on Optane. */
  labelAreaBytes: sizeField.default(128 * 1024),
  /** 256-byte labels (v1.2) or 128-byte labels (v1.1). */
  labelSize: z.union([z.literal(128), z.literal(256)]).default(256),
});

export const shardSchema = z.object({
  size: sizeField,
  mode: z.enum(['fsdax', 'devdax']).default('devdax'),
  align: sizeField.default(2 * 2 ** 20),
});

export const pmemRegionSchema = z.object({
  id: idField,
  provider: pmemProvider.default('nfit'),
  /** System physical address (SPA) of the region. */
  start: sizeField,
  size: sizeField.refine((n) => n > 0, 'size must be greater than 0'),
  /** Interleave set in position order; empty for e820 / ramdax / nd_e820 carve-outs. */
  dimms: z.array(idField).max(64).default([]),
  /** DPA offset of the region on each DIMM (Optane: 256 MiB). */
  dimmOffset: sizeField.default(0),
  node: nodeIdField,
  /** Node the memory joins when onlined through kmem (ndctl list "target_node"). */
  targetNode: nodeIdField.optional(),
  persistenceDomain: z.enum(['memory_controller', 'cpu_cache', 'unknown']).default('unknown'),
  /** nd_e820 only (PROPOSED): split the carve-out into equal shards of this size. */
  shards: shardSchema.optional(),
  label: z.string().max(200).optional(),
});

export const namespaceSchema = z.object({
  id: idField,
  region: idField,
  /** Absolute SPA of the namespace start. */
  start: sizeField,
  size: sizeField.refine((n) => n > 0, 'size must be greater than 0'),
  mode: namespaceMode.default('fsdax'),
  align: sizeField.default(2 * 2 ** 20),
  map: pfnMap.default('dev'),
  /** sector mode only: logical block size of the BTT. */
  sectorSize: z.union([z.literal(512), z.literal(520), z.literal(528), z.literal(4096), z.literal(4104), z.literal(4160), z.literal(4224)]).default(4096),
  name: z.string().max(64).optional(),
});

export const pmemSchema = z.object({
  dimms: z.array(nvdimmSchema).max(1024).default([]),
  regions: z.array(pmemRegionSchema).max(1024).default([]),
  namespaces: z.array(namespaceSchema).max(10_000).default([]),
});

export type Nvdimm = z.output<typeof nvdimmSchema>;
export type PmemRegion = z.output<typeof pmemRegionSchema>;
export type Namespace = z.output<typeof namespaceSchema>;
export type PmemConfig = z.output<typeof pmemSchema>;
