// The what-if editor, as a user drives it: split a pmem region, change a namespace's mode, group
// CXL devices, see the derived figures change, see refused edits name their rule, undo and redo.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

interface LayoutSummary {
  regions: { id: string; namespaces: { id: string; mode: string; size: number }[] }[];
  cxlRegions: { id: string; node: number | null; zone: string | null; placement: string }[];
  nodes: { id: number; capacityBytes: number; deviceBytes: number }[];
}

/** The derived figures the worker computed for the open machine. */
const layout = (app: Page): Promise<LayoutSummary> =>
  app.evaluate(() => {
    const l = (window as unknown as { __handoverLab: { store: { getState(): { machine: { layout: LayoutSummary } } } } }).__handoverLab.store.getState().machine.layout;
    return {
      regions: l.regions.map((r) => ({ id: r.id, namespaces: r.namespaces.map((n) => ({ id: n.id, mode: n.mode, size: n.size })) })),
      cxlRegions: l.cxlRegions.map((r) => ({ id: r.id, node: r.node, zone: r.zone, placement: r.placement })),
      nodes: l.nodes.map((n) => ({ id: n.id, capacityBytes: n.capacityBytes, deviceBytes: n.deviceBytes })),
    };
  });

const shot = async (app: Page, name: string) => {
  if (process.env.SHOTS_DIR) await app.screenshot({ path: `${process.env.SHOTS_DIR}/editor-${name}.png` });
};

async function open(app: Page, file: string) {
  await app.getByRole('combobox', { name: 'Scenario' }).selectOption(file);
  await expect(app.getByRole('combobox', { name: 'Scenario' })).toHaveValue(file);
  await app.getByRole('tab', { name: 'What-if' }).click();
  await expect(app.getByTestId('whatif')).toBeVisible();
}

