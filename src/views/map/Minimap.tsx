import { useCallback } from 'react';
import { LodStrip, type Lane } from '../lod/LodStrip';
import type { TileKey } from '../lod/tiles';
import { bytesPerPx, clamp, fit, type Viewport } from '../lod/viewport';
import { useAppStore } from '../storeContext';
import { classColor } from './palette';

/** The whole machine in one strip, with the main view's window on it; click to jump there. */
export function Minimap(p: { total: number; viewport: Viewport; widthPx: number; labelWidth: number; version: number; dark: boolean; onJump(vp: Viewport): void }) {
  const store = useAppStore();
  const fetchTiles = useCallback((keys: TileKey[]) => store.getState().fetchTiles(keys), [store]);
  const whole = fit(p.total, p.widthPx);
  const lane: Lane = {
    id: 'all',
    label: 'whole machine',
    source: 'map:all',
    version: p.version,
    paint: (v, _b, out) => {
      if ((v & 31) === 0) return false;
      const [r, g, b] = classColor(v & 31, p.dark);
      out.set([r, g, b, 255], 0);
      return true;
    },
  };
  const left = p.viewport.start / bytesPerPx(whole);
  const w = Math.max(2, (p.widthPx * bytesPerPx(p.viewport)) / bytesPerPx(whole));
  return (
    <div className="minimap" aria-hidden="true">
      <LodStrip lanes={[lane]} totalBytes={p.total} fetchTiles={fetchTiles} viewport={whole} onViewport={() => undefined} laneHeight={16} labelWidth={p.labelWidth} ariaLabel="" interactive={false} />
      <div
        className="minimap-hit"
        style={{ left: p.labelWidth }}
        onClick={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          const centre = ((e.clientX - r.left) / r.width) * p.widthPx * bytesPerPx(whole);
          p.onJump(clamp({ start: centre - (p.widthPx / 2) * bytesPerPx(p.viewport), level: p.viewport.level }, p.total, p.widthPx));
        }}
      >
        <div className="minimap-window" style={{ left, width: w }} />
      </div>
    </div>
  );
}
