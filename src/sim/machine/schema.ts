// The machine a scenario runs on: NUMA nodes and the physical address map. pmem, CXL, dax,
// kernel settings, peer hosts and DRAM pools are optional sections on top of these fields; the
// shell draws `nodes` and `ranges` as before. Everything stays plain JSON data.
import { z } from 'zod';
import { sizeField } from './fields';
import { pmemSchema } from './schema-pmem';
import { cxlSchema, hostSchema } from './schema-cxl';
import { daxDeviceSchema, kernelSchema, poolSchema } from './schema-kernel';
import { checkReferences } from './schema-refs';

export { sizeField } from './fields';
export * from './schema-pmem';
export * from './schema-cxl';
export * from './schema-kernel';

export const tierKind = z.enum(['dram', 'hbm', 'pmem', 'cxl']);
export type TierKind = z.infer<typeof tierKind>;

/** Zone names as /proc/zoneinfo prints them, plus SMDK's ExMem. */
export const zoneName = z.enum(['DMA', 'DMA32', 'Normal', 'Movable', 'Device', 'ExMem']);
export type ZoneName = z.infer<typeof zoneName>;

/** /proc/iomem-like resource types. */
export const rangeType = z.enum(['system-ram', 'reserved', 'persistent-legacy', 'persistent', 'soft-reserved', 'cxl-window']);

export const accessAttrs = z.object({
  readLatencyNs: z.number().positive(),
  writeLatencyNs: z.number().positive(),
  readBandwidthMiBps: z.number().positive(),
  writeBandwidthMiBps: z.number().positive(),
});

export const nodeSchema = z.object({
  id: z.number().int().nonnegative(),
  label: z.string().max(200).optional(),
  cpus: z.array(z.number().int().nonnegative()).default([]),
  tier: tierKind.default('dram'),
  access: accessAttrs.optional(),
  /** Socket (package) the node belongs to; CPU-less nodes name the socket they hang from. */
  socket: z.number().int().nonnegative().optional(),
  /** Abstract distance set by a driver (memory-tiers); otherwise derived, see tiers.ts. */
  adistance: z.number().int().nonnegative().max(1_000_000).optional(),
});

export const rangeSchema = z.object({
  id: z.string().min(1).max(200),
  start: sizeField,
  size: sizeField.refine((n) => n > 0, 'size must be greater than 0'),
  type: rangeType,
  node: z.number().int().nonnegative(),
  zone: zoneName.optional(),
  online: z.boolean().default(true),
  label: z.string().max(200).optional(),
});

export const machineSchema = z
  .object({
    name: z.string().min(1).max(200),
    arch: z.enum(['x86_64', 'arm64']).default('x86_64'),
    memoryBlockBytes: sizeField.default(128 * 2 ** 20),
    nodes: z.array(nodeSchema).min(1).max(1024),
    distances: z.array(z.array(z.number().int().min(0).max(255))).optional(),
    ranges: z.array(rangeSchema).max(100_000).default([]),
    kernel: kernelSchema.optional(),
    pmem: pmemSchema.optional(),
    dax: z.array(daxDeviceSchema).max(10_000).optional(),
    cxl: cxlSchema.optional(),
    hosts: z.array(hostSchema).max(64).optional(),
    pools: z.array(poolSchema).max(64).optional(),
  })
  .superRefine((m, ctx) => {
    checkReferences(m, (path, message) => ctx.addIssue({ code: 'custom', path, message }));
    const ids = new Set(m.nodes.map((n) => n.id));
    m.ranges.forEach((r, i) => {
      if (!ids.has(r.node)) ctx.addIssue({ code: 'custom', path: ['ranges', i, 'node'], message: `node ${r.node} is not in nodes` });
    });
    if (m.distances) {
      if (m.distances.length !== m.nodes.length)
        ctx.addIssue({ code: 'custom', path: ['distances'], message: `expected ${m.nodes.length} rows, one per node` });
      m.distances.forEach((row, i) => {
        if (row.length !== m.nodes.length)
          ctx.addIssue({ code: 'custom', path: ['distances', i], message: `expected ${m.nodes.length} columns` });
      });
    }
  });

export type Machine = z.output<typeof machineSchema>;
export type MachineNode = z.output<typeof nodeSchema>;
export type MachineRange = z.output<typeof rangeSchema>;
