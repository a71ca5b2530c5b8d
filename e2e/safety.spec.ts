import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from './fixtures';

test('the built page carries a Content-Security-Policy without unsafe-eval or inline scripts', async ({ app }) => {
  const meta = app.locator('meta[http-equiv="Content-Security-Policy"]');
  test.skip((await meta.count()) === 0, 'the dev server serves no CSP (React refresh needs an inline script); CI tests the build');
  const csp = await meta.getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toContain("object-src 'none'");
  // Every script the page loads is a file of its own origin: no inline script, no eval'd code.
  expect(await app.locator('script:not([src])').count()).toBe(0);
  for (const src of await app.locator('script[src]').evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).src))) expect(new URL(src).origin).toBe(new URL(app.url()).origin);
});

test('names in imported files are shown as text, never as markup', async ({ app }) => {
  const hostile = '<img src=x onerror="window.__pwned=1">';
  const scenario = {
    schema: 'handover-lab/scenario@1',
    name: hostile,
    description: `<script>window.__pwned=2</script> ${hostile}`,
    machine: { name: hostile, nodes: [{ id: 0, label: hostile, cpus: [0] }], ranges: [{ id: 'r<b>x</b>', start: '4G', size: '1G', type: 'system-ram', node: 0, label: hostile }] },
  };
  const chooser = app.waitForEvent('filechooser');
  await app.getByRole('button', { name: 'Open…' }).click();
  await (await chooser).setFiles({ name: 'hostile.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(scenario)) });
  await expect(app.getByTestId('inspector')).toContainText(hostile);
  await app.getByRole('combobox', { name: 'Go to' }).selectOption({ index: 1 });
  await expect(app.getByTestId('inspector')).toContainText(hostile);
  expect(await app.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await app.locator('img[src="x"]').count()).toBe(0);
});

test('the command palette and the shortcuts dialog pass axe and work from the keyboard alone', async ({ app }) => {
  await app.keyboard.press('Control+k');
  await expect(app.getByRole('dialog', { name: 'Command palette' })).toBeVisible();
  let r = await new AxeBuilder({ page: app }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await app.keyboard.type('shortcuts');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  r = await new AxeBuilder({ page: app }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await app.keyboard.press('Escape');
  await expect(app.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();
});
