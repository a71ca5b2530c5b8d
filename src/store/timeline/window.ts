// The timeline's visible window of virtual time (Perfetto-style W/S zoom, A/D pan, F fit).
export type TimeWindow = [number, number];

/** Narrowest window: 10 µs, so single events a few µs apart can be told apart. */
export const MIN_WINDOW_NS = 10_000;

export function fitWindow(duration: number): TimeWindow {
  return [0, Math.max(1, duration)];
}

/** Zooms by `factor` (< 1 zooms in) around `center`, staying inside [0, duration]. */
export function zoomWindow(w: TimeWindow, factor: number, center: number, duration: number): TimeWindow {
  const span = Math.min(duration, Math.max(MIN_WINDOW_NS, (w[1] - w[0]) * factor));
  const frac = w[1] > w[0] ? (center - w[0]) / (w[1] - w[0]) : 0.5;
  return clampWindow([center - frac * span, center - frac * span + span], duration);
}

/** Pans by a fraction of the window's width (negative = earlier). */
export function panWindow(w: TimeWindow, fraction: number, duration: number): TimeWindow {
  const d = (w[1] - w[0]) * fraction;
  return clampWindow([w[0] + d, w[1] + d], duration);
}

export function clampWindow(w: TimeWindow, duration: number): TimeWindow {
  const span = Math.min(duration, w[1] - w[0]);
  const start = Math.min(Math.max(0, w[0]), duration - span);
  return [start, start + span];
}

/** The next (dir 1) or previous (dir -1) time in the sorted list, strictly after/before `t`. */
export function neighbourTime(sorted: number[], t: number, dir: 1 | -1): number | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (dir > 0 ? sorted[mid] <= t : sorted[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return dir > 0 ? sorted[lo] : sorted[lo - 1];
}
