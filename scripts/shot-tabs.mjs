// Screenshots of the side panel's tabs and the compare view, for a person to look at.
//   node scripts/shot-tabs.mjs <preset.json> <out-prefix>
import { chromium } from '@playwright/test';
const [preset = 'two-socket-dram-optane.json', prefix = '/tmp/tab'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
await page.goto(process.env.URL ?? 'http://127.0.0.1:5173/');
await page.waitForTimeout(800);
await page.getByRole('combobox', { name: 'Scenario' }).selectOption(preset);
await page.waitForTimeout(600);
for (const tab of ['What-if', 'Figures', 'Commands']) {
  await page.getByRole('tab', { name: tab }).click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${prefix}-${tab.toLowerCase()}.png` });
}
await page.keyboard.press('c');
await page.waitForTimeout(500);
await page.screenshot({ path: `${prefix}-compare.png` });
console.log(errors.length ? errors.join('\n') : 'no console errors');
await browser.close();
