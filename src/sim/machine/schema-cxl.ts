// CXL objects as `cxl list` shows them (host bridges, switches, memdevs, root decoders, regions),
// plus SMDK grouping and hosts that share a memory device. Sources: docs/memory-map.md §CXL.
import { z } from 'zod';
import { idField, nodeIdField, sizeField } from './fields';

export const cxlHostBridgeSchema = z.object({
  id: idField,
  socket: z.number().int().nonnegative(),
  /** The CPU node of that socket. */
  node: nodeIdField,
});

export const cxlSwitchSchema = z.object({
  id: idField,
  /** Host bridge (or another switch) the switch's upstream port is attached to. */
  upstream: idField,
  /** Added latency of one pass through the switch (vendor figures quoted 100-120 ns; unverified). */
  hopLatencyNs: z.number().nonnegative().default(100),
  /** Upstream link bandwidth shared by everything behind the switch, MiB/s per direction. */
  upstreamBandwidthMiBps: z.number().positive().optional(),
});

export const cxlMemdevSchema = z.object({
  id: idField,
  ramBytes: sizeField.default(0),
  pmemBytes: sizeField.default(0),
  /** DPA partition alignment (`cxl list -I`), e.g. 256 MiB. */
  partitionAlignBytes: sizeField.default(256 * 2 ** 20),
  /** Host bridge or switch the device hangs from. */
  attach: idField,
  /** PCIe link: GT/s per lane and lane count; bandwidth ~ GT/s x lanes / 8 per direction. */
  linkGTs: z.number().positive().default(32),
  linkWidth: z.union([z.literal(1), z.literal(2), z.literal(4), z.literal(8), z.literal(16)]).default(8),
  /** Media bandwidth of the device, if lower than the link. */
  mediaBandwidthMiBps: z.number().positive().optional(),
  /** Idle load latency added by the device and its link over local DRAM. */
  addedLatencyNs: z.number().nonnegative().default(80),
  /** Distance alone cannot tell a private device from a shared one: say it. */
  sharing: z.enum(['private', 'shared']).default('private'),
  /** Ids of the hosts (see machine.hosts) that can reach this device. */
  hosts: z.array(idField).max(64).default([]),
  serial: z.number().int().nonnegative().optional(),
});

export const cxlRootDecoderSchema = z.object({
  id: idField,
  /** The CFMWS window (host physical address range). */
  start: sizeField,
  size: sizeField.refine((n) => n > 0, 'size must be greater than 0'),
  ways: z.number().int().positive().default(1),
  granularity: z.number().int().positive().default(256),
  /** Host bridges in interleave position order. */
  targets: z.array(idField).min(1).max(16),
  volatile: z.boolean().default(true),
  pmem: z.boolean().default(false),
});

export const cxlRegionSchema = z.object({
  id: idField,
  rootDecoder: idField,
  type: z.enum(['ram', 'pmem']).default('ram'),
  ways: z.number().int().positive(),
  granularity: z.number().int().positive(),
  /** HPA start inside the root decoder window. */
  start: sizeField,
  size: sizeField.refine((n) => n > 0, 'size must be greater than 0'),
  /** Memdevs in interleave position order. */
  targets: z.array(idField).min(1).max(16),
  /** ram regions: how the dax region is used. pmem regions become an nvdimm bridge instead. */
  dax: z.enum(['system-ram', 'devdax', 'none']).default('system-ram'),
  /** The memory-only node the region joins (from the CFMWS proximity domain). */
  node: nodeIdField.optional(),
  movable: z.boolean().default(true),
});

/** SMDK cxl-cli grouping (OpenMPDK/SMDK lib/cxl_cli/cxl/smdk.c). v1 = ZONE_EXMEM kernels, v2 = vanilla zones. */
export const smdkSchema = z.object({
  mode: z.enum(['group-zone', 'group-node', 'group-noop', 'group-dax']),
  version: z.enum(['v1', 'v2']).default('v1'),
});

export const cxlSchema = z.object({
  hostBridges: z.array(cxlHostBridgeSchema).max(64).default([]),
  switches: z.array(cxlSwitchSchema).max(64).default([]),
  memdevs: z.array(cxlMemdevSchema).max(256).default([]),
  rootDecoders: z.array(cxlRootDecoderSchema).max(64).default([]),
  regions: z.array(cxlRegionSchema).max(256).default([]),
  smdk: smdkSchema.optional(),
});

/** Another host on the same fabric, and where it maps a shared region. */
export const hostSchema = z.object({
  id: idField,
  name: z.string().min(1).max(200),
  /** true for the host this machine describes. */
  local: z.boolean().default(false),
  mappings: z
    .array(z.object({ region: idField, hpaStart: sizeField, node: nodeIdField.optional(), dax: z.enum(['system-ram', 'devdax', 'none']).default('devdax') }))
    .max(64)
    .default([]),
});

export type CxlHostBridge = z.output<typeof cxlHostBridgeSchema>;
export type CxlSwitch = z.output<typeof cxlSwitchSchema>;
export type CxlMemdev = z.output<typeof cxlMemdevSchema>;
export type CxlRootDecoder = z.output<typeof cxlRootDecoderSchema>;
export type CxlRegion = z.output<typeof cxlRegionSchema>;
export type CxlConfig = z.output<typeof cxlSchema>;
export type SmdkConfig = z.output<typeof smdkSchema>;
export type Host = z.output<typeof hostSchema>;
