// The shared zoom of the memory map and the page heatmap: a left edge on the address axis and a
// power-of-two number of bytes per pixel (level), so tiles computed once per level can be reused.
export const TILE_PX = 256;
/** Finest zoom: 2^7 = 128 bytes per pixel, so one 4 KiB page is 32 px wide. */
export const MIN_LEVEL = 7;

export interface Viewport {
  /** Axis position (bytes) at the left edge of the canvas. */
  start: number;
  /** log2(bytes per pixel). */
  level: number;
}

export function bytesPerPx(vp: Viewport): number {
  return 2 ** vp.level;
}

/** The coarsest level at which `total` bytes fit in `widthPx`. */
export function fitLevel(total: number, widthPx: number): number {
  return Math.max(MIN_LEVEL, Math.ceil(Math.log2(Math.max(1, total) / Math.max(1, widthPx))));
}

export function fit(total: number, widthPx: number): Viewport {
  return { start: 0, level: fitLevel(total, widthPx) };
}

/** Zooms by `steps` levels (negative = in) keeping the byte under `anchorPx` where it is. */
export function zoomAt(vp: Viewport, anchorPx: number, steps: number, total: number, widthPx: number): Viewport {
  const level = Math.min(fitLevel(total, widthPx), Math.max(MIN_LEVEL, vp.level + steps));
  if (level === vp.level) return vp; // at the finest or coarsest level already: nothing changes
  const anchor = vp.start + anchorPx * bytesPerPx(vp);
  return clamp({ start: anchor - anchorPx * 2 ** level, level }, total, widthPx);
}

export function pan(vp: Viewport, dxPx: number, total: number, widthPx: number): Viewport {
  return clamp({ ...vp, start: vp.start - dxPx * bytesPerPx(vp) }, total, widthPx);
}

/** Centres the view on [a, b) at the finest level that shows all of it. */
export function focusRange(a: number, b: number, total: number, widthPx: number): Viewport {
  const level = Math.max(MIN_LEVEL, Math.min(fitLevel(total, widthPx), Math.ceil(Math.log2(Math.max(1, b - a) / (widthPx * 0.8)))));
  return clamp({ start: (a + b) / 2 - (widthPx / 2) * 2 ** level, level }, total, widthPx);
}

export function clamp(vp: Viewport, total: number, widthPx: number): Viewport {
  const span = widthPx * bytesPerPx(vp);
  const max = Math.max(0, total - span);
  // Snap to whole pixels so tiles line up exactly.
  const start = Math.round(Math.min(max, Math.max(0, vp.start)) / bytesPerPx(vp)) * bytesPerPx(vp);
  return { start, level: vp.level };
}

/** Indices of the tiles of TILE_PX pixels that cover the canvas at this level. */
export function visibleTiles(vp: Viewport, widthPx: number): number[] {
  const tileBytes = TILE_PX * bytesPerPx(vp);
  const first = Math.floor(vp.start / tileBytes);
  const last = Math.floor((vp.start + widthPx * bytesPerPx(vp) - 1) / tileBytes);
  const out: number[] = [];
  for (let i = first; i <= last; i++) out.push(i);
  return out;
}

/** Canvas x of a tile's left edge. */
export function tileX(vp: Viewport, index: number): number {
  return (index * TILE_PX * bytesPerPx(vp) - vp.start) / bytesPerPx(vp);
}
