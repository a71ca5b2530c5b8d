// The Figures and Commands tabs and the compare view, used as an engineer would: open the
// two-socket Optane preset, read its figures (expected values from
// `npm run --silent sim -- layout src/scenarios/two-socket-dram-optane.json`), copy its ndctl
// commands, and compare it with another preset.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const OPTANE = 'two-socket-dram-optane.json';

async function openOptane(app: Page) {
  await app.getByRole('combobox', { name: 'Scenario' }).selectOption(OPTANE);
  await expect(app.getByRole('combobox', { name: 'Scenario' })).toHaveValue(OPTANE);
}

async function seriousViolations(app: Page, label: string): Promise<string[]> {
  const r = await new AxeBuilder({ page: app }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${label}: ${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`);
}

test('Figures shows the derived figures of the Optane machine, explains them, and selects what is clicked', async ({ app }) => {
  await openOptane(app);
  await app.getByRole('tab', { name: 'Figures' }).click();
  const figures = app.getByTestId('figures');
  await expect(figures).toContainText('r740-optane');

  // Whole machine: 2 × 192 GiB DRAM + 2 × 1.38 TiB of ZONE_DEVICE pmem.
  const totals = figures.getByTestId('fig-totals-machine');
  await expect(totals.locator('tr[data-figure="capacity"] td')).toHaveText('3.29 TiB');
  await expect(totals.locator('tr[data-figure="online"] td')).toHaveText('384.00 GiB');
  await expect(totals.locator('tr[data-figure="structPagesDevice"] td')).toHaveText('44.29 GiB');
  await expect(totals.locator('tr[data-figure="block"] td')).toHaveText('2.00 GiB');

  // Node 0: 192 GiB online, 3 GiB of its own struct pages in RAM → 189 GiB usable.
  const node0 = figures.getByTestId('fig-nodes-0');
  await expect(node0.getByRole('button', { name: 'node 0 · Socket 0 DRAM' })).toBeVisible();
  await expect(node0.locator('tr[data-figure="capacity"] td')).toHaveText('1.65 TiB');
  await expect(node0.locator('tr[data-figure="online"] td')).toHaveText('192.00 GiB');
  await expect(node0.locator('tr[data-figure="device"] td')).toHaveText('1.38 TiB');
  await expect(node0.locator('tr[data-figure="usable"] td')).toHaveText('189.00 GiB');
  await expect(node0.locator('tr[data-figure="usable"]')).toHaveAttribute('title', /192\.00 GiB − 3\.00 GiB/);
  await expect(node0.locator('tr[data-figure="structPagesDevice"] td')).toHaveText('22.15 GiB');
  await expect(node0.locator('tr[data-figure="structPages"]')).toHaveAttribute('title', /64 B per 4 KiB page = 1\/64/);
  await expect(node0.locator('tr[data-figure="labels"] td')).toHaveText('768.00 KiB');
  await expect(node0.locator('tr[data-figure="tier"] td')).toHaveText('4');
  await expect(node0.locator('tr[data-figure="bandwidth"] td')).toHaveText('120,000 MiB/s');
  await expect(node0.locator('tr[data-figure="latency"] td')).toHaveText('90 ns');

  // The info-block figures ndctl read-infoblock would print.
  const ns00 = figures.getByTestId('fig-namespaces-namespace0.0');
  await expect(ns00).toContainText('fsdax · align 2M · map=dev · region0');
  await expect(ns00.locator('tr[data-figure="dataoff"] td')).toHaveText('15.94 GiB17,114,857,472 B');
  await expect(ns00.locator('tr[data-figure="npfns"] td')).toHaveText('263,208,448');
  await expect(ns00.locator('tr[data-figure="metadataLocation"] td')).toHaveText('device (map=dev)');
  const ns10 = figures.getByTestId('fig-namespaces-namespace1.0');
  await expect(ns10.locator('tr[data-figure="dataoff"] td')).toContainText('24,696,061,952 B');
  await expect(ns10.locator('tr[data-figure="npfns"] td')).toHaveText('371,458,048');
  await expect(ns10.locator('tr[data-figure="usable"] td')).toHaveText('1.38 TiB');
  await expect(figures.getByTestId('fig-tiers-4').locator('tr[data-figure="nodes"] td')).toHaveText('0, 1');
  await expect(figures.getByTestId('fig-dax-dax1.0').locator('tr[data-figure="zone"] td')).toHaveText('ZONE_DEVICE');

  // Warnings and model notes.
  await expect(figures).toContainText('No warnings');
  await expect(figures.locator('.simplification')).toContainText('Model note:');
  await expect(figures.locator('.simplification')).toContainText('abstract distance is computed with exact integers');

  // The explanations can be shown inline (for a projector, where there is no hover).
  await expect(figures.getByText(/ALIGN\(start \+ 8 KiB \+ 64 B × npfns, 1G\) − start/)).toHaveCount(0);
  await figures.getByRole('checkbox', { name: 'Show how each figure is computed' }).check();
  await expect(figures.getByText(/ALIGN\(start \+ 8 KiB \+ 64 B × npfns, 1G\) − start/)).toHaveCount(1);
  await figures.getByRole('checkbox', { name: 'Show how each figure is computed' }).uncheck();

  // Clicking a node selects it (highlighted here and in the map's lane label).
  await figures.getByRole('button', { name: 'node 1 · Socket 1 DRAM' }).click();
  await expect(figures.getByTestId('fig-nodes-1')).toHaveAttribute('data-selected', 'true');
  await expect(figures.getByTestId('fig-nodes-0')).toHaveAttribute('data-selected', 'false');
  await expect(figures.getByTestId('fig-nodes-1').getByRole('button', { name: 'node 1 · Socket 1 DRAM' })).toHaveAttribute('aria-current', 'true');

  // Clicking a namespace row selects the namespace as the map does ($.pmem.namespaces[1]).
  await figures.getByTestId('fig-namespaces-namespace0.1').locator('tr[data-figure="npfns"]').click();
  await expect(figures.getByTestId('fig-namespaces-namespace0.1')).toHaveAttribute('data-selected', 'true');
  await expect(figures.getByTestId('fig-nodes-1')).toHaveAttribute('data-selected', 'false');
  await expect(app.getByRole('combobox', { name: 'Go to' })).toHaveValue('$.pmem.namespaces[1]');
  await figures.getByTestId('fig-namespaces-namespace0.1').scrollIntoViewIfNeeded();
  await app.screenshot({ path: '/tmp/figures-light.png' });
  await app.getByRole('tab', { name: 'Inspector' }).click();
  await expect(app.getByTestId('inspector')).toContainText('pmem.namespaces[1]');
  await app.getByRole('tab', { name: 'Figures' }).click();

  expect(await seriousViolations(app, 'light')).toEqual([]);
  await app.getByRole('button', { name: 'Switch to dark theme' }).click();
  await figures.getByRole('checkbox', { name: 'Show how each figure is computed' }).check();
  await figures.getByTestId('fig-nodes-0').scrollIntoViewIfNeeded();
  await app.screenshot({ path: '/tmp/figures-dark.png' });
  expect(await seriousViolations(app, 'dark')).toEqual([]);
});

test('a warning names its rule and selects the object it is about', async ({ app }) => {
  await app.getByRole('combobox', { name: 'Scenario' }).selectOption('devdax-system-ram.json');
  await app.getByRole('tab', { name: 'Figures' }).click();
  const figures = app.getByTestId('figures');
  const warning = figures.locator('.fig-warning', { hasText: 'kmem.no-movable' });
  await expect(warning).toContainText('dax0.0 is onlined into ZONE_NORMAL');
  await expect(warning).toContainText('movable-options.txt');
  await warning.getByRole('button', { name: '$.dax[1]' }).click();
  await expect(figures.getByTestId('fig-dax-dax0.0')).toHaveAttribute('data-selected', 'true');
  await expect(warning).toHaveAttribute('data-selected', 'true');
  // kmem trims dax1.0 to 2 GiB memory-block edges.
  await expect(figures.getByTestId('fig-dax-dax1.0').locator('tr[data-figure="kmemTrim"] td')).toHaveText('1.75 GiB');
  await figures.locator('#fig-warnings').scrollIntoViewIfNeeded();
  await app.screenshot({ path: '/tmp/figures-warnings.png' });
});

test('Commands shows the ndctl create-namespace commands and copies them', async ({ app, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  await openOptane(app);
  await app.getByRole('tab', { name: 'Commands' }).click();
  const commands = app.getByTestId('commands');
  const ndctl = commands.getByTestId('cmd-ndctl');
  const expected = [
    'ndctl create-namespace --region=region0 --mode=fsdax --size=1020G --align=2M --map=dev',
    'ndctl create-namespace --region=region0 --mode=devdax --size=420G --align=2M --map=dev',
    'ndctl create-namespace --region=region1 --mode=devdax --size=1440G --align=1G --map=dev',
  ];
  await expect(ndctl.locator('.cmd-line')).toHaveText(expected);
  await expect(commands.getByRole('heading', { name: 'ndctl' })).toBeVisible();
  await expect(commands).toContainText('Creates the pmem namespaces');
  await expect(commands).toContainText('No Kernel command line, cxl, daxctl, sysfs commands are needed for this layout.');
  await commands.getByRole('button', { name: 'Copy the ndctl commands' }).click();
  await expect(commands).toContainText('Copied');
  expect(await app.evaluate(() => navigator.clipboard.readText())).toBe(expected.join('\n'));
  await app.screenshot({ path: '/tmp/figures-commands.png' });
  expect(await seriousViolations(app, 'commands')).toEqual([]);

  // A carve-out preset needs a kernel command line, with the proposed parameter flagged.
  await app.getByRole('combobox', { name: 'Scenario' }).selectOption('carveout-1g-shards-nd-e820.json');
  const cmdline = commands.getByTestId('cmd-kernelCmdline');
  await expect(cmdline).toContainText('memmap=176G!17G');
  await expect(cmdline).toContainText('nd_e820.pmem=');
  await expect(commands).toContainText('nd_e820.pmem= is a PROPOSED parameter');
  await commands.getByRole('button', { name: 'Copy the Kernel command line' }).click();
  const copied = await app.evaluate(() => navigator.clipboard.readText());
  expect(copied).not.toContain('\n');
  expect(copied.startsWith('memmap=176G!17G ')).toBe(true);
});

test('compare highlights every figure that differs from another preset', async ({ app }) => {
  await openOptane(app);
  const opener = app.getByRole('button', { name: 'Compare…' });
  await opener.click();
  const dialog = app.getByRole('dialog', { name: 'Compare layouts' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  const picker = dialog.getByRole('combobox', { name: 'Baseline' });
  await expect(picker).toBeFocused();
  await expect(dialog).toContainText('Nothing to compare with yet');

  await picker.selectOption('devdax-system-ram.json');
  await expect(dialog).toContainText('devdax onlined as System RAM (kmem)');
  await expect(dialog.getByTestId('compare-counts')).toContainText('figures differ');
  await expect(dialog.getByTestId('compare-counts')).toContainText('warnings +0 −2');

  // Node 0: 80 GiB of DRAM in the baseline, 192 GiB + 1.38 TiB of pmem now.
  const node0 = dialog.getByTestId('compare-nodes').locator('tbody[data-group="0"]');
  const cap = node0.locator('tr[data-figure="capacity"]');
  await expect(cap).toHaveAttribute('data-status', 'changed');
  await expect(cap.locator('td')).toHaveText(['80.00 GiB', '1.65 TiB', '+1.57 TiB']);
  await expect(node0.locator('tr[data-figure="online"] td')).toHaveText(['80.00 GiB', '192.00 GiB', '+112.00 GiB']);
  await expect(node0.locator('tr[data-figure="tier"]')).toHaveAttribute('data-status', 'same');
  await expect(node0.locator('tr[data-figure="capacity"].differs')).toHaveCount(1);
  // Nodes 2 and 3 (the kmem nodes) exist only in the baseline.
  await expect(dialog.getByTestId('compare-nodes').locator('tbody[data-group="3"] tr.cmp-group')).toContainText('only in baseline');
  await expect(dialog.getByTestId('compare-nodes').locator('tbody[data-group="3"] tr[data-figure="capacity"] td')).toHaveText(['519.75 GiB', '—', 'removed']);
  // Totals, zones and tiers.
  await expect(dialog.getByTestId('compare-totals').locator('tr[data-figure="hotRemovable"] td')).toHaveText(['518.00 GiB', '0 B', '−518.00 GiB']);
  await expect(dialog.getByTestId('compare-zones').locator('tbody[data-group="Movable"] tr.cmp-group')).toContainText('only in baseline');
  await expect(dialog.getByTestId('compare-tiers').locator('tbody[data-group="4"] tr[data-figure="bandwidth"] td')).toHaveText(['73,242 MiB/s', '240,000 MiB/s', '+166,758 MiB/s']);
  // Warnings only the baseline has.
  await expect(dialog.getByTestId('compare-warnings').locator('li[data-status="removed"]')).toHaveCount(2);
  await expect(dialog.getByTestId('compare-warnings')).toContainText('kmem.no-movable');
  await app.screenshot({ path: '/tmp/figures-compare-light.png' });
  expect(await seriousViolations(app, 'compare light')).toEqual([]);

  // Only what differs.
  await dialog.getByRole('checkbox', { name: 'Only what differs' }).check();
  await expect(dialog.locator('tr[data-status="same"]')).toHaveCount(0);
  await expect(cap).toBeVisible();

  // Escape closes it and focus returns to the button that opened it; C opens it again.
  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
  await app.getByRole('button', { name: 'Switch to dark theme' }).click();
  await app.keyboard.press('c');
  await expect(dialog).toBeVisible();
  await expect(picker).toHaveValue('devdax-system-ram.json');
  await app.screenshot({ path: '/tmp/figures-compare-dark.png' });
  expect(await seriousViolations(app, 'compare dark')).toEqual([]);

  // The same preset: nothing differs.
  await picker.selectOption(OPTANE);
  await expect(dialog.getByTestId('compare-counts')).toHaveText('identical figures');
  await expect(dialog.locator('tr.differs')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close compare' }).click();
  await expect(dialog).toBeHidden();
});

test('after an edit the figures and commands follow, and compare shows it against the layout before the edit', async ({ app }) => {
  await openOptane(app);
  await app.getByRole('tab', { name: 'Figures' }).click();
  const figures = app.getByTestId('figures');
  await expect(figures.getByTestId('fig-nodes-0').locator('tr[data-figure="usable"] td')).toHaveText('189.00 GiB');
  // The What-if editor is built separately; the same store action it calls makes the edit here:
  // namespace0.0 --map=dev → --map=mem moves its 15.94 GiB of struct pages into node 0's RAM.
  const ok = await app.evaluate(() =>
    (window as unknown as { __handoverLab: { store: { getState(): { editMachine(op: unknown): Promise<boolean> } } } }).__handoverLab.store
      .getState()
      .editMachine({ op: 'reconfigureNamespace', args: ['namespace0.0', { map: 'mem' }] }),
  );
  expect(ok).toBe(true);
  await expect(figures.getByTestId('fig-nodes-0').locator('tr[data-figure="usable"] td')).toHaveText('173.06 GiB');
  const ns = figures.getByTestId('fig-namespaces-namespace0.0');
  await expect(ns.locator('tr[data-figure="dataoff"] td')).toHaveText('2.00 MiB2,097,152 B');
  await expect(ns.locator('tr[data-figure="metadataLocation"] td')).toHaveText('RAM of node 0 (map=mem)');
  await app.getByRole('tab', { name: 'Commands' }).click();
  await expect(app.getByTestId('cmd-ndctl').locator('.cmd-line').first()).toHaveText('ndctl create-namespace --region=region0 --mode=fsdax --size=1020G --align=2M --map=mem');

  await app.getByRole('button', { name: 'Compare…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Compare layouts' });
  const picker = dialog.getByRole('combobox', { name: 'Baseline' });
  await expect(picker).toHaveValue('before');
  await expect(picker.locator('option:checked')).toHaveText('Before my edits');
  await expect(dialog).toContainText('Two sockets, DRAM + Optane App Direct (edited)');
  const usable = dialog.getByTestId('compare-nodes').locator('tbody[data-group="0"] tr[data-figure="usable"]');
  await expect(usable.locator('td')).toHaveText(['189.00 GiB', '173.06 GiB', '−15.94 GiB']);
  await expect(dialog.getByTestId('compare-nodes').locator('tbody[data-group="1"] tr.differs')).toHaveCount(0);
  await expect(dialog.getByTestId('compare-namespaces').locator('tr[data-figure="dataoff"] td')).toHaveText(['15.94 GiB', '2.00 MiB', '−15.94 GiB']);
  await expect(dialog.getByTestId('compare-namespaces')).toContainText('2 unchanged: namespace0.1, namespace1.0');
  await dialog.getByRole('checkbox', { name: 'Only what differs' }).check();
  await dialog.getByTestId('compare-nodes').scrollIntoViewIfNeeded();
  await app.screenshot({ path: '/tmp/figures-compare-edit.png' });

  // Another preset, then back to the layout before the edit.
  await picker.selectOption('quickstart-vm-host.json');
  await expect(dialog).toContainText('Quickstart: a VM host');
  await picker.selectOption('before');
  await expect(usable.locator('td')).toHaveText(['189.00 GiB', '173.06 GiB', '−15.94 GiB']);
});
