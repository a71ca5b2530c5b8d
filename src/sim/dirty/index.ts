// Page-level dirty tracking: uffd-wp (sync and async, PAGEMAP_SCAN) and soft-dirty, page by page,
// at terabyte scale. Pure TypeScript over typed arrays: runs in Node and in a Web Worker.
export * from './constants';
export { KernelError } from './errors';
export { ARCHES, ORACLE_KERNEL, kernelProfile, type Arch, type ArchInfo, type Availability, type KernelProfile } from './arch';
export { DEFAULT_REGION_CONFIG, featuresRequested, regionConfig, usesMarkers, type Backing, type Prefault, type RegionConfig, type TrackMode } from './config';
export * from './faults';
export { UffdWpRegion, UNIT_HUGE, UNIT_HUGE_ZERO, UNIT_PT, type RegionCounters, type UffdRegionState } from './region';
export { madviseDontneed, madviseGuardInstall } from './regionMadvise';
export { categoryRuns, pageCategories, pagemapEntry, reprotectRange, scanWritten, type CategoryRun, type PagemapBits, type ScanOptions, type ScanResult } from './regionScan';
export { SoftDirtyTracker, type SoftDirtyCounters, type SoftDirtyState } from './softDirty';
export { copyLaneA, type PageStore } from './pageStore';
export { softDirtyBuckets, writtenBuckets } from './heatmap';
export { costRatios, REFERENCE_COSTS, scanCostNs, SLOW_SYNC_FAULT_NS, softDirtyRoundCost, uffdRoundCost, type CostModel, type RoundCost } from './costs';
export { createWorkload, runWorkload, type AccessTarget, type WorkloadRun, type WorkloadSpec, type WorkloadState } from './workloads';
export { TrackerComparison, type ComparisonOptions, type ComparisonState, type RoundReport, type TrackerRound } from './comparison';
export { parseTrace, parseTraceStrict, TraceError, type ParsedTrace, type TraceConfig, type TraceStep } from './trace';
export { runTrace, runTraceToLines, type TraceRunOptions, type TraceRunResult } from './traceRunner';
export { PTE_SOFTWARE_BITS, type ArchPteBits, type PteBit } from './pteBits';
