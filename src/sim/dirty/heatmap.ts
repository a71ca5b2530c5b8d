// Per-pixel counts for a page heatmap: any page range split into N buckets, each with the number of
// reported pages (count > 0 means "any", so one written page in a terabyte stays visible).
// Whole 2048-page blocks are read from the summaries; only bucket edges touch bitmap words.
import { bucketCountsA } from './pageStore';
import type { UffdWpRegion } from './region';
import type { SoftDirtyTracker } from './softDirty';

/** uffd-wp: written (unprotected) pages per bucket of [from, to). */
export function writtenBuckets(r: UffdWpRegion, from: number, to: number, out: Uint32Array): Uint32Array {
  bucketCountsA(r.state.store, from, to, out);
  return out;
}

/** soft-dirty: pages reading soft-dirty (PTE bit or VM_SOFTDIRTY) per bucket of [from, to). */
export function softDirtyBuckets(s: SoftDirtyTracker, from: number, to: number, out: Uint32Array): Uint32Array {
  const n = out.length;
  const len = to - from;
  for (let i = 0; i < n; i++) {
    const a = from + Math.floor((i * len) / n);
    const b = from + Math.floor(((i + 1) * len) / n);
    out[i] = s.dirtyCount(a, b);
  }
  return out;
}
