// The pre-copy loop every model shares: round 0 sends all memory at bandwidth B; each later round
// sends what the sync after the previous one found dirty; the stop rules pick the stop-and-copy.
// What dirties memory during a round is the model's part (DirtySource): the geometric rate (F1),
// its expectation at page granularity (F6), or page-by-page writes seen by a tracker (precopy.ts).
import { AUTO_CONVERGE_DEFAULTS, initialThrottleState, throttleOnSync, type AutoConvergeParams } from './autoconverge';
import { DEFAULT_MAX_ROUNDS, PAGE_BYTES, QEMU_DEFAULTS, XEN_DEFAULTS } from './params';
import type { PrecopyResult, PrecopyRound, StopReason, ThrottleStep } from './types';

export interface XenStopParams {
  maxFactor: number;
  minPages: number;
  /**
   * RATE_IS_MAX(): Xen's adaptive rate has reached its ceiling. The simulator's link always runs at
   * its configured bandwidth, so by default it counts as the maximum.
   */
  rateIsMax: boolean;
}

export interface PrecopyConfig {
  memoryBytes: number;
  bandwidthBps: number;
  downtimeLimitS: number;
  /** Round index of a forced stop-and-copy (n_max). */
  maxRounds: number;
  /** null: auto-converge off. */
  autoConverge: AutoConvergeParams | null;
  /** Throttle held from round 0 (the "if p held from the start" variant of worked example 2). */
  fixedThrottlePercent: number;
  /** QEMU's switchover rule: stop once the rest fits in B x d. Pure Xen has none (threshold: false). */
  threshold: boolean;
  /** Xen's last-iteration conditions, in addition to (or instead of) the threshold. */
  xen: XenStopParams | null;
  /** T_res: resume overhead added to the downtime (0 in the reference's examples). */
  resumeS: number;
}

export type PrecopyOptions = Partial<Omit<PrecopyConfig, 'autoConverge' | 'xen'>> & {
  memoryBytes: number;
  /** true: QEMU's defaults; or the parameters. */
  autoConverge?: boolean | Partial<AutoConvergeParams> | null;
  /** true: Xen's defaults; or the parameters. */
  xen?: boolean | Partial<XenStopParams> | null;
};

/** Fills QEMU's defaults and checks the values a model can run with. */
export function precopyConfig(o: PrecopyOptions): PrecopyConfig {
  const c: PrecopyConfig = {
    memoryBytes: o.memoryBytes,
    bandwidthBps: o.bandwidthBps ?? QEMU_DEFAULTS.bandwidthBps,
    downtimeLimitS: o.downtimeLimitS ?? QEMU_DEFAULTS.downtimeLimitS,
    maxRounds: o.maxRounds ?? DEFAULT_MAX_ROUNDS,
    autoConverge: o.autoConverge ? { ...AUTO_CONVERGE_DEFAULTS, ...(o.autoConverge === true ? {} : o.autoConverge) } : null,
    fixedThrottlePercent: o.fixedThrottlePercent ?? 0,
    threshold: o.threshold ?? true,
    xen: o.xen ? { maxFactor: XEN_DEFAULTS.maxFactor, minPages: XEN_DEFAULTS.minPages, rateIsMax: true, ...(o.xen === true ? {} : o.xen) } : null,
    resumeS: o.resumeS ?? 0,
  };
  const positive = (name: string, v: number) => {
    if (!(Number.isFinite(v) && v > 0)) throw new RangeError(`${name} must be a positive number, got ${v}`);
  };
  positive('memoryBytes', c.memoryBytes);
  positive('bandwidthBps', c.bandwidthBps);
  if (!(c.downtimeLimitS >= 0 && Number.isFinite(c.downtimeLimitS))) throw new RangeError(`downtimeLimitS must be >= 0, got ${c.downtimeLimitS}`);
  if (!(Number.isInteger(c.maxRounds) && c.maxRounds >= 0 && c.maxRounds <= 10_000)) throw new RangeError(`maxRounds must be an integer in 0..10000, got ${c.maxRounds}`);
  if (!(c.fixedThrottlePercent >= 0 && c.fixedThrottlePercent < 100)) throw new RangeError(`fixedThrottlePercent must be in [0, 100), got ${c.fixedThrottlePercent}`);
  if (!(c.resumeS >= 0)) throw new RangeError(`resumeS must be >= 0, got ${c.resumeS}`);
  return c;
}

