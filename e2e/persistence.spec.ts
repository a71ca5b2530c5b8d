import { expect, scrubTo, test, virtualTimeNs } from './fixtures';

test('a reload brings back the scenario, the edits and the moment', async ({ app }) => {
  await app.getByRole('combobox', { name: 'Scenario' }).selectOption('checkpoint-trackers-x86.json');
  await app.getByRole('combobox', { name: 'Architecture' }).selectOption('arm64');
  await scrubTo(app, 0.8e9);
  const t = await virtualTimeNs(app);
  await app.reload();
  await expect.poll(() => virtualTimeNs(app)).toBe(t);
  await expect(app.getByRole('combobox', { name: 'Architecture' })).toHaveValue('arm64');
  await expect(app.getByTestId('inspector')).toContainText('Checkpoint pre-dump on x86_64');
});

test('two tabs editing do not overwrite each other silently', async ({ app, context }) => {
  const other = await context.newPage();
  await other.goto('/');
  await expect(other.getByTestId('virtual-time')).toContainText('/ 2 s');
  await other.getByRole('combobox', { name: 'Scenario' }).selectOption('checkpoint-trackers-arm64.json');
  await expect(app.getByTestId('notice-info')).toContainText('Another tab saved its own scenario');
  // This tab still has its own scenario.
  await expect(app.getByRole('combobox', { name: 'Scenario' })).toHaveValue('quickstart-vm-host.json');
  await other.close();
});
