import { expect, test, virtualTimeNs } from './fixtures';

test('the timeline steps between events and zooms, pans and fits from the keyboard', async ({ app }) => {
  await app.keyboard.press('.');
  await expect.poll(() => virtualTimeNs(app)).toBe(500e6); // the first scripted round
  await app.keyboard.press('.');
  await expect.poll(() => virtualTimeNs(app)).toBe(1e9);
  await app.keyboard.press(',');
  await expect.poll(() => virtualTimeNs(app)).toBe(500e6);

  const fitButton = app.getByRole('button', { name: /Showing .* Fit \(F\)/ });
  await expect(fitButton).toBeHidden();
  await app.keyboard.press('w');
  await expect(fitButton).toContainText('Showing');
  const zoomed = await fitButton.textContent();
  await app.keyboard.press('d');
  await expect(fitButton).not.toHaveText(zoomed!);
  await app.keyboard.press('f');
  await expect(fitButton).toBeHidden();
});
