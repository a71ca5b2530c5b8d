import { AxeBuilder } from '@axe-core/playwright';
import { expect, scrubTo, test } from './fixtures';

test('two trackers side by side: soft-dirty over-reports THP pages, uffd-wp reports exactly', async ({ app }) => {
  await app.getByRole('combobox', { name: 'Scenario' }).selectOption('checkpoint-trackers-x86.json');
  await scrubTo(app, 1.1e9);
  const rounds = app.getByRole('table', { name: 'Tracking rounds of 4 GiB process (THP)' });
  await expect(rounds).toBeVisible();
  const firstRow = rounds.locator('tbody tr').first();
  await expect(firstRow.locator('td').first()).toHaveText('4'); // newest round first: pre-dumps 1..4 ended by 1.1 s
  const cells = await firstRow.locator('td').allTextContents();
  const num = (s: string) => Number(s.replace(/,/g, ''));
  const [, , written, uffdReported, , , softReported, falsePositives] = cells;
  expect(num(uffdReported)).toBe(num(written)); // uffd-wp: a protected THP splits, 4 KiB granularity
  expect(num(softReported)).toBeGreaterThan(num(written)); // soft-dirty: the whole 2 MiB page
  expect(num(falsePositives)).toBe(num(softReported) - num(written));
  await expect(app.getByRole('img', { name: /Page heatmap of 4 GiB process \(THP\).*lanes for the truth, uffd-wp, soft-dirty/ })).toBeVisible();
  await app.getByTestId('view-dirty').screenshot({ path: 'test-results/dirty-x86.png' });

  const r = await new AxeBuilder({ page: app }).include('[data-testid="view-dirty"]').withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});

test('arm64 has no soft-dirty lane, and CRIU refuses a process that uses userfaultfd', async ({ app }) => {
  await app.getByRole('combobox', { name: 'Scenario' }).selectOption('checkpoint-trackers-x86.json');
  await app.getByRole('combobox', { name: 'Architecture' }).selectOption('arm64');
  await expect(app.getByRole('img', { name: /Page heatmap of 4 GiB process \(THP\).*lanes for the truth, uffd-wp\./ })).toBeVisible();
  await scrubTo(app, 0.6e9);
  const rounds = app.getByRole('table', { name: 'Tracking rounds of 4 GiB process (THP)' });
  await expect(rounds.locator('thead')).not.toContainText('soft-dirty');
  await app.getByText(/Why arm64 has no soft-dirty/).click();
  await expect(app.getByTestId('view-dirty')).toContainText('PTE bit');
  await app.getByRole('button', { name: 'Checkpoint this tracker with CRIU…' }).click();
  await expect(app.getByRole('alert').filter({ hasText: 'anon_inode:[userfaultfd]' })).toContainText('criu issue #2021');
});

test('the heatmap zooms from the whole region to single pages, one written page stays visible', async ({ app }) => {
  await app.getByRole('combobox', { name: 'Scenario' }).selectOption('checkpoint-trackers-x86.json');
  await scrubTo(app, 0.2e9);
  const scale = app.getByTestId('heat-scale-proc');
  await expect(scale).toContainText('pages');
  const zoomIn = app.getByRole('button', { name: 'Zoom the heatmap in' });
  for (let i = 0; i < 30 && !(await scale.textContent())?.includes('a page is 32 px'); i++) await zoomIn.click();
  await expect(scale).toContainText('1 px = 128 B · a page is 32 px');
});
