// The blackout timeline recomputed in the view with parameters the user changes: the frame
// carries the timeline for the default parameters, and its terms carry the counts, so the
// inputs can be read back and the closed-form timeline computed again.
import { BLACKOUT_PARAMS, blackoutTimeline, type BlackoutInput, type BlackoutParams, type BlackoutTimeline } from '../../sim/luo/blackout';
import type { UpdateRecord } from '../../sim/luo/types';

export type ParamId = keyof BlackoutParams;

/** What each input is read from: the count of one parameter's term. */
const COUNT_OF: Record<keyof BlackoutInput, ParamId> = {
  sessions: 'serializePerSession',
  files: 'preservePerFile',
  folios: 'preservePerFolio',
  holePages: 'preservePerHolePage',
  preservedBlocks: 'khoMemoryInitPerBlock',
  trackerBitmaps: 'finalizePerBitmap',
};

export function inputFromTimeline(t: Pick<BlackoutTimeline, 'phases'>): BlackoutInput {
  const counts = new Map<string, number>();
  for (const p of t.phases) for (const term of p.terms) counts.set(term.param, term.count);
  const out = {} as BlackoutInput;
  for (const [k, param] of Object.entries(COUNT_OF) as [keyof BlackoutInput, ParamId][]) out[k] = counts.get(param) ?? 0;
  return out;
}

/** The default parameters with some durations (ns) replaced; negative or non-finite values are ignored. */
export function paramsWith(overrides: Partial<Record<ParamId, number>>): BlackoutParams {
  const out = { ...BLACKOUT_PARAMS } as BlackoutParams;
  for (const [k, ns] of Object.entries(overrides) as [ParamId, number][]) if (k in out && Number.isFinite(ns) && ns >= 0) out[k] = { ...out[k], ns };
  return out;
}

/**
 * A past update's inputs, from what the model recorded about it. Hole pages and tracker bitmaps
 * are not recorded: they count as 0 (the view says so).
 */
export function inputFromUpdate(u: UpdateRecord): BlackoutInput {
  return { sessions: u.sessions, files: u.files, folios: u.folios, holePages: 0, preservedBlocks: u.trackerBlocks, trackerBitmaps: 0 };
}

export function recompute(input: BlackoutInput, overrides: Partial<Record<ParamId, number>>): BlackoutTimeline {
  return blackoutTimeline(input, paramsWith(overrides));
}

/** Segments of a to-scale bar: each phase's share of the total, with a minimum visible width. */
export function phaseSegments(t: Pick<BlackoutTimeline, 'phases' | 'totalNs'>, minFraction = 0.006): { id: string; start: number; width: number; inBlackout: boolean; tiny: boolean }[] {
  const total = t.totalNs || 1;
  const raw = t.phases.map((p) => ({ id: p.id, inBlackout: p.inBlackout, w: p.durationNs / total }));
  const tinyShare = raw.filter((r) => r.w < minFraction).length * minFraction;
  const bigTotal = raw.filter((r) => r.w >= minFraction).reduce((s, r) => s + r.w, 0) || 1;
  const scale = Math.max(0, 1 - tinyShare) / bigTotal;
  let x = 0;
  return raw.map((r) => {
    const tiny = r.w < minFraction;
    const width = tiny ? minFraction : r.w * scale;
    const seg = { id: r.id, start: x, width, inBlackout: r.inBlackout, tiny };
    x += width;
    return seg;
  });
}
