import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bytesPerPx, fit, MIN_LEVEL, TILE_PX, tileX, visibleTiles, zoomAt, pan, focusRange } from './viewport';

const TiB = 2 ** 40;

describe('LOD viewport', () => {
  it('fits 64 TiB into 1000 px at a power-of-two level', () => {
    const vp = fit(64 * TiB, 1000);
    expect(bytesPerPx(vp) * 1000).toBeGreaterThanOrEqual(64 * TiB);
    expect(bytesPerPx(vp) * 500).toBeLessThan(64 * TiB);
  });

  it('zooms from the whole machine to one 4 KiB page in whole levels', () => {
    let vp = fit(64 * TiB, 1000);
    let n = 0;
    while (vp.level > MIN_LEVEL) {
      vp = zoomAt(vp, 500, -1, 64 * TiB, 1000);
      n++;
    }
    expect(4096 / bytesPerPx(vp)).toBe(32); // a page is 32 px wide at the finest level
    expect(n).toBe(fit(64 * TiB, 1000).level - MIN_LEVEL);
  });

  it('keeps the anchored byte under the cursor when zooming (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), fc.integer({ min: -3, max: 3 }), fc.nat(TiB), (anchor, steps, startGuess) => {
        const total = 4 * TiB;
        const vp = zoomAt(pan(fit(total, 1000), 0, total, 1000), 0, -10, total, 1000);
        const vp0 = { ...vp, start: Math.min(startGuess, total - 1000 * bytesPerPx(vp)) };
        const before = vp0.start + anchor * bytesPerPx(vp0);
        const z = zoomAt(vp0, anchor, steps, total, 1000);
        const after = z.start + anchor * bytesPerPx(z);
        // Clamping at the edges and pixel snapping may move it by at most a pixel's worth.
        if (z.start > 0 && z.start + 1000 * bytesPerPx(z) < total) expect(Math.abs(after - before)).toBeLessThanOrEqual(bytesPerPx(z));
      }),
    );
  });

  it('covers the canvas with whole tiles, left to right', () => {
    const vp = { start: 3 * TILE_PX * 2 ** 20 + 100 * 2 ** 20, level: 20 };
    const t = visibleTiles(vp, 1000);
    expect(tileX(vp, t[0])).toBeLessThanOrEqual(0);
    expect(tileX(vp, t[t.length - 1]) + TILE_PX).toBeGreaterThanOrEqual(1000);
  });

  it('focuses a range at the finest level that shows it', () => {
    const vp = focusRange(2 ** 30, 2 ** 30 + 4096, 64 * TiB, 1000);
    expect(vp.level).toBe(MIN_LEVEL);
    expect(vp.start).toBeLessThanOrEqual(2 ** 30);
    expect(vp.start + 1000 * bytesPerPx(vp)).toBeGreaterThanOrEqual(2 ** 30 + 4096);
  });
});
