// Defaults of the real tools, with their source, and the labelled parameters of the models.
// Tool defaults are facts (../shared/reference/dirty-tracking.md §4-5, QEMU and Xen source);
// everything under *_PARAMS is an illustrative value the user can change (docs/migration.md).
import { PAGE_SIZE } from '../dirty/constants';
import { REFERENCE_COSTS } from '../dirty/costs';
import { DEFAULT_ACCESS } from '../machine/topology';

/** Migration page: a 4 KiB base page. */
export const PAGE_BYTES = PAGE_SIZE;
const MiB = 2 ** 20;

/** QEMU migration/options.c defaults and migration/ram.c constants. */
export const QEMU_DEFAULTS = {
  /** DEFAULT_MIGRATE_SET_DOWNTIME 300 (ms). */
  downtimeLimitS: 0.3,
  /** MAX_THROTTLE (128 << 20): max-bandwidth in bytes per second. */
  bandwidthBps: 128 * MiB,
} as const;

/** Xen libxc xc_domain_save.c: DEF_MAX_ITERS, DEF_MAX_FACTOR and the "< 50 pages" last-iteration test. */
export const XEN_DEFAULTS = {
  maxIters: 29,
  maxFactor: 3,
  minPages: 50,
} as const;

/**
 * Rounds after which pre-copy is forced into stop-and-copy (the round index of the stop-and-copy,
 * n_max of formula F2). QEMU has no such limit (it iterates until it converges or is cancelled);
 * the simulator needs one and takes Xen's DEF_MAX_ITERS.
 */
export const DEFAULT_MAX_ROUNDS = XEN_DEFAULTS.maxIters;

export interface SwitchoverParams {
  /** Pause the vCPUs, hand over, start on the destination: fixed cost besides sending device state. */
  fixedS: number;
  /** vCPU and device state sent over the network at switch-over. */
  deviceStateBytes: number;
}

/** Illustrative, not measured: used by compareApproaches for every approach that switches host. */
export const SWITCHOVER_PARAMS: SwitchoverParams = { fixedS: 0.01, deviceStateBytes: 1 * MiB };

export interface PostcopyParams {
  /** Pre-copy passes before switching ("generally beneficial to run one pass of precopy", userfaultfd.rst); 0 = pure post-copy. */
  precopyRounds: number;
  /** Round trip of one page request from the destination to the source (illustrative datacenter RTT). */
  requestRttS: number;
  /**
   * Destination-side handling of one missing-page fault (trap, handler wake-up, UFFDIO_COPY, wake).
   * Proxy: the sync uffd-wp fault round trip measured on the oracle host, 4670.7 ns (costs.ts).
   */
  faultHandlingS: number;
}

export const POSTCOPY_PARAMS: PostcopyParams = {
  precopyRounds: 1,
  requestRttS: 100e-6,
  faultHandlingS: REFERENCE_COSTS.syncFaultNs * 1e-9,
};

export interface CxlParams {
  /** Idle latency of local DRAM and of the shared CXL memory (machine/topology.ts DEFAULT_ACCESS). */
  dramLatencyNs: number;
  cxlLatencyNs: number;
  /** Bandwidth page migration runs at (the issue: "page migrations at CXL bandwidth"). */
  cxlBandwidthBps: number;
  /** Per-page kernel cost of migrate_pages (unmap, TLB shootdown, remap) on top of the copy; 0 = pure bandwidth. */
  migrateOverheadNsPerPage: number;
  /** Share of the workload's time stalled on memory at DRAM latency (illustrative); scales with latency. */
  memoryStallFraction: number;
}

export const CXL_PARAMS: CxlParams = {
  dramLatencyNs: DEFAULT_ACCESS.dram.latencyNs,
  cxlLatencyNs: DEFAULT_ACCESS.cxl.latencyNs,
  cxlBandwidthBps: DEFAULT_ACCESS.cxl.bandwidthMiBps * MiB,
  migrateOverheadNsPerPage: 0,
  memoryStallFraction: 0.3,
};

export interface CowParams {
  /** How long pages copied after the snapshot are followed (compareApproaches: the comparison horizon). */
  windowS: number;
  /** Write-protecting one page at snapshot time: UFFDIO_WRITEPROTECT per page measured on the oracle host. */
  writeProtectNsPerPage: number;
  /** One copy-on-write fault that allocates a page: first_touch_write_fault measured on the oracle host. */
  cowFaultNs: number;
  /** Bandwidth of the 4 KiB copy out of the DAX-backed page (Optane read per DIMM, machine/topology.ts). */
  copyBandwidthBps: number;
  /** Points of the pages-copied series. */
  samples: number;
}

export const COW_PARAMS: CowParams = {
  windowS: 60,
  writeProtectNsPerPage: REFERENCE_COSTS.writeProtectNsPerPage,
  cowFaultNs: REFERENCE_COSTS.allocFaultNs,
  copyBandwidthBps: DEFAULT_ACCESS.pmem.bandwidthMiBps * MiB,
  samples: 60,
};
