import { AxeBuilder } from '@axe-core/playwright';
import { expect, scrubTo, test, virtualTimeNs } from './fixtures';

test('loads the quickstart, and the worker plays, steps and travels in time', async ({ app }) => {
  await expect(app.getByRole('combobox', { name: 'Scenario' })).toHaveValue('quickstart-vm-host.json');
  await expect(app.getByRole('heading', { name: 'Physical memory map' })).toBeVisible();
  await expect(app.getByRole('heading', { name: 'Live update' })).toBeVisible();
  await expect(app.getByRole('heading', { name: 'Dirty-page tracking' })).toBeVisible();
  await expect(app.getByRole('heading', { name: 'Timeline' })).toBeVisible();

  await app.getByRole('button', { name: 'Step to the next event' }).click();
  await expect(app.getByTestId('virtual-time')).toContainText('1 events');
  await expect(app.getByTestId('virtual-time')).toContainText('1 ms');

  await app.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => virtualTimeNs(app)).toBeGreaterThan(100e6);
  await app.getByRole('button', { name: 'Pause' }).click();
  await expect(app.getByTestId('counters-guest0')).toContainText('written');

  // Travel to 1.6 s: three rounds have been cleared; back to 0.1 s: none have.
  await scrubTo(app, 1.6e9);
  await expect.poll(() => virtualTimeNs(app)).toBeGreaterThan(1.55e9);
  await expect(app.getByTestId('counters-guest0')).toContainText('round 3');
  await scrubTo(app, 0.1e9);
  await expect(app.getByTestId('counters-guest0')).toContainText('round 0');
});

test('selection is linked: a range chosen in the map shows in the inspector', async ({ app }) => {
  await app.getByRole('combobox', { name: 'Go to' }).selectOption({ label: 'normal · 61.0 GiB · node 0' });
  const inspector = app.getByTestId('inspector');
  await expect(inspector).toContainText('normal');
  await expect(inspector).toContainText('61.00 GiB in 1 span');
  await expect(inspector).toContainText('Normal');
  await app.keyboard.press('Escape');
  await expect(inspector).toContainText('Quickstart: a VM host');
});

test('axe finds no serious or critical violations, in light and dark themes', async ({ app }) => {
  for (const theme of ['light', 'dark']) {
    if (theme === 'dark') await app.getByRole('button', { name: 'Switch to dark theme' }).click();
    const r = await new AxeBuilder({ page: app }).withTags(['wcag2a', 'wcag2aa']).analyze();
    const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${theme}: ${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
  }
});

test('recovers when the worker is terminated, with the scenario and time intact', async ({ app }) => {
  await scrubTo(app, 1.2e9);
  await expect.poll(() => virtualTimeNs(app)).toBeGreaterThan(1.1e9);
  const before = await virtualTimeNs(app);
  await app.getByRole('button', { name: 'Play' }).click();
  await app.getByRole('button', { name: 'Pause' }).click(); // pausing takes a checkpoint
  const paused = await virtualTimeNs(app);
  expect(paused).toBeGreaterThanOrEqual(before);
  await app.waitForTimeout(300);
  await app.evaluate(() => (window as unknown as { __handoverLab: { killWorker(): void } }).__handoverLab.killWorker());
  await expect(app.getByTestId('notice-info')).toContainText('The simulation restarted', { timeout: 10_000 });
  await expect(app.getByTestId('notice-info')).toContainText('Your scenario is intact');
  await expect(app.getByRole('combobox', { name: 'Scenario' })).toHaveValue('quickstart-vm-host.json');
  // The restarted worker answers, from where the old one was.
  await app.getByRole('button', { name: 'Step to the next event' }).click();
  await expect.poll(() => virtualTimeNs(app)).toBeGreaterThan(paused);
  await expect(app.getByTestId('counters-guest0')).toContainText('round 2');
});

test('a malformed scenario file gives a located error and leaves the open scenario untouched', async ({ app }) => {
  await app.getByRole('button', { name: 'Step to the next event' }).click();
  const chooser = app.waitForEvent('filechooser');
  await app.getByRole('button', { name: 'Open…' }).click();
  await (await chooser).setFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{\n  "schema": "handover-lab/scenario@1",\n  "name": "Broken",\n  "machine": { "name": "m", "nodes": [ { "id": "zero" } ] }\n}\n'),
  });
  const err = app.getByTestId('notice-error');
  await expect(err).toContainText('Could not open broken.json; the current scenario is unchanged');
  await expect(err).toContainText('broken.json:4:');
  await expect(err).toContainText('$.machine.nodes[0].id');
  await expect(app.getByRole('combobox', { name: 'Scenario' })).toHaveValue('quickstart-vm-host.json');
  await expect(app.getByTestId('virtual-time')).toContainText('1 events');
});

test('a shared link reopens the same state; a tampered one is refused with a located error', async ({ app, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await scrubTo(app, 1.6e9);
  await expect.poll(() => virtualTimeNs(app)).toBeGreaterThan(1.5e9);
  const t = await virtualTimeNs(app);
  await app.getByRole('combobox', { name: 'Go to' }).selectOption({ label: 'dma32 · 3.0 GiB · node 0' });
  await app.getByRole('button', { name: 'Share link' }).click();
  await expect(app.getByTestId('notice-info')).toContainText(/Link copied|Link ready/);
  const url = app.url();
  expect(url).toContain('#s=');

  const other = await context.newPage();
  await other.goto(url);
  await expect.poll(() => virtualTimeNs(other)).toBe(t);
  await expect(other.getByTestId('inspector')).toContainText('dma32');
  await expect(other.getByTestId('inspector')).toContainText('3.00 GiB in 1 span');

  const tampered = url.replace(/#s=(.{40})(.)/, (_m, a, c) => `#s=${a}${c === 'A' ? 'B' : 'A'}`) + '!!';
  await other.goto(tampered);
  await expect(other.getByTestId('notice-error')).toContainText('This link could not be opened; the current scenario is unchanged');
  await expect(other.getByTestId('notice-error')).toContainText('link: the link is damaged');
  expect(await virtualTimeNs(other)).toBe(t);
  await expect(other.getByTestId('inspector')).toContainText('dma32');
  await expect(other.getByTestId('inspector')).toContainText('3.00 GiB in 1 span');
  // Opened fresh, the broken link still leaves the last state (from autosave) in place.
  await other.reload();
  await expect(other.getByTestId('notice-error')).toContainText('link: the link is damaged');
  await expect.poll(() => virtualTimeNs(other)).toBe(t);
  await other.close();
});

test('every command is reachable from the palette and the keyboard', async ({ app }) => {
  await app.keyboard.press('Control+k');
  const palette = app.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  await app.keyboard.type('dark');
  await app.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
  await app.keyboard.press('?');
  await expect(app.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('Play / pause');
  await app.keyboard.press('Escape');
  await expect(app.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();
  await app.keyboard.press('n');
  await expect(app.getByTestId('virtual-time')).toContainText('1 events');
});