/** What the workload did during one round, as the sync at its end sees it. */
export interface RoundDirt {
  dirtyBytes: number;
  falsePositivePages: number;
  trackerFaults: number;
  /** Time the workload lost to tracking faults. */
  faultS: number;
  trackingCostS: number;
}

export interface DirtySource {
  /** Runs the workload for one round of durationS with the throttle at throttlePercent. */
  runRound(durationS: number, throttlePercent: number): RoundDirt;
}

export function runPrecopy(c: PrecopyConfig, source: DirtySource, model: PrecopyResult['model']): PrecopyResult {
  const B = c.bandwidthBps;
  const limitBytes = B * c.downtimeLimitS;
  const throttle = initialThrottleState();
  throttle.percent = c.fixedThrottlePercent;
  const steps: ThrottleStep[] = [];
  const rounds: PrecopyRound[] = [];
  let send = c.memoryBytes;
  let sentTotal = 0;
  let t = 0;
  let prevSent = c.memoryBytes; // Xen starts with sent_last_iter = p2m_size
  let reason: StopReason | null = c.threshold && send <= limitBytes ? 'threshold' : c.maxRounds === 0 ? 'max-rounds' : null;
  for (let i = 0; ; i++) {
    const durationS = send / B;
    if (reason !== null) {
      rounds.push(round(i, t, send, durationS, 0, throttle.percent, true, 0, durationS, blankDirt()));
      sentTotal += send;
      t += durationS;
      break;
    }
    const p = throttle.percent;
    const dirt = source.runRound(durationS, p);
    const next = dirt.dirtyBytes;
    const progress = durationS > 0 ? Math.max(0, 1 - p / 100 - dirt.faultS / durationS) : 1;
    rounds.push(round(i, t, send, durationS, next / PAGE_BYTES, p, false, progress, next / B, dirt));
    sentTotal += send;
    t += durationS;
    if (c.autoConverge && throttleOnSync(throttle, send, next, durationS, c.autoConverge)) steps.push({ afterRound: i, percent: throttle.percent });
    reason = stopRule(c, i, send, prevSent, next, sentTotal, limitBytes);
    prevSent = send;
    send = next;
  }
  const last = rounds[rounds.length - 1];
  const downtimeS = last.durationS + c.resumeS;
  const lostWorkS = rounds.reduce((s, r) => s + r.durationS * (1 - r.progressRate), 0) + c.resumeS;
  return {
    model,
    rounds,
    converged: last.sentBytes <= limitBytes,
    stopReason: reason!,
    downtimeS,
    totalS: t + c.resumeS,
    sentBytesTotal: sentTotal,
    throttlePercent: throttle.percent,
    throttleSteps: steps,
    lostWorkS,
    notes: [],
  };
}

/** After round i: does round i + 1 become the stop-and-copy, and why. */
function stopRule(c: PrecopyConfig, i: number, sent: number, prevSent: number, next: number, sentTotal: number, limitBytes: number): StopReason | null {
  if (c.threshold && next <= limitBytes) return 'threshold';
  if (c.xen) {
    if (sent > prevSent && c.xen.rateIsMax) return 'xen-grew';
    if (sent < c.xen.minPages * PAGE_BYTES) return 'xen-min-pages';
    if (sentTotal > c.xen.maxFactor * c.memoryBytes) return 'xen-max-factor';
  }
  if (i + 1 >= c.maxRounds) return 'max-rounds';
  return null;
}

function blankDirt(): RoundDirt {
  return { dirtyBytes: 0, falsePositivePages: 0, trackerFaults: 0, faultS: 0, trackingCostS: 0 };
}

function round(i: number, startS: number, sentBytes: number, durationS: number, dirtyPages: number, throttlePercent: number,
  stopAndCopy: boolean, progressRate: number, expectedDowntimeS: number, d: RoundDirt): PrecopyRound {
  return {
    round: i,
    startS,
    sentBytes,
    durationS,
    dirtyPages,
    throttlePercent,
    stopAndCopy,
    expectedDowntimeS,
    progressRate,
    falsePositivePages: d.falsePositivePages,
    trackerFaults: d.trackerFaults,
    trackingCostS: d.trackingCostS,
  };
}