async function axe(app: Page) {
  const r = await new AxeBuilder({ page: app }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`);
}

test('splits a pmem region into devdax namespaces, changes a mode, refuses what ndctl would, undo and redo', async ({ app }) => {
  await open(app, 'two-socket-dram-optane.json');
  const undo = app.getByRole('button', { name: 'Undo' });
  const redo = app.getByRole('button', { name: 'Redo' });
  await expect(undo).toBeDisabled();
  await expect(redo).toBeDisabled();
  expect((await layout(app)).regions[0].namespaces).toHaveLength(2);

  const split = app.getByRole('group', { name: 'Split the free space of region0 into namespaces' });
  // Bad text: a located error, nothing sent.
  await split.getByLabel('Size of each').fill('6Q');
  await split.getByRole('button', { name: 'Split region0' }).click();
  await expect(split.getByRole('alert')).toContainText('"6Q" at column 2: unknown unit "Q"');
  await expect(split.getByLabel('Size of each')).toHaveAttribute('aria-invalid', 'true');
  await expect(undo).toBeDisabled();

  // 1 GiB shards on a 6-way interleave: ndctl's size rule refuses them, and says so.
  await split.getByLabel('Size of each').fill('1G');
  await split.getByLabel('Mode').selectOption('devdax');
  await expect(split.getByTestId('split-preview')).toContainText('Makes 54 × 1 GiB devdax');
  await split.getByRole('button', { name: 'Split region0' }).click();
  const refusal = split.getByRole('alert');
  await expect(refusal).toContainText('pmem.ns-size-multiple');
  await expect(refusal).toContainText('namespace size must be a multiple of interleave ways x alignment: 1G is not a multiple of 12M');
  expect((await layout(app)).regions[0].namespaces).toHaveLength(2);
  await expect(undo).toBeDisabled();
  await shot(app, 'refused-split');

  // 6 GiB shards fit the rule: nine devdax namespaces fill the free tail.
  await split.getByLabel('Size of each').fill('6G');
  await expect(split.getByTestId('split-preview')).toContainText('Makes 9 × 6 GiB devdax');
  await split.getByRole('button', { name: 'Split region0' }).click();
  await expect(app.getByTestId('whatif-status')).toContainText('split region0 into 9 × 6G devdax namespaces');
  await expect(split.getByRole('alert')).toHaveCount(0);
  const afterSplit = await layout(app);
  expect(afterSplit.regions[0].namespaces).toHaveLength(11);
  expect(afterSplit.regions[0].namespaces.slice(2).every((n) => n.mode === 'devdax' && n.size === 6 * 2 ** 30)).toBe(true);
  const goTo = app.getByRole('combobox', { name: 'Go to' });
  await expect(goTo.locator('option', { hasText: /^namespace0\.10 devdax · 6\.0 GiB · node 0$/ })).toHaveCount(1);
  await expect(undo).toBeEnabled();
  await shot(app, 'split');

  // Change a namespace's mode: fsdax → devdax.
  await app.getByLabel(/^Namespace of region0/).selectOption('namespace0.0');
  const ns = app.getByRole('group', { name: 'Reconfigure namespace0.0' });
  await ns.getByLabel('Mode').selectOption('devdax');
  await ns.getByRole('button', { name: 'Apply to namespace0.0' }).click();
  await expect(app.getByTestId('whatif-status')).toContainText('reconfigured namespace0.0');
  expect((await layout(app)).regions[0].namespaces[0].mode).toBe('devdax');
  await expect(goTo.locator('option', { hasText: /^namespace0\.0 devdax · / })).toHaveCount(1);

  // A start off the 16 MiB boundary is refused with its rule; the machine is unchanged.
  await ns.getByLabel('Start').fill('0x10000200000');
  await ns.getByRole('button', { name: 'Apply to namespace0.0' }).click();
  await expect(ns.getByRole('alert')).toContainText('pmem.ns-start-16M');
  await expect(ns.getByRole('alert')).toContainText('fsdax and devdax namespaces must start on a 16 MiB boundary');
  await expect(ns.getByRole('alert')).toContainText('$.pmem.namespaces[0].start');
  await shot(app, 'refused-start');

  // Undo the mode change, then the split; redo both.
  await undo.click();
  await expect.poll(async () => (await layout(app)).regions[0].namespaces[0].mode).toBe('fsdax');
  await expect(ns.getByRole('alert')).toHaveCount(0);
  await expect(ns.getByLabel('Start')).toHaveValue('0x10000000000');
  await undo.click();
  await expect.poll(async () => (await layout(app)).regions[0].namespaces.length).toBe(2);
  await expect(undo).toBeDisabled();
  await expect(redo).toBeEnabled();
  await redo.click();
  await expect.poll(async () => (await layout(app)).regions[0].namespaces.length).toBe(11);
  await redo.click();
  await expect.poll(async () => (await layout(app)).regions[0].namespaces[0].mode).toBe('devdax');
  await expect(redo).toBeDisabled();

  // The map selection opens its object here.
  await goTo.selectOption('$.pmem.namespaces[2]');
  await expect(app.getByLabel('Region', { exact: true })).toHaveValue('region1');
  await expect(app.getByLabel(/^Namespace of region1/)).toHaveValue('namespace1.0');
  await expect(app.getByRole('group', { name: 'Reconfigure namespace1.0' }).getByLabel('Align')).toHaveValue(String(2 ** 30));

  expect(await axe(app)).toEqual([]);
  await app.getByRole('button', { name: 'Switch to dark theme' }).click();
  expect(await axe(app)).toEqual([]);
  await shot(app, 'dark');
});

test('groups CXL expanders into one node per socket, refuses an interleave the platform cannot route', async ({ app }) => {
  await open(app, 'cxl-separate-nodes.json');
  const before = await layout(app);
  expect(before.cxlRegions.map((r) => r.node)).toEqual([2, 3, 4, 5]);

  const grouping = app.getByRole('group', { name: 'Group CXL memory' });
  await grouping.getByLabel('Grouping').selectOption('group-node');
  await grouping.getByRole('button', { name: 'Apply grouping' }).click();
  await expect(app.getByTestId('whatif-status')).toContainText('grouped CXL memory with SMDK group-node (v1)');
  const grouped = await layout(app);
  expect(grouped.cxlRegions.map((r) => r.node)).toEqual([2, 2, 3, 3]);
  expect(grouped.cxlRegions.every((r) => r.zone === 'ExMem')).toBe(true);
  // Two 128 GiB expanders now make each CXL node; nodes 4 and 5 are left empty.
  expect(grouped.nodes.find((n) => n.id === 2)!.capacityBytes).toBe(2 * before.nodes.find((n) => n.id === 2)!.capacityBytes);
  expect(grouped.nodes.find((n) => n.id === 5)!.capacityBytes).toBe(0);
  const goTo = app.getByRole('combobox', { name: 'Go to' });
  await expect(goTo.locator('option', { hasText: /^region1 .* · node 2$/ })).toHaveCount(1);
  await shot(app, 'smdk');

  // Destroy region1 so that mem1 is free, then try to interleave mem0 and mem1 under decoder0.0.
  await app.getByLabel('CXL region', { exact: true }).selectOption('region1');
  await app.getByRole('button', { name: 'Destroy region1' }).click();
  await expect(app.getByTestId('whatif-status')).toContainText('destroyed region1');
  await app.getByLabel('CXL region', { exact: true }).selectOption('region0');
  const il = app.getByRole('group', { name: 'Interleave of region0' });
  await expect(il.getByLabel('Ways')).toHaveValue('1');
  expect(await il.getByLabel('Ways').locator('option').allTextContents()).toEqual(['1', '2', '3', '4', '6', '8', '12', '16']);
  await il.getByLabel('Ways').selectOption('2');
  await expect(il.getByLabel('Position 1')).toHaveValue('mem1');
  await il.getByLabel('Size').fill('256G');
  await il.getByRole('button', { name: 'Re-create region0' }).click();
  await expect(il.getByRole('alert')).toContainText('cxl.root-targets');
  await expect(il.getByRole('alert')).toContainText('mem1 is below pci0000:35, not a target of decoder0.0');
  expect((await layout(app)).cxlRegions.find((r) => r.id === 'region0')).toMatchObject({ node: 2 });
  await shot(app, 'refused-interleave');

  // Undo the destroy and the grouping.
  await app.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => (await layout(app)).cxlRegions.length).toBe(4);
  await app.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => (await layout(app)).cxlRegions.map((r) => r.node)).toEqual([2, 3, 4, 5]);
  await expect(grouping.getByLabel('Grouping')).toHaveValue('');

  await app.getByText('Create a region (cxl create-region)').click();
  await app.getByText(/^Memory devices \(4\)$/).click();
  expect(await axe(app)).toEqual([]);
});

test('memory blocks and dax devices: offline a run of blocks, onlining into another zone is refused', async ({ app }) => {
  await open(app, 'devdax-system-ram.json');
  const blocks = app.getByTestId('whatif-blocks');
  await blocks.locator('summary').click();
  const form = blocks.getByRole('group', { name: 'Online or offline memory blocks' });
  await form.getByLabel('Action').selectOption('online');
  await form.getByLabel('Zone').selectOption('Movable');
  await form.getByRole('button', { name: 'Online' }).click();
  await expect(form.getByRole('alert')).toContainText('zone.online-movable-adjacent');
  await form.getByLabel('Blocks').fill('two');
  await form.getByRole('button', { name: 'Online' }).click();
  await expect(form.getByText('"two" at column 1: expected a whole number')).toBeVisible();
  await form.getByLabel('Blocks').fill('2');
  await form.getByLabel('Action').selectOption('offline');
  await form.getByRole('button', { name: 'Offline' }).click();
  await expect(app.getByTestId('whatif-status')).toContainText(/offlined memory\d+–memory\d+/);
  await expect(app.getByRole('button', { name: 'Undo' })).toBeEnabled();

  const dax = app.getByTestId('whatif-dax');
  await expect(dax.getByLabel('Mode')).toBeVisible();
  expect(await axe(app)).toEqual([]);
});

test('topology diagram: a node selected there is selected everywhere, and the map selection shows there', async ({ app }) => {
  await app.getByRole('combobox', { name: 'Scenario' }).selectOption('cxl-separate-nodes.json');
  const topo = app.getByTestId('topology');
  await expect(topo.getByRole('group', { name: /^Topology: 6 NUMA nodes in 2 memory tiers on 2 sockets, 4 CXL memory devices/ })).toBeVisible();
  const node2 = topo.getByRole('button', { name: /^NUMA node 2, CXL, memory_tier22/ });
  await node2.click();
  await expect(node2).toHaveAttribute('aria-pressed', 'true');
  expect(await app.evaluate(() => (window as unknown as { __handoverLab: { store: { getState(): { selection: unknown } } } }).__handoverLab.store.getState().selection)).toEqual({ kind: 'node', id: '2' });
  await expect(topo.getByRole('button', { name: 'node 2', exact: true })).toHaveAttribute('aria-pressed', 'true');
  // Keyboard, then a selection made in the map: the node that holds it is marked here.
  await topo.getByRole('button', { name: /^NUMA node 4,/ }).focus();
  await app.keyboard.press('Enter');
  await expect(topo.getByRole('button', { name: /^NUMA node 4,/ })).toHaveAttribute('aria-pressed', 'true');
  await app.getByRole('combobox', { name: 'Go to' }).selectOption('$.cxl.regions[3]');
  await expect(topo.getByTestId('topo-node5')).toHaveClass(/related/);
  expect(await axe(app)).toEqual([]);
});
