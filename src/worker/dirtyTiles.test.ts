import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Engine } from '../sim/engine/engine';
import { workloadModel, type WorkloadsState } from '../sim/workload/model';
import { workloadSchema } from '../sim/scenario/schema';
import { dirtyTile } from './dirtyTiles';

function workload(arch: 'x86_64' | 'arm64', pages = 1 << 16) {
  const e = new Engine({ seed: 3 });
  const w = workloadSchema.parse({ id: 'w', kind: 'uniform', sizeBytes: pages * 4096, writeRatePagesPerSec: 0 });
  e.addModel(workloadModel, { workloads: [w], arch });
  return e.state<WorkloadsState>('workload').w;
}

describe('dirty heatmap tiles', () => {
  it('count every written page once at any coarse level, in every lane (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat((1 << 16) - 1), { minLength: 1, maxLength: 300 }), fc.integer({ min: 12, max: 20 }), (pages, level) => {
        const w = workload('x86_64');
        for (const p of pages) w.cmp!.write(p);
        const pagesPerTile = (256 * 2 ** level) / 4096;
        const tiles = Math.ceil((1 << 16) / pagesPerTile);
        for (const lane of ['truth', 'uffd', 'soft'] as const) {
          let sum = 0;
          for (let i = 0; i < tiles; i++) sum += dirtyTile(w, lane, level, i).reduce((a, b) => a + b, 0);
          // soft-dirty never misses a written page; here (no VMA changes) it reports exactly them
          expect(sum).toBe(pages.length);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('keeps a single written page visible at the coarsest level and shows it alone when zoomed in', () => {
    const w = workload('x86_64');
    w.cmp!.write(40_000);
    const coarse = dirtyTile(w, 'uffd', 20, 0);
    expect(coarse.filter((x) => x > 0)).toHaveLength(1);
    // 128 bytes per pixel: page 40000 covers 32 pixels starting at byte 40000*4096.
    const px = (40_000 * 4096) / 128;
    const fine = dirtyTile(w, 'truth', 7, Math.floor(px / 256));
    expect(fine.reduce((a, b) => a + b, 0)).toBe(32);
  });

  it('shows no soft-dirty lane on arm64, which has no soft-dirty', () => {
    const w = workload('arm64');
    w.cmp!.write(5);
    expect(w.cmp!.softDirty).toBeNull();
    expect(dirtyTile(w, 'soft', 14, 0).some((x) => x > 0)).toBe(false);
    expect(dirtyTile(w, 'uffd', 14, 0)[1]).toBe(1); // 4 pages a pixel: page 5 is in pixel 1
  });
});
