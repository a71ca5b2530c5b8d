// Frame records for the frame-time benchmarks (bench/browser): when a LodStrip finished drawing,
// and whether every tile was there. A few numbers on window.__handoverLab, kept short.
type Lab = { __handoverLab?: Record<string, { at: number; complete: boolean }[] | unknown> };

export function frameRecorder(name: string): (ms: number, complete: boolean) => void {
  return (_ms, complete) => {
    const lab = (window as unknown as Lab).__handoverLab;
    if (!lab) return;
    const frames = ((lab[name] as { at: number; complete: boolean }[] | undefined) ??= []);
    frames.push({ at: performance.now(), complete });
    if (frames.length > 200) frames.splice(0, frames.length - 200);
  };
}
