// Takes a screenshot of the running app for a human to look at:
//   node scripts/screenshot.mjs [url] [out.png] [width] [height]
import { chromium } from '@playwright/test';

const [url = 'http://127.0.0.1:5173/', out = '/tmp/shot.png', w = '1600', h = '1000'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) } });
const errors = [];
page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
page.on('pageerror', (e) => errors.push(String(e)));
await page.goto(url);
await page.waitForTimeout(Number(process.env.WAIT ?? 1500));
if (process.env.PLAY) {
  await page.keyboard.press(' ');
  await page.waitForTimeout(Number(process.env.PLAY));
}
await page.screenshot({ path: out, fullPage: !!process.env.FULL });
console.log(errors.length ? `console errors:\n${errors.join('\n')}` : 'no console errors');
await browser.close();
