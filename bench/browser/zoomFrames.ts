// Shared by the frame-time benchmarks: in the page, press a zoom key on a focused LodStrip until
// `done` shows in the scale text, then pan, pausing 100 ms between steps (a wheel's notches),
// and time each step from the key press to a complete frame.
import type { Page } from '@playwright/test';

export async function zoomFrames(page: Page, opts: { frames: string; scaleTestId: string; done: string }): Promise<number[]> {
  return page.evaluate(async ({ frames, scaleTestId, done }) => {
    const lab = (window as unknown as { __handoverLab: Record<string, { at: number; complete: boolean }[]> }).__handoverLab;
    lab[frames] ??= [];
    const scale = document.querySelector(`[data-testid="${scaleTestId}"]`)!;
    const canvas = document.activeElement as HTMLElement;
    const out: number[] = [];
    const waitComplete = (since: number) =>
      new Promise<number>((resolve, reject) => {
        const t0 = performance.now();
        const poll = () => {
          const f = lab[frames].find((x) => x.at >= since && x.complete);
          if (f) resolve(f.at);
          else if (performance.now() - t0 > 5000) reject(new Error('no complete frame'));
          else requestAnimationFrame(poll);
        };
        poll();
      });
    const pause = () => new Promise((r) => setTimeout(r, 100));
    const step = async (key: string) => {
      await pause();
      lab[frames].length = 0;
      const t0 = performance.now();
      canvas.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
      out.push((await waitComplete(t0)) - t0);
    };
    for (let i = 0; i < 60 && !scale.textContent?.includes(done); i++) await step('+');
    for (let i = 0; i < 10; i++) await step('ArrowRight');
    return out;
  }, opts);
}
