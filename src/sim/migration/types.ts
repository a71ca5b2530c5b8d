// Plain-data results every migration model returns: what the UI charts per round and per time,
// and the totals the comparison view puts side by side.

/** Why pre-copy switched to stop-and-copy. */
export type StopReason =
  /** What is left fits in bandwidth x downtime limit (QEMU's switchover rule, F2). */
  | 'threshold'
  /** The round limit (n_max) was reached. */
  | 'max-rounds'
  /** Xen: the round just sent was under 50 pages. */
  | 'xen-min-pages'
  /** Xen: more than maxFactor x memory sent in total. */
  | 'xen-max-factor'
  /** Xen: the round grew while the link ran at its maximum rate. */
  | 'xen-grew';

export interface PrecopyRound {
  /** 0 = the full copy; the last round is the stop-and-copy. */
  round: number;
  startS: number;
  sentBytes: number;
  durationS: number;
  /** Pages the sync after this round found dirty: what the next round sends (0 after stop-and-copy). */
  dirtyPages: number;
  /** Auto-converge throttle in force during the round (% of guest CPU time taken away). */
  throttlePercent: number;
  stopAndCopy: boolean;
  /** QEMU's expected_downtime at this round's sync: dirty bytes / bandwidth. */
  expectedDowntimeS: number;
  /** Share of normal workload progress during the round: 1 - throttle - tracking faults; 0 when stopped. */
  progressRate: number;
  /** Page model: pages the tracker reported that were not written this round (re-sent for nothing). */
  falsePositivePages: number;
  /** Page model: write faults the tracker caused in the workload this round. */
  trackerFaults: number;
  /** Page model: tracker time at the sync ending this round (scan, re-arm; round 0 includes the first arm). */
  trackingCostS: number;
}

export interface ThrottleStep {
  /** The sync at the end of this round raised the throttle. */
  afterRound: number;
  percent: number;
}

export interface PrecopyResult {
  model: 'analytic' | 'expected-pages' | 'pages';
  rounds: PrecopyRound[];
  /** The stop-and-copy fitted in bandwidth x downtime limit. */
  converged: boolean;
  stopReason: StopReason;
  downtimeS: number;
  totalS: number;
  sentBytesTotal: number;
  /** Throttle at the end (0 without auto-converge). */
  throttlePercent: number;
  throttleSteps: ThrottleStep[];
  /** Workload progress lost: throttling, tracking faults and the downtime, in seconds. */
  lostWorkS: number;
  notes: string[];
}

export type SegmentPhase =
  | 'precopy-round'
  | 'stop-and-copy'
  | 'switchover'
  | 'postcopy'
  | 'migrate-to-cxl'
  | 'migrate-to-dram'
  | 'preserve'
  | 'blackout'
  | 'finish'
  | 'snapshot'
  | 'cow';

/** A stretch of time with one phase and an average workload progress rate: the per-time series. */
export interface Segment {
  startS: number;
  durationS: number;
  phase: SegmentPhase;
  /** Average share of normal progress (1 = unaffected, 0 = stopped). */
  progressRate: number;
  /** Bytes sent over the network during the segment. */
  networkBytes: number;
}

export interface ApproachTotals {
  /** From the start until the handover is complete (all memory where it belongs; for a snapshot, the window). */
  totalS: number;
  /** Longest the workload was stopped. */
  downtimeS: number;
  networkBytes: number;
  /** Workload progress lost within totalS, in seconds (throttle, faults, slower memory, downtime). */
  lostWorkS: number;
  /** lostWorkS / totalS: the average slowdown while the handover runs. */
  slowdown: number;
  /** Slowdown that remains after the handover (CXL approach 2 keeps paying CXL latency). */
  steadySlowdown: number;
  /** Pre-copy: the stop-and-copy fitted the downtime limit; true for the others. */
  converged: boolean;
}
