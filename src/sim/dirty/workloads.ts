// Workloads that write pages: uniform random, a hot set, sequential streaming, a guest-like mix,
// and replay of an oracle trace. State is plain data (numbers + the PRNG's four words) so that a
// workload snapshots and resumes with the model.
import { Prng, type PrngState } from '../engine/prng';
import type { ParsedTrace } from './trace';

export type WorkloadSpec =
  | { kind: 'uniform'; readFraction?: number }
  /** hotFraction of the pages take hotWriteFraction of the accesses (the hot set is the low pages). */
  | { kind: 'hotset'; hotFraction: number; hotWriteFraction: number; readFraction?: number }
  | { kind: 'sequential'; stride?: number; readFraction?: number }
  /**
   * A guest: most writes to a small hot set (kernel, heap), a streaming I/O buffer, a random tail,
   * and reads mixed in. Fractions are illustrative, not measured.
   */
  | { kind: 'guest-mix'; hotFraction?: number; hotShare?: number; streamShare?: number; readFraction?: number }
  /** The w/r steps of an oracle trace; `clear`/`scanclear` end a round. */
  | { kind: 'trace'; trace: ParsedTrace };

export interface WorkloadState {
  spec: WorkloadSpec;
  pages: number;
  /** sequential and guest-mix stream position; trace: index of the next step. */
  cursor: number;
  /** trace: next page within the current step. */
  offset: number;
  rng: PrngState;
}

export interface AccessTarget {
  write(p: number): unknown;
  read(p: number): unknown;
}

export interface WorkloadRun {
  writes: number;
  reads: number;
  /** trace replay reached a `clear`/`scanclear`: the caller should end the round. */
  roundEnd: boolean;
  /** trace replay has no steps left. */
  done: boolean;
}

export function createWorkload(spec: WorkloadSpec, pages: number, seed: number): WorkloadState {
  return { spec, pages, cursor: 0, offset: 0, rng: new Prng(seed).state() };
}

/** Performs up to `ops` accesses on `target`, advancing the workload's state. */
export function runWorkload(w: WorkloadState, target: AccessTarget, ops: number): WorkloadRun {
  if (w.spec.kind === 'trace') return replayTrace(w, w.spec.trace, target, ops);
  const rng = Prng.fromState(w.rng);
  const spec = w.spec;
  const n = w.pages;
  const readFraction = spec.readFraction ?? 0;
  let writes = 0;
  for (let i = 0; i < ops; i++) {
    let p: number;
    switch (spec.kind) {
      case 'uniform':
        p = rng.below(n);
        break;
      case 'hotset': {
        const hot = Math.max(1, Math.floor(n * spec.hotFraction));
        p = hot >= n || rng.next() < spec.hotWriteFraction ? rng.below(hot) : hot + rng.below(n - hot);
        break;
      }
      case 'sequential':
        p = w.cursor;
        w.cursor = (w.cursor + (spec.stride ?? 1)) % n;
        break;
      case 'guest-mix': {
        const u = rng.next();
        if (u < (spec.hotShare ?? 0.6)) p = rng.below(Math.max(1, Math.floor(n * (spec.hotFraction ?? 0.02))));
        else if (u < (spec.hotShare ?? 0.6) + (spec.streamShare ?? 0.25)) {
          p = w.cursor;
          w.cursor = (w.cursor + 1) % n;
        } else p = rng.below(n);
        break;
      }
    }
    if (readFraction > 0 && rng.next() < readFraction) target.read(p);
    else {
      target.write(p);
      writes++;
    }
  }
  w.rng = rng.state();
  return { writes, reads: ops - writes, roundEnd: false, done: false };
}

function replayTrace(w: WorkloadState, t: ParsedTrace, target: AccessTarget, ops: number): WorkloadRun {
  let writes = 0;
  let reads = 0;
  while (writes + reads < ops && w.cursor < t.steps.length) {
    const s = t.steps[w.cursor];
    if (s.op === 'w' || s.op === 'r') {
      const p = s.first + w.offset;
      if (s.op === 'w') {
        target.write(p);
        writes++;
      } else {
        target.read(p);
        reads++;
      }
      if (p >= s.last) {
        w.cursor++;
        w.offset = 0;
      } else w.offset++;
      continue;
    }
    w.cursor++;
    if (s.op === 'clear' || s.op === 'scanclear') return { writes, reads, roundEnd: true, done: w.cursor >= t.steps.length };
  }
  return { writes, reads, roundEnd: false, done: w.cursor >= t.steps.length };
}
