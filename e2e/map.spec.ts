import { expect, test } from './fixtures';

test('zooms the memory map from the whole machine down to one 4 KiB page', async ({ app }) => {
  await app.getByRole('combobox', { name: 'Scenario' }).selectOption('two-socket-dram-optane.json');
  const scale = app.getByTestId('map-scale');
  await expect(scale).toContainText(/1 px = \d+ GiB/);
  const whole = (await scale.textContent())!;
  const map = app.getByRole('img', { name: /Physical memory map of 2 NUMA nodes/ });
  await map.focus();
  for (let i = 0; i < 40; i++) {
    if ((await scale.textContent())?.includes('a 4 KiB page is 32 px')) break;
    await app.keyboard.press('+');
  }
  await expect(scale).toContainText('1 px = 128 B · a 4 KiB page is 32 px');
  // Past the finest level nothing changes, and the page keeps answering (this once hung it).
  for (let i = 0; i < 3; i++) await app.keyboard.press('+');
  await expect(scale).toContainText('a 4 KiB page is 32 px');
  await app.keyboard.press('0');
  await expect(scale).toHaveText(whole);
});

test('hovering shows what is at an address, and Go to selects and frames an object', async ({ app }) => {
  await app.getByRole('combobox', { name: 'Scenario' }).selectOption('two-socket-dram-optane.json');
  const goTo = app.getByRole('combobox', { name: 'Go to' });
  const option = goTo.locator('option', { hasText: 'namespace0.0' }).first();
  const label = (await option.textContent())!;
  await goTo.selectOption({ label });
  await expect(app.getByTestId('inspector')).toContainText('As written in the scenario');
  await expect(app.getByTestId('inspector')).toContainText('"mode": "fsdax"');
  const map = app.getByRole('img', { name: /Physical memory map/ });
  const box = (await map.boundingBox())!;
  await app.mouse.move(box.x + box.width * 0.6, box.y + 10);
  await expect(app.getByTestId('map-hover')).toContainText('node 0');
  await expect(app.getByTestId('map-hover')).toContainText('0x');
  await app.screenshot({ path: 'test-results/map-optane.png' });
});
