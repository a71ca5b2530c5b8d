// Runs a benchmark in headless Chromium against the production build: builds once, serves it
// with `vite preview` on a spare port, and launches Debian's Chromium uncapped (no 60 Hz vsync
// limit), so frame times measure work, not the display's refresh.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chromium, type Browser, type Page } from '@playwright/test';

const PORT = 4175;
let built = false;
let server: ChildProcess | null = null;
let browser: Browser | null = null;

export async function openApp(progress: (m: string) => void, hash = ''): Promise<Page> {
  if (!built) {
    progress('building the app');
    const r = spawnSync('node_modules/.bin/vite', ['build', '--logLevel', 'warn'], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error('vite build failed');
    built = true;
  }
  if (!server) {
    server = spawn('node_modules/.bin/vite', ['preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: 'ignore', detached: true });
    await waitForServer(`http://127.0.0.1:${PORT}/`);
  }
  browser ??= await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-frame-rate-limit', '--disable-gpu-vsync'],
  });
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  // tsx compiles the functions we pass to page.evaluate with esbuild's keep-names helper.
  await page.addInitScript('window.__name = (f) => f;');
  await page.goto(`http://127.0.0.1:${PORT}/${hash}`);
  await page.waitForFunction(() => !!(window as unknown as { __handoverLab?: { store: unknown } }).__handoverLab?.store);
  return page;
}

export async function closeApp(): Promise<void> {
  await browser?.close();
  browser = null;
  if (server?.pid) {
    try {
      process.kill(-server.pid);
    } catch {
      server.kill();
    }
  }
  server = null;
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`preview server did not start at ${url}`);
}
