import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MIN_WINDOW_NS, neighbourTime, panWindow, zoomWindow } from './window';

describe('timeline window', () => {
  it('stays inside the scenario and keeps the centre under the cursor (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 10, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true }), (factor, c, p) => {
        const D = 2e9;
        const z = zoomWindow([0.5e9, 1.5e9], factor, 0.5e9 + c * 1e9, D);
        expect(z[0]).toBeGreaterThanOrEqual(0);
        expect(z[1]).toBeLessThanOrEqual(D + 1e-6);
        expect(z[1] - z[0]).toBeGreaterThanOrEqual(Math.min(D, MIN_WINDOW_NS) - 1e-6);
        const q = panWindow(z, p, D);
        expect(q[1] - q[0]).toBeCloseTo(z[1] - z[0], 3);
        expect(q[0]).toBeGreaterThanOrEqual(0);
      }),
    );
  });
  it('finds neighbouring event times', () => {
    const ts = [10, 20, 20, 30];
    expect(neighbourTime(ts, 20, 1)).toBe(30);
    expect(neighbourTime(ts, 20, -1)).toBe(10);
    expect(neighbourTime(ts, 5, -1)).toBeUndefined();
    expect(neighbourTime(ts, 30, 1)).toBeUndefined();
  });
});
