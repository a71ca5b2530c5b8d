import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const samples = path.resolve(process.cwd(), '../shared/samples');
const sample = (p: string) => ({ name: path.basename(p), text: readFileSync(path.join(samples, p), 'utf8') });

/** Drops files onto the app the way a browser does when a user drags them from a file manager. */
async function drop(page: Page, files: { name: string; text: string }[]) {
  await page.evaluate((fs) => {
    const dt = new DataTransfer();
    for (const f of fs) dt.items.add(new File([f.text], f.name, { type: 'text/plain' }));
    const target = document.querySelector('main')!;
    for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
  }, files);
}

test('dropping several tool outputs opens the machine in the map, with provenance', async ({ app }) => {
  await drop(app, [sample('numactl/hardware-2socket-plus-pmem-kmem-node3.txt'), sample('zoneinfo/spanned-2socket-dcpmm-devdax-then-kmem.txt')]);
  await expect(app.getByTestId('notice-info')).toContainText('Imported 2 files');
  await expect(app.getByRole('img', { name: /Physical memory map of 4 NUMA nodes/ })).toBeVisible();
  const inspector = app.getByTestId('inspector');
  await expect(inspector).toContainText('Provenance: imported from hardware-2socket-plus-pmem-kmem-node3.txt, spanned-2socket-dcpmm-devdax-then-kmem.txt');
  await expect(inspector).toContainText('hardware-2socket-plus-pmem-kmem-node3.txt:');
  await app.screenshot({ path: 'test-results/import-two-files.png' });
});

test('a broken file gives a located error and the open machine stays', async ({ app }) => {
  await expect(app.getByRole('img', { name: /Physical memory map of 1 NUMA nodes/ })).toBeVisible();
  const broken = sample('ndctl/list-DRN-optane-3dimm.json');
  await drop(app, [{ name: 'broken-ndctl.json', text: broken.text.slice(0, 200).replace(/"size":\s*\d+/, '"size": "lots"') + '\u0000\u0001garbage' }]);
  const err = app.getByTestId('notice-error');
  await expect(err).toBeVisible();
  await expect(err).toContainText('broken-ndctl.json');
  await expect(err).toContainText('the open machine is unchanged');
  await expect(app.getByRole('combobox', { name: 'Scenario' })).toHaveValue('quickstart-vm-host.json');
  await expect(app.getByRole('img', { name: /Physical memory map of 1 NUMA nodes/ })).toBeVisible();
});
