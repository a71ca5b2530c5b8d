// The closed-form pre-copy model: formulas F1-F6 of ../shared/reference/dirty-tracking.md §6,
// and the two round-by-round models built on them (geometric F1-F3 with F5, page-granular F6).
// Units: bytes and seconds; P = 4096-byte pages.
import { finalThrottle } from './autoconverge';
import { PAGE_BYTES } from './params';
import { precopyConfig, runPrecopy, type DirtySource, type PrecopyOptions } from './rounds';
import type { PrecopyResult } from './types';

export { finalThrottle };

/** F1: bytes round i sends, V_i = M λ^i with λ = D/B. */
export function geometricRoundBytes(memoryBytes: number, lambda: number, i: number): number {
  return memoryBytes * lambda ** i;
}

/**
 * F2: index n of the stop-and-copy: 0 if M <= B d, else min(ceil(ln(B d / M) / ln λ), n_max) for
 * λ < 1, n_max for λ >= 1. Exact ties (V_n = B d) stop, as the model uses <=: the ceiling of a
 * rounded logarithm is corrected against V_n itself.
 */
export function stopIndex(memoryBytes: number, bandwidthBps: number, dirtyRateBps: number, downtimeLimitS: number, maxRounds: number): number {
  const limit = bandwidthBps * downtimeLimitS;
  if (memoryBytes <= limit) return 0;
  const lambda = dirtyRateBps / bandwidthBps;
  if (lambda === 0) return Math.min(1, maxRounds);
  if (lambda >= 1 || limit <= 0) return maxRounds;
  let n = Math.max(1, Math.ceil(Math.log(limit / memoryBytes) / Math.log(lambda)));
  if (n > maxRounds) return maxRounds;
  while (n > 1 && geometricRoundBytes(memoryBytes, lambda, n - 1) <= limit) n--;
  while (n < maxRounds && geometricRoundBytes(memoryBytes, lambda, n) > limit) n++;
  return n;
}

/** F3: V_total = M (1 - λ^(n+1)) / (1 - λ), or M (n + 1) when λ = 1. */
export function totalBytes(memoryBytes: number, lambda: number, n: number): number {
  return lambda === 1 ? memoryBytes * (n + 1) : (memoryBytes * (1 - lambda ** (n + 1))) / (1 - lambda);
}

/** F3: T_total = V_total / B + T_res and T_down = (M / B) λ^n + T_res. */
export function totalTimeS(memoryBytes: number, bandwidthBps: number, lambda: number, n: number, resumeS = 0): number {
  return totalBytes(memoryBytes, lambda, n) / bandwidthBps + resumeS;
}

export function downtimeS(memoryBytes: number, bandwidthBps: number, lambda: number, n: number, resumeS = 0): number {
  return (memoryBytes / bandwidthBps) * lambda ** n + resumeS;
}

/** F4: QEMU's threshold_size = bandwidth x downtime limit (bytes). */
export function thresholdBytes(bandwidthBps: number, downtimeLimitS: number): number {
  return bandwidthBps * downtimeLimitS;
}

/** F4: QEMU's expected_downtime = dirty bytes at the last sync / bandwidth. */
export function expectedDowntimeS(dirtyBytes: number, bandwidthBps: number): number {
  return dirtyBytes / bandwidthBps;
}

/** F6: expected distinct pages after t seconds of w uniform random writes/s over N pages. */
export function distinctPagesAfter(pages: number, writesPerS: number, t: number): number {
  return pages * -Math.expm1((-writesPerS * t) / pages);
}

/** F6, discrete: expected distinct pages after K uniform random writes over N pages. */
export function distinctPagesAfterWrites(pages: number, writes: number): number {
  return pages * -Math.expm1(writes * Math.log1p(-1 / pages));
}

export interface AnalyticOptions extends PrecopyOptions {
  /** D: bytes of distinct pages dirtied per second (unsaturated regime). */
  dirtyRateBps: number;
}

/**
 * F1-F3 round by round (F5 when auto-converge is on): D_eff = D (1 - throttle/100) dirties
 * D_eff x T_i bytes during round i. A round never finds more than all of memory dirty (the cap
 * only matters when λ >= 1, where F1 grows without bound).
 */
export function analyticPrecopy(o: AnalyticOptions): PrecopyResult {
  const c = precopyConfig(o);
  if (!(o.dirtyRateBps >= 0 && Number.isFinite(o.dirtyRateBps))) throw new RangeError(`dirtyRateBps must be >= 0, got ${o.dirtyRateBps}`);
  const source: DirtySource = {
    runRound: (t, p) => ({ dirtyBytes: Math.min(c.memoryBytes, o.dirtyRateBps * (1 - p / 100) * t), falsePositivePages: 0, trackerFaults: 0, faultS: 0, trackingCostS: 0 }),
  };
  const r = runPrecopy(c, source, 'analytic');
  r.notes.push(NOTE_GEOMETRIC);
  if (c.autoConverge) r.notes.push(NOTE_THROTTLE);
  return r;
}

export interface PageGranularOptions extends PrecopyOptions {
  /** w: uniform random page writes per second. */
  writesPerS: number;
  /** Share of memory the writes fall on (the hot set, N := H); default 1. */
  hotSetFraction?: number;
}

/**
 * F6 round by round: U_{i+1} = H (1 - e^(-w_eff T_i / H)) pages with T_i = U_i P / B, round 0 the
 * whole memory. The expectation a page-level run is compared with.
 */
export function expectedPagePrecopy(o: PageGranularOptions): PrecopyResult {
  const c = precopyConfig(o);
  const hot = hotPages(c.memoryBytes, o.hotSetFraction ?? 1);
  if (!(o.writesPerS >= 0 && Number.isFinite(o.writesPerS))) throw new RangeError(`writesPerS must be >= 0, got ${o.writesPerS}`);
  const source: DirtySource = {
    runRound: (t, p) => ({
      dirtyBytes: PAGE_BYTES * distinctPagesAfter(hot, o.writesPerS * (1 - p / 100), t),
      falsePositivePages: 0,
      trackerFaults: 0,
      faultS: 0,
      trackingCostS: 0,
    }),
  };
  const r = runPrecopy(c, source, 'expected-pages');
  r.notes.push(NOTE_F6);
  if (c.autoConverge) r.notes.push(NOTE_THROTTLE);
  return r;
}

/** Pages of memory the hot set covers: at least one, whole pages. */
export function hotPages(memoryBytes: number, hotSetFraction: number): number {
  if (!(hotSetFraction > 0 && hotSetFraction <= 1)) throw new RangeError(`hotSetFraction must be in (0, 1], got ${hotSetFraction}`);
  return Math.max(1, Math.floor((memoryBytes / PAGE_BYTES) * hotSetFraction));
}

export const NOTE_GEOMETRIC =
  'Geometric model (F1-F3): a constant rate of distinct dirty bytes, no writable working set; a round never finds more than all of memory dirty.';
export const NOTE_F6 =
  'Page-granular expectation (F6): uniform random writes over the hot set; the dirty set saturates at the hot set (the writable working set), so rounds stop shrinking.';
export const NOTE_THROTTLE =
  'Auto-converge: the dirty rate is assumed to scale with unthrottled CPU time (D x (1 - throttle)), the assumption behind QEMU\'s tailslow formula; the check runs at syncs at least 1 s apart, as migration_bitmap_sync does.';
