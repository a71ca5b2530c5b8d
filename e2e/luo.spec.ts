import { expect, test } from './fixtures';

const ev = (app: import('@playwright/test').Page, name: string | RegExp) =>
  app.getByRole('group', { name: 'Live-update events' }).getByRole('button', typeof name === 'string' ? { name, exact: true } : { name });

test('RFC v2: prepare, freeze, a refused event with its errno and rule, cancel', async ({ app }) => {
  await app.getByRole('combobox', { name: 'Model' }).selectOption('rfc-v2');
  const graph = app.getByTestId('rfc-graph');
  await expect(graph).toHaveAttribute('data-state', 'normal');
  await ev(app, 'prepare').click();
  await expect(graph).toHaveAttribute('data-state', 'prepared');
  await ev(app, 'freeze').hover();
  await expect(app.getByText('freeze → frozen')).toBeVisible(); // the preview, not taken
  await expect(graph).toHaveAttribute('data-state', 'prepared');
  await ev(app, 'freeze').click();
  await expect(graph).toHaveAttribute('data-state', 'frozen');
  await ev(app, 'finish').click();
  const refusal = app.getByTestId('luo-refusal');
  await expect(refusal).toContainText('finish → -EINVAL');
  await expect(refusal).toContainText('FINISH is allowed only in UPDATED');
  await expect(graph).toHaveAttribute('data-state', 'frozen');
  await ev(app, 'cancel').click();
  await expect(graph).toHaveAttribute('data-state', 'normal');
  await app.getByTestId('view-luo').screenshot({ path: 'test-results/luo-rfc.png' });
});

test('an injected freeze failure makes the update fail and roll back', async ({ app }) => {
  await app.getByRole('combobox', { name: 'Model' }).selectOption('rfc-v2');
  await expect(app.getByTestId('rfc-graph')).toHaveAttribute('data-state', 'normal');
  await app.getByRole('button', { name: 'Preserve file' }).click();
  await expect(app.getByTestId('luo-answer')).toContainText('preserve memfd:16G → ok token=0');
  await app.getByRole('tab', { name: 'Handlers' }).click();
  await app.getByRole('button', { name: 'fail next freeze' }).first().click();
  await app.getByRole('tab', { name: 'State' }).click();
  await ev(app, 'prepare').click();
  await expect(app.getByTestId('rfc-graph')).toHaveAttribute('data-state', 'prepared');
  await ev(app, 'freeze').click();
  await expect(app.getByTestId('luo-refusal')).toContainText('freeze → -EIO');
  await expect(app.getByTestId('rfc-graph')).toHaveAttribute('data-state', 'normal');
  await app.getByText(/Kernel log of the live update/).click();
  await expect(app.getByTestId('view-luo')).toContainText('freeze of token 0 failed: earlier files cancelled');
});

test('mainline: a memfd survives a full kexec round trip with its contents', async ({ app }) => {
  await expect(app.getByRole('combobox', { name: 'Model' })).toHaveValue('mainline-latest');
  await ev(app, 'open').click();
  await app.getByRole('button', { name: 'Create session' }).click();
  await expect(app.getByTestId('luo-answer')).toContainText('create vm0 → ok');
  await app.getByRole('textbox', { name: 'size' }).fill('64M');
  await app.getByRole('textbox', { name: 'filled' }).fill('0.5');
  await app.getByRole('button', { name: 'Preserve file' }).click();
  await expect(app.getByTestId('luo-answer')).toContainText('preserve vm0 1 memfd:64M:fill=0.5 → ok');
  await ev(app, 'kexec').click();
  await expect(app.getByTestId('luo-device')).toContainText('closed');
  await ev(app, 'open').click();
  await expect(app.getByTestId('luo-device')).toContainText('liveupdate-number 1');
  await app.getByRole('option', { name: /vm0.*in · deserialized/ }).click();
  await ev(app, 'retrieve vm0').click();
  await ev(app, /^retrieve-fd vm0 (0x)?1$/).click();
  await expect(app.getByTestId('luo-answer')).toContainText('intact=yes');
  await expect(app.getByTestId('luo-answer')).toContainText('size=67108864');
  await ev(app, 'finish vm0').click();
  await expect(app.getByTestId('luo-answer')).toContainText('finish vm0 → ok');
  await app.getByRole('tab', { name: 'KHO & blackout' }).click();
  await expect(app.getByTestId('blackout-total')).not.toBeEmpty();
  await app.getByTestId('view-luo').screenshot({ path: 'test-results/luo-mainline.png' });
});
