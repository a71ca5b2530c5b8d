// A zoomable, pannable strip of lanes over one address axis, drawn from level-of-detail tiles
// computed in the worker. Wheel zooms at the cursor, drag pans; +/-, arrows and 0 from the keyboard.
import { useEffect, useMemo, useRef, useState } from 'react';
import { hexRgba, prepareCanvas, themeColor, useSize } from '../canvas';
import { useApp } from '../storeContext';
import { TileCache, type TileFetcher, type TileKey } from './tiles';
import { bytesPerPx, clamp, fit, pan, TILE_PX, tileX, visibleTiles, zoomAt, type Viewport } from './viewport';

export interface Lane {
  id: string;
  label: string;
  source: string;
  version: number;
  /**
   * Colours one pixel column from its tile value: writes RGBA for the lane's body into out[0..3]
   * and for its bottom band into out[4..7] (alpha 0 there: same as the body). Returns false to
   * leave the lane background.
   */
  paint(value: number, bytesPerPx: number, out: Uint8ClampedArray): boolean;
}

export interface LodStripProps {
  lanes: Lane[];
  totalBytes: number;
  fetchTiles: TileFetcher;
  viewport: Viewport | null;
  onViewport(vp: Viewport): void;
  laneHeight?: number;
  ariaLabel: string;
  /** Called after each drawn frame with how long painting took, for benchmarks. */
  onFrame?(ms: number, complete: boolean): void;
  onHover?(byte: number | null): void;
  onClickByte?(byte: number): void;
  /** Text labels on the axis per lane; drawn where they fit, never over each other. */
  labels?: Record<string, { from: number; to: number; text: string }[]>;
  /** Outlined extents on the axis (the selection), on one lane or all when `lane` is absent. */
  highlights?: { lane?: string; from: number; to: number }[];
  /** Reports the width of the drawing area (without labels), which zoom maths needs. */
  onWidth?(px: number): void;
  labelWidth?: number;
  /** False for a static strip (the minimap): no zoom, pan, focus or hover. */
  interactive?: boolean;
}

