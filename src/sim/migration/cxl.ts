// Moving a VM between two hosts that both map one shared CXL memory region, the two approaches of
// the LSF/MM/BPF 2023 "nil-migration" discussion (LWN 931528; nil-migration.org):
//   1. host A migrates the VM's pages into the shared CXL memory (migrate_pages, the VM keeps
//      running), the VM switches to host B, and B migrates the pages into its own DRAM: no page
//      crosses the network, each page moves twice at CXL bandwidth;
//   2. the VM lives in the shared CXL memory, so either host can run it: the handover is only the
//      switch, paid for by CXL latency on every memory access, before and after.
// While a share x of the working set sits in CXL, the workload runs at 1 / (1 + f (r - 1) x) of its
// speed: f = share of time stalled on memory at DRAM latency, r = CXL / DRAM latency.
import type { CxlRegionLayout } from '../machine/layout';
import { CXL_PARAMS, PAGE_BYTES, QEMU_DEFAULTS, SWITCHOVER_PARAMS, type CxlParams, type SwitchoverParams } from './params';
import { memoryPages } from './precopy';
import { lostWork, segment, splitSegments } from './segments';
import type { Segment } from './types';

export interface CxlOptions {
  memoryBytes: number;
  /** Network bandwidth for the device state at switch-over. */
  bandwidthBps?: number;
  params?: Partial<CxlParams>;
  switchover?: Partial<SwitchoverParams>;
  /** Segments each migration phase is split into for the series. */
  steps?: number;
}

export interface CxlResult {
  approach: 1 | 2;
  /** Per-direction page migration time (approach 1). */
  migrateS: number;
  downtimeS: number;
  totalS: number;
  networkBytes: number;
  /** Bytes moved between DRAM and CXL (approach 1: twice the memory). */
  cxlBytes: number;
  lostWorkS: number;
  /** Progress lost while everything is in CXL: 1 - 1 / (1 + f (r - 1)). */
  steadySlowdown: number;
  segments: Segment[];
  notes: string[];
}

/** k = f (r - 1): the relative slowdown with all memory in CXL. */
function slowK(p: CxlParams): number {
  return p.memoryStallFraction * (p.cxlLatencyNs / p.dramLatencyNs - 1);
}

/** Mean progress rate 1 / (1 + k x) for x from x0 to x1. */
function meanRate(k: number, x0: number, x1: number): number {
  if (k === 0 || x1 === x0) return 1 / (1 + k * x0);
  return Math.log((1 + k * x1) / (1 + k * x0)) / (k * (x1 - x0));
}

/** Approach 1: DRAM (A) -> shared CXL -> switch -> DRAM (B). */
export function cxlMigrateThrough(o: CxlOptions): CxlResult {
  const p = { ...CXL_PARAMS, ...o.params };
  const sw = { ...SWITCHOVER_PARAMS, ...o.switchover };
  const pages = memoryPages(o.memoryBytes);
  const k = slowK(p);
  const perPageS = PAGE_BYTES / p.cxlBandwidthBps + p.migrateOverheadNsPerPage * 1e-9;
  const migrateS = pages * perPageS;
  const downtimeS = sw.fixedS + sw.deviceStateBytes / (o.bandwidthBps ?? QEMU_DEFAULTS.bandwidthBps);
  const steps = o.steps ?? 20;
  // The share in CXL grows linearly on A and shrinks linearly on B (pages move at a steady rate).
  const segments = [
    ...splitSegments(0, migrateS, steps, 'migrate-to-cxl', (x0, x1) => meanRate(k, x0, x1)),
    segment(migrateS, downtimeS, 'switchover', 0, sw.deviceStateBytes),
    ...splitSegments(migrateS + downtimeS, migrateS, steps, 'migrate-to-dram', (x0, x1) => meanRate(k, 1 - x0, 1 - x1)),
  ];
  return {
    approach: 1,
    migrateS,
    downtimeS,
    totalS: 2 * migrateS + downtimeS,
    networkBytes: sw.deviceStateBytes,
    cxlBytes: 2 * pages * PAGE_BYTES,
    lostWorkS: lostWork(segments),
    steadySlowdown: 0,
    segments,
    notes: [NOTE_CXL_SLOWDOWN, NOTE_CXL_SHARED, NOTE_CXL_MIGRATE],
  };
}

/** Approach 2: the VM stays in shared CXL memory; the handover is the switch alone. */
export function cxlResident(o: CxlOptions): CxlResult {
  const p = { ...CXL_PARAMS, ...o.params };
  const sw = { ...SWITCHOVER_PARAMS, ...o.switchover };
  memoryPages(o.memoryBytes);
  const downtimeS = sw.fixedS + sw.deviceStateBytes / (o.bandwidthBps ?? QEMU_DEFAULTS.bandwidthBps);
  const segments = [segment(0, downtimeS, 'switchover', 0, sw.deviceStateBytes)];
  return {
    approach: 2,
    migrateS: 0,
    downtimeS,
    totalS: downtimeS,
    networkBytes: sw.deviceStateBytes,
    cxlBytes: 0,
    lostWorkS: lostWork(segments),
    steadySlowdown: 1 - 1 / (1 + slowK(p)),
    segments,
    notes: [NOTE_CXL_SLOWDOWN, NOTE_CXL_SHARED, NOTE_CXL_RESIDENT],
  };
}

/** CXL figures of a derived region of the memory map, for either approach. */
export function cxlParamsFromRegion(region: CxlRegionLayout, dramLatencyNs = CXL_PARAMS.dramLatencyNs): Partial<CxlParams> & { shared: boolean } {
  return {
    dramLatencyNs,
    cxlLatencyNs: region.latencyNs,
    cxlBandwidthBps: region.aggregatedBandwidthMiBps * 2 ** 20,
    shared: region.hosts.length > 1,
  };
}

export const NOTE_CXL_SLOWDOWN =
  'Memory slowdown: a share f of the workload\'s time is stalled on memory at DRAM latency and scales with the CXL/DRAM latency ratio for the pages in CXL (f is illustrative; latencies are the memory map\'s defaults or the region\'s figures).';
export const NOTE_CXL_SHARED =
  'Both hosts must map the same CXL region. The memory map flags a region onlined as System RAM by more than one host (sharedKmem); how the pages change owner between hosts and cross-host coherence (CXL 3.x) are not modelled.';
export const NOTE_CXL_MIGRATE =
  'Page migration runs at CXL bandwidth (the issue\'s assumption); migrate_pages also unmaps each page, shoots down TLBs and remaps, a per-page cost left at 0 unless migrateOverheadNsPerPage is set. Writes during migration only wait on the page being moved; no page is copied twice.';
export const NOTE_CXL_RESIDENT =
  'The VM is assumed resident in CXL memory already; it pays the CXL latency on every access before and after the handover (steadySlowdown).';
