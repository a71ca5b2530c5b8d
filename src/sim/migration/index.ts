// Moving or keeping a workload's memory: iterative pre-copy (closed form F1-F6 and page level),
// auto-converge, post-copy, CXL migration (both approaches), live update instead of migration, and a
// copy-on-write snapshot on DAX kmem, compared on one workload. Pure TypeScript, plain-data results.
export type * from './types';
export * from './params';
export {
  AUTO_CONVERGE_DEFAULTS,
  finalThrottle,
  initialThrottleState,
  throttleLadder,
  throttleOnSync,
  THROTTLE_HIGH_COUNT,
  THROTTLE_PERIOD_S,
  type AutoConvergeParams,
  type ThrottleState,
} from './autoconverge';
export {
  analyticPrecopy,
  distinctPagesAfter,
  distinctPagesAfterWrites,
  downtimeS,
  expectedDowntimeS,
  expectedPagePrecopy,
  geometricRoundBytes,
  hotPages,
  stopIndex,
  thresholdBytes,
  totalBytes,
  totalTimeS,
  NOTE_F6,
  NOTE_GEOMETRIC,
  NOTE_THROTTLE,
  type AnalyticOptions,
  type PageGranularOptions,
} from './analytic';
export { precopyConfig, runPrecopy, type DirtySource, type PrecopyConfig, type PrecopyOptions, type RoundDirt, type XenStopParams } from './rounds';
export { memoryPages, pagePrecopy, PageLevelDirtying, NOTE_PAGES, NOTE_SOFT_DIRTY, type PageLevelOptions, type PageLevelResult } from './precopy';
export { createTracker, TRACKER_KINDS, type RoundTracker, type TrackerKind, type TrackerSync } from './tracker';
export { randomWrites, stochasticRound } from './writes';
export { postcopy, simulatePostcopyPhase, NOTE_POSTCOPY, type PostcopyBucket, type PostcopyOptions, type PostcopyResult } from './postcopy';
export { cxlMigrateThrough, cxlParamsFromRegion, cxlResident, NOTE_CXL_MIGRATE, NOTE_CXL_RESIDENT, NOTE_CXL_SHARED, NOTE_CXL_SLOWDOWN, type CxlOptions, type CxlResult } from './cxl';
export { liveUpdateHandover, memfdBlackoutInput, NOTE_LIVE_UPDATE, type LiveUpdateOptions, type LiveUpdateResult } from './liveupdate';
export { cowSnapshot, NOTE_COW, type CowOptions, type CowResult, type CowSample } from './cowSnapshot';
export { lostWork, sampleSegments, type TimeSample } from './segments';
export {
  APPROACH_LABELS,
  APPROACHES,
  compareApproaches,
  type ApproachId,
  type ApproachResult,
  type CompareOptions,
  type Comparison,
  type MigrationWorkload,
} from './compare';
