// The scenario file: a machine, the workloads that run on it, and a script of timed actions.
// Versioned by the `schema` field; older versions go through migrations.ts first.
import { z } from 'zod';
import { machineSchema, sizeField } from '../machine/schema';
import { parseDuration } from '../units/duration';

export const SCENARIO_SCHEMA = 'handover-lab/scenario@1';

/** A virtual time: nanoseconds as a number, or "300ms", "2s", "1.5us". */
export const durationField = z.union([z.number().int().nonnegative(), z.string()]).transform((v, ctx) => {
  if (typeof v === 'number') return v;
  try {
    return parseDuration(v);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message });
    return z.NEVER;
  }
});

export const workloadSchema = z.object({
  id: z.string().min(1).max(100),
  label: z.string().max(200).optional(),
  kind: z.enum(['uniform', 'hotset', 'sequential', 'guest-mix']),
  /** Size of the memory the workload writes; 4 KiB pages. */
  sizeBytes: sizeField.refine((n) => n >= 4096 && n % 4096 === 0, 'must be a positive multiple of 4 KiB'),
  writeRatePagesPerSec: z.number().nonnegative().max(1e10),
  /** hotset: fraction of the pages that take `hotWriteFraction` of the writes. */
  hotFraction: z.number().gt(0).max(1).default(0.1),
  hotWriteFraction: z.number().min(0).max(1).default(0.9),
  /** Whether it starts writing at time 0 (otherwise a `workload.start` action starts it). */
  running: z.boolean().default(true),
  /** How its writes are tracked (../shared/reference/dirty-tracking.md): uffd-wp and soft-dirty side by side. */
  tracking: z
    .object({
      uffdMode: z.enum(['async', 'sync']).default('async'),
      thp: z.boolean().default(false),
      backing: z.enum(['anon', 'memfd']).default('anon'),
    })
    .default({ uffdMode: 'async', thp: false, backing: 'anon' }),
});

export const actionSchema = z.object({
  at: durationField,
  /** "<model>.<action>", e.g. "workload.stop". */
  action: z.string().regex(/^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/, 'expected "<model>.<action>", e.g. "workload.stop"'),
  args: z.record(z.string(), z.union([z.string().max(10_000), z.number(), z.boolean()])).default({}),
  label: z.string().max(500).optional(),
});

/** Which live-update model the scenario's kernel runs (../shared/reference/luo-kho.md §1 and §2). */
export const liveUpdateSchema = z.object({
  model: z.enum(['rfc-v2', 'mainline']).default('mainline'),
  kernel: z.enum(['6.19', 'latest']).default('latest'),
  /** Also register the PROPOSED VFIO/iommufd device handler. */
  proposedHandlers: z.boolean().default(true),
});

/** Where an imported machine's figures came from (file and line), and what was inferred. */
export const provenanceSchema = z.object({
  files: z.array(z.string().max(500)).max(100),
  sources: z.record(z.string().max(500), z.string().max(1000)).default({}),
  inferred: z.array(z.string().max(2000)).max(1000).default([]),
  conflicts: z.array(z.string().max(2000)).max(1000).default([]),
  warnings: z.array(z.string().max(2000)).max(1000).default([]),
});

export const scenarioSchema = z.object({
  schema: z.literal(SCENARIO_SCHEMA),
  name: z.string().min(1).max(200),
  description: z.string().max(20_000).default(''),
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
  /** How long the scenario runs when played to the end. */
  duration: durationField.default(1_000_000_000),
  machine: machineSchema,
  workloads: z.array(workloadSchema).max(256).default([]),
  provenance: provenanceSchema.optional(),
  liveUpdate: liveUpdateSchema.default({ model: 'mainline', kernel: 'latest', proposedHandlers: true }),
  script: z.array(actionSchema).max(100_000).default([]),
});

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Workload = z.output<typeof workloadSchema>;
export type ScriptAction = z.output<typeof actionSchema>;
