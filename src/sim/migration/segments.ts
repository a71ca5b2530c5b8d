// Per-time series shared by the approaches: segments of time with an average progress rate, and
// their sampling on a common grid for the comparison chart.
import type { PrecopyResult, Segment, SegmentPhase } from './types';

export function segment(startS: number, durationS: number, phase: SegmentPhase, progressRate: number, networkBytes = 0): Segment {
  return { startS, durationS, phase, progressRate, networkBytes };
}

/** One segment per pre-copy round, the stop-and-copy with the resume overhead. */
export function precopySegments(r: PrecopyResult, startS = 0): Segment[] {
  const out = r.rounds.map((x) => segment(startS + x.startS, x.durationS, x.stopAndCopy ? 'stop-and-copy' : 'precopy-round', x.progressRate, x.sentBytes));
  const last = out[out.length - 1];
  if (last && last.phase === 'stop-and-copy') last.durationS = r.downtimeS;
  return out;
}

/** Workload progress lost in the segments, in seconds. */
export function lostWork(segments: Segment[]): number {
  return segments.reduce((s, x) => s + x.durationS * (1 - x.progressRate), 0);
}

/** Splits [startS, startS + durationS) into n equal segments, each with the mean of rate(x) over its share x in [0, 1]. */
export function splitSegments(startS: number, durationS: number, n: number, phase: SegmentPhase, meanRate: (x0: number, x1: number) => number, networkBytes = 0): Segment[] {
  const out: Segment[] = [];
  for (let i = 0; i < n; i++) {
    const x0 = i / n;
    const x1 = (i + 1) / n;
    out.push(segment(startS + x0 * durationS, durationS / n, phase, meanRate(x0, x1), networkBytes / n));
  }
  return out;
}

export interface TimeSample {
  tS: number;
  /** Progress rate at tS (after the last segment: the steady rate). */
  progressRate: number;
  /** Bytes sent over the network up to tS. */
  networkBytes: number;
  /** 'running': outside the handover (after it, at the steady rate). */
  phase: SegmentPhase | 'running';
}

/** Samples segments at n + 1 evenly spaced times over [0, horizonS]. */
export function sampleSegments(segments: Segment[], horizonS: number, n: number, steadyRate = 1): TimeSample[] {
  const out: TimeSample[] = [];
  let k = 0;
  let sent = 0;
  for (let i = 0; i <= n; i++) {
    const t = (horizonS * i) / n;
    while (k < segments.length && segments[k].startS + segments[k].durationS <= t && !(segments[k].durationS === 0 && segments[k].startS === t)) {
      sent += segments[k].networkBytes;
      k++;
    }
    const s = segments[k];
    if (!s || t < s.startS) {
      out.push({ tS: t, progressRate: s ? 1 : steadyRate, networkBytes: sent, phase: 'running' });
      continue;
    }
    const part = s.durationS > 0 ? (t - s.startS) / s.durationS : 0;
    out.push({ tS: t, progressRate: s.progressRate, networkBytes: sent + s.networkBytes * part, phase: s.phase });
  }
  return out;
}
