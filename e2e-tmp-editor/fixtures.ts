// Shared test fixture: fails a test on any console error or page error, and on any request
// that leaves the app's own origin (the user's machine data never leaves the browser).
import { test as base, expect, type Page } from '@playwright/test';

export const test = base.extend<{ app: Page }>({
  app: async ({ page, baseURL }, use) => {
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(baseURL!) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push(`request to ${u}`);
    });
    await page.goto('/src/views/topology/harness.html');
    await expect(page.getByTestId('virtual-time')).toContainText('/ 2 s');
    await use(page);
    expect(problems, problems.join('\n')).toEqual([]);
  },
});

export { expect };

export async function virtualTimeNs(page: Page): Promise<number> {
  return Number(await page.getByTestId('timeline-scrubber').getAttribute('aria-valuenow'));
}

/** Clicks the timeline at virtual time `t` (ns), as a user scrubbing would. */
export async function scrubTo(page: Page, t: number, durationNs = 2e9): Promise<void> {
  const scrub = page.getByTestId('timeline-scrubber');
  await scrub.scrollIntoViewIfNeeded();
  const box = (await scrub.boundingBox())!;
  // The time axis runs from x=92 to width-16 inside the SVG (see TimelineView).
  await page.mouse.click(box.x + 92 + ((box.width - 108) * t) / durationNs, box.y + 30);
}