export function LodStrip(p: LodStripProps) {
  const laneH = p.laneHeight ?? 40;
  const labelW = p.labelWidth ?? 110;
  const [wrap, size] = useSize<HTMLDivElement>();
  const canvas = useRef<HTMLCanvasElement>(null);
  const cache = useMemo(() => new TileCache(), []);
  const [tick, setTick] = useState(0);
  // Colours come from the theme's CSS variables at draw time: redraw when the theme changes.
  const theme = useApp((s) => s.theme);
  const drag = useRef<{ x: number; vp: Viewport; moved: boolean } | null>(null);
  const width = Math.max(0, size.w - labelW);
  const vp = useMemo(() => clamp(p.viewport ?? fit(p.totalBytes, width || 1), p.totalBytes, width || 1), [p.viewport, p.totalBytes, width]);
  const height = p.lanes.length * laneH;
  const interactive = p.interactive ?? true;
  const { onWidth } = p;
  useEffect(() => {
    if (width > 0) onWidth?.(width);
  }, [width, onWidth]);

  useEffect(() => {
    const c = canvas.current;
    if (!c || width <= 0) return;
    const t0 = performance.now();
    const ctx = prepareCanvas(c, size.w, height);
    if (!ctx) return;
    const dpr = window.devicePixelRatio || 1;
    const bpp = bytesPerPx(vp);
    const tiles = visibleTiles(vp, width);
    let complete = true;
    const missing: TileKey[] = [];
    ctx.font = '12px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    const bg = themeColor('--lane');
    const bgRgba = hexRgba(bg);
    p.lanes.forEach((lane, li) => {
      const y = li * laneH;
      ctx.fillStyle = themeColor('--fg');
      ctx.fillText(lane.label, 0, y + laneH / 2);
      ctx.fillStyle = bg;
      ctx.fillRect(labelW, y + 2, width, laneH - 4);
      // Two RGBA rows per lane (body and bottom band), copied down its height: cheap at any zoom.
      const w = Math.round(width * dpr);
      const h = Math.round((laneH - 4) * dpr);
      const band = Math.max(1, Math.round(h * 0.28));
      const img = ctx.createImageData(w, h);
      const row = new Uint8ClampedArray(w * 4);
      for (let i = 0; i < w; i++) row.set(bgRgba, i * 4);
      const low = row.slice();
      const px = new Uint8ClampedArray(8);
      let any = false;
      for (const index of tiles) {
        const key = { source: lane.source, version: lane.version, level: vp.level, index };
        let data = cache.get(key);
        if (!data) {
          complete = false;
          missing.push(key);
          // Draw the previous version of the tile meanwhile (live data changes every frame).
          data = cache.stale(key);
          if (!data) continue;
        }
        const x0 = tileX(vp, index);
        for (let i = 0; i < TILE_PX; i++) {
          const cx = x0 + i;
          if (cx < 0 || cx >= width) continue;
          px.fill(0);
          if (!lane.paint(data[i], bpp, px)) continue;
          any = true;
          const accent = px[7] > 0 ? px.subarray(4, 8) : px.subarray(0, 4);
          for (let d = Math.floor(cx * dpr); d < Math.floor((cx + 1) * dpr); d++) {
            row.set(px.subarray(0, 4), d * 4);
            low.set(accent, d * 4);
          }
        }
      }
      if (!any) return;
      for (let r = 0; r < h; r++) img.data.set(r < h - band ? row : low, r * w * 4);
      // putImageData ignores the transform, so it takes device pixels.
      ctx.putImageData(img, Math.round(labelW * dpr), Math.round((y + 2) * dpr));
    });
    if (p.labels) {
      ctx.font = '11px system-ui, sans-serif';
      ctx.fillStyle = themeColor('--on-block');
      p.lanes.forEach((lane, li) => {
        let lastEnd = -Infinity;
        for (const l of p.labels![lane.id] ?? []) {
          const x0 = Math.max(0, (l.from - vp.start) / bpp);
          const x1 = Math.min(width, (l.to - vp.start) / bpp);
          if (x1 - x0 < 40 || x0 < lastEnd + 6) continue;
          const w = ctx.measureText(l.text).width;
          if (w + 8 > x1 - x0) continue;
          ctx.fillText(l.text, labelW + x0 + 4, li * laneH + laneH / 2 - 2);
          lastEnd = x0 + w + 4;
        }
      });
    }
    if (p.highlights?.length) {
      ctx.strokeStyle = themeColor('--sel');
      ctx.lineWidth = 2;
      for (const h of p.highlights) {
        const li = h.lane === undefined ? -1 : p.lanes.findIndex((l) => l.id === h.lane);
        const x0 = Math.max(-2, (h.from - vp.start) / bpp);
        const x1 = Math.min(width + 2, (h.to - vp.start) / bpp);
        if (x1 < 0 || x0 > width) continue;
        const y0 = li < 0 ? 1 : li * laneH + 1;
        const y1 = li < 0 ? height - 1 : (li + 1) * laneH - 1;
        ctx.strokeRect(labelW + x0, y0, Math.max(3, x1 - x0), y1 - y0);
      }
    }
    if (missing.length) void cache.loadMany(missing, p.fetchTiles).then(() => setTick((n) => n + 1), () => undefined);
    p.onFrame?.(performance.now() - t0, complete);
    // Lanes' paint functions are read at draw time; redrawing on their identity is not needed.
  }, [vp, width, height, p.lanes, tick, size.w, p.highlights, p.labels, theme]);

  /** Only real changes reach the store: an unchanged viewport must not cause a redraw cycle. */
  const move = (next: Viewport) => {
    if (next.level !== vp.level || next.start !== vp.start) p.onViewport(next);
  };

  const byteAt = (clientX: number): number => {
    const r = canvas.current!.getBoundingClientRect();
    return vp.start + (clientX - r.left - labelW) * bytesPerPx(vp);
  };

  return (
    <div ref={wrap} className="lod-wrap">
      <canvas
        ref={canvas}
        style={{ width: size.w, height }}
        tabIndex={interactive ? 0 : -1}
        role={interactive ? 'img' : 'presentation'}
        aria-label={interactive ? p.ariaLabel : undefined}
        onWheel={(e) => {
          if (!interactive) return;
          const r = e.currentTarget.getBoundingClientRect();
          move(zoomAt(vp, e.clientX - r.left - labelW, e.deltaY > 0 ? 1 : -1, p.totalBytes, width));
        }}
        onPointerDown={(e) => {
          if (!interactive) return;
          drag.current = { x: e.clientX, vp, moved: false };
          e.currentTarget.setPointerCapture(e.pointerId);
        }}
        onPointerMove={(e) => {
          if (!interactive) return;
          if (drag.current && Math.abs(e.clientX - drag.current.x) > 2) {
            drag.current.moved = true;
            move(pan(drag.current.vp, e.clientX - drag.current.x, p.totalBytes, width));
          } else if (!drag.current) p.onHover?.(byteAt(e.clientX));
        }}
        onPointerUp={(e) => {
          if (drag.current && !drag.current.moved && e.clientX - canvas.current!.getBoundingClientRect().left > labelW) p.onClickByte?.(byteAt(e.clientX));
          drag.current = null;
        }}
        onPointerLeave={() => p.onHover?.(null)}
        onKeyDown={(e) => {
          const mid = width / 2;
          if (e.key === '+' || e.key === '=') move(zoomAt(vp, mid, -1, p.totalBytes, width));
          else if (e.key === '-') move(zoomAt(vp, mid, 1, p.totalBytes, width));
          else if (e.key === 'ArrowLeft') move(pan(vp, width / 5, p.totalBytes, width));
          else if (e.key === 'ArrowRight') move(pan(vp, -width / 5, p.totalBytes, width));
          else if (e.key === '0') move(fit(p.totalBytes, width));
          else return;
          e.preventDefault();
          e.stopPropagation();
        }}
      />
    </div>
  );
}

