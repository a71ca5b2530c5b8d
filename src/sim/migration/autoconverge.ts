// QEMU auto-converge: throttle the guest's vCPUs when it dirties memory faster than half of what
// the link moves. Follows migration/ram.c as read this session (docs/migration.md):
//   migration_bitmap_sync(): the check runs only once more than 1000 ms have passed since the
//     period began; the period's dirty pages and transferred bytes accumulate over shorter syncs;
//   migration_trigger_throttle(): if bytes_dirty_period > bytes_xfer_period * threshold / 100 and
//     ++dirty_rate_high_cnt >= 2 (the counter only counts periods over the threshold and resets
//     when it fires), throttle down;
//   mig_throttle_guest_down(): first cpu-throttle-initial, then + cpu-throttle-increment up to
//     max-cpu-throttle (tailslow: the increment is capped by what would reach the threshold).

export interface AutoConvergeParams {
  /** cpu-throttle-initial (%). */
  initialPercent: number;
  /** cpu-throttle-increment (%). */
  incrementPercent: number;
  /** max-cpu-throttle (%). */
  maxPercent: number;
  /** throttle-trigger-threshold (%): dirty bytes over this share of transferred bytes count as "high". */
  triggerThresholdPercent: number;
  /** cpu-throttle-tailslow. */
  tailslow: boolean;
}

/** QEMU defaults (migration/options.c). */
export const AUTO_CONVERGE_DEFAULTS: AutoConvergeParams = {
  initialPercent: 20,
  incrementPercent: 10,
  maxPercent: 99,
  triggerThresholdPercent: 50,
  tailslow: false,
};

/** migration_bitmap_sync: "more than 1 second = 1000 millisecons". */
export const THROTTLE_PERIOD_S = 1;
/** migration_trigger_throttle: ++dirty_rate_high_cnt >= 2. */
export const THROTTLE_HIGH_COUNT = 2;

/** The throttle levels without tailslow: 20, 30, ..., 90, 99 at the defaults. */
export function throttleLadder(p: AutoConvergeParams = AUTO_CONVERGE_DEFAULTS): number[] {
  const out = [Math.min(p.initialPercent, p.maxPercent)];
  while (out[out.length - 1] < p.maxPercent && p.incrementPercent > 0) {
    out.push(Math.min(out[out.length - 1] + p.incrementPercent, p.maxPercent));
  }
  return out;
}

/**
 * F5: the throttle auto-converge settles on, assuming the dirty rate scales with unthrottled CPU
 * time (D_eff = D (1 - p/100)): the smallest ladder level with D_eff <= threshold x B; 0 if no
 * throttling is needed; the top of the ladder if even that is not enough.
 */
export function finalThrottle(dirtyRateBps: number, bandwidthBps: number, p: AutoConvergeParams = AUTO_CONVERGE_DEFAULTS): number {
  const limit = (p.triggerThresholdPercent / 100) * bandwidthBps;
  if (dirtyRateBps <= limit) return 0;
  const ladder = throttleLadder(p);
  return ladder.find((pct) => dirtyRateBps * (1 - pct / 100) <= limit) ?? ladder[ladder.length - 1];
}

/** Plain data, so a run can be snapshotted. */
export interface ThrottleState {
  percent: number;
  /** dirty_rate_high_cnt. */
  highCount: number;
  /** The period since the last check: seconds, bytes transferred, bytes found dirty. */
  periodS: number;
  periodXferBytes: number;
  periodDirtyBytes: number;
}

export function initialThrottleState(): ThrottleState {
  return { percent: 0, highCount: 0, periodS: 0, periodXferBytes: 0, periodDirtyBytes: 0 };
}

/**
 * One dirty-bitmap sync: `xferBytes` were sent and `dirtyBytes` found dirty over `durationS` since
 * the previous sync. Returns true when the throttle was raised (state.percent is the new level).
 */
export function throttleOnSync(
  s: ThrottleState,
  xferBytes: number,
  dirtyBytes: number,
  durationS: number,
  p: AutoConvergeParams = AUTO_CONVERGE_DEFAULTS,
): boolean {
  s.periodS += durationS;
  s.periodXferBytes += xferBytes;
  s.periodDirtyBytes += dirtyBytes;
  if (!(s.periodS > THROTTLE_PERIOD_S)) return false;
  const dirty = s.periodDirtyBytes;
  const threshold = (s.periodXferBytes * p.triggerThresholdPercent) / 100;
  s.periodS = 0;
  s.periodXferBytes = 0;
  s.periodDirtyBytes = 0;
  if (!(dirty > threshold)) return false;
  if (++s.highCount < THROTTLE_HIGH_COUNT) return false;
  s.highCount = 0;
  s.percent = throttleDown(s.percent, dirty, threshold, p);
  return true;
}

/** mig_throttle_guest_down (uint64 arithmetic: cpu_ideal is truncated). */
function throttleDown(now: number, dirtyBytes: number, thresholdBytes: number, p: AutoConvergeParams): number {
  if (now === 0) return Math.min(p.initialPercent, p.maxPercent);
  let inc = p.incrementPercent;
  if (p.tailslow) {
    const cpuNow = 100 - now;
    const cpuIdeal = Math.floor(cpuNow * (thresholdBytes / dirtyBytes));
    inc = Math.min(cpuNow - cpuIdeal, p.incrementPercent);
  }
  return Math.min(now + inc, p.maxPercent);
}
