// What tracking costs per round, from the oracle host's measurements
// (../shared/oracles/uffd/cases/bench.txt: 2-vCPU guest, so use them as ratios to a plain write).
// Medians of the three 64 MiB runs unless noted.

export interface CostModel {
  /** write_present_page: a write that does not fault (32.5, 30.6, 26.7 ns). */
  plainWriteNs: number;
  /** first_touch_write_fault: anonymous page allocation, no uffd (1405.2, 1396.7, 1422.2). */
  allocFaultNs: number;
  /** async_wp_write_fault: WP fault resolved by the kernel (733.2, 737.9, 1329.4). */
  asyncFaultNs: number;
  /** sync_wp_write_fault: round trip through the handler thread (4683.0, 4670.7, 4493.1). */
  syncFaultNs: number;
  /** UFFDIO_WRITEPROTECT per page, arming or `clear` (31.3, 39.2, 30.2). */
  writeProtectNsPerPage: number;
  /** PAGEMAP_SCAN per page walked with nothing to report (0.7). */
  scanNsPerPage: number;
  /** Extra per reported page, get only: 5.1 (all written, 1 region) - 0.7. */
  scanNsPerReportedPage: number;
  /** Extra per reported page with PM_SCAN_WP_MATCHING: 10.8 (get+WP, all written) - 0.7. */
  scanWpNsPerReportedPage: number;
  /** Per page_region, fitted to "get+WP, 1/64 written, 256 regions" = 1.6 ns/page over 16384 pages. */
  scanNsPerRegion: number;
  /** Page-table memory to hold uffd-wp markers: one 4 KiB PTE table per 512 pages. */
  pageTableBytesPerPage: number;
}

export const REFERENCE_COSTS: CostModel = {
  plainWriteNs: 30.6,
  allocFaultNs: 1405.2,
  asyncFaultNs: 737.9,
  syncFaultNs: 4670.7,
  writeProtectNsPerPage: 31.3,
  scanNsPerPage: 0.7,
  scanNsPerReportedPage: 4.4,
  scanWpNsPerReportedPage: 10.1,
  scanNsPerRegion: 47.5,
  pageTableBytesPerPage: 8,
};

/** The slow sync runs: 41346 ns per fault at 1 GiB, 44-59 µs in an earlier 64 MiB run. */
export const SLOW_SYNC_FAULT_NS = 41346.2;

/** Each figure divided by a plain write: the unit the view reports costs in. */
export function costRatios(m: CostModel = REFERENCE_COSTS) {
  const r = (ns: number) => ns / m.plainWriteNs;
  return {
    asyncFault: r(m.asyncFaultNs),
    syncFault: r(m.syncFaultNs),
    syncFaultSlow: r(SLOW_SYNC_FAULT_NS),
    allocFault: r(m.allocFaultNs),
    armPerPage: r(m.writeProtectNsPerPage),
    scanPerPage: r(m.scanNsPerPage),
    scanWpPerReportedPage: r(m.scanWpNsPerReportedPage),
    scanPerRegion: r(m.scanNsPerRegion),
  };
}

/** Cost of one PAGEMAP_SCAN over `pages`, reporting `reported` pages in `regions` regions. */
export function scanCostNs(pages: number, reported: number, regions: number, wpMatching: boolean, m: CostModel = REFERENCE_COSTS): number {
  const perReported = wpMatching ? m.scanWpNsPerReportedPage : m.scanNsPerReportedPage;
  return pages * m.scanNsPerPage + reported * perReported + regions * m.scanNsPerRegion;
}

export interface RoundCost {
  /** Time the tracked process loses to tracking faults. */
  faultNs: number;
  /** Time the tracker spends collecting the round's set. */
  scanNs: number;
  /** Time spent (re-)arming: UFFDIO_WRITEPROTECT or clear_refs. */
  armNs: number;
  totalNs: number;
  /** totalNs in units of one plain write. */
  plainWrites: number;
}

function roundCost(faultNs: number, scanNs: number, armNs: number, m: CostModel): RoundCost {
  const totalNs = faultNs + scanNs + armNs;
  return { faultNs, scanNs, armNs, totalNs, plainWrites: totalNs / m.plainWriteNs };
}

/**
 * uffd-wp: async faults cost asyncFaultNs, sync ones syncFaultNs; an async round ends with one
 * scan + re-protect, a sync round with a scan and UFFDIO_WRITEPROTECT over the range.
 */
export function uffdRoundCost(
  r: { mode: 'async' | 'sync'; wpFaults: number; pagesScanned: number; reported: number; regions: number; pagesProtected: number },
  m: CostModel = REFERENCE_COSTS,
): RoundCost {
  const fault = r.wpFaults * (r.mode === 'async' ? m.asyncFaultNs : m.syncFaultNs);
  const scan = scanCostNs(r.pagesScanned, r.reported, r.regions, r.mode === 'async', m);
  return roundCost(fault, scan, r.pagesProtected * m.writeProtectNsPerPage, m);
}

/**
 * soft-dirty, with proxies (this kernel has no CONFIG_MEM_SOFT_DIRTY, nothing was measured): its
 * write fault is a write-protect fault resolved in the kernel like an async uffd-wp fault;
 * clear_refs write-protects every mapped entry like UFFDIO_WRITEPROTECT; reading uses PAGEMAP_SCAN
 * with PAGE_IS_SOFT_DIRTY (what CRIU does) without WP.
 */
export function softDirtyRoundCost(
  r: { wpFaults: number; pagesScanned: number; reported: number; regions: number; entriesCleared: number },
  m: CostModel = REFERENCE_COSTS,
): RoundCost {
  return roundCost(
    r.wpFaults * m.asyncFaultNs,
    scanCostNs(r.pagesScanned, r.reported, r.regions, false, m),
    r.entriesCleared * m.writeProtectNsPerPage,
    m,
  );
}
