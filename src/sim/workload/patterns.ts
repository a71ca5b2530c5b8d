// Access patterns: which page the next write goes to.
import type { Prng } from '../engine/prng';
import type { WorkloadState } from './model';

export function pickPage(w: WorkloadState, rng: Prng): number {
  switch (w.kind) {
    case 'uniform':
      return rng.below(w.pages);
    case 'hotset': {
      const hot = Math.max(1, Math.floor(w.pages * w.hotFraction));
      if (hot >= w.pages || rng.next() < w.hotWriteFraction) return rng.below(hot);
      return hot + rng.below(w.pages - hot);
    }
    case 'sequential': {
      const p = w.cursor;
      w.cursor = (w.cursor + 1) % w.pages;
      return p;
    }
    case 'guest-mix': {
      // A guest: mostly a small hot kernel/heap set, some streaming I/O buffers, a random tail.
      const r = rng.next();
      if (r < 0.7) return rng.below(Math.max(1, Math.floor(w.pages * 0.05)));
      if (r < 0.9) {
        const p = w.cursor;
        w.cursor = (w.cursor + 1) % w.pages;
        return p;
      }
      return rng.below(w.pages);
    }
  }
}
