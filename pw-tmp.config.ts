import { defineConfig } from '@playwright/test';

// Tests run against the production build served by `vite preview` (E2E_DEV=1: the dev server).
// Browsers cannot be downloaded here: Debian's Chromium is used, or $CHROMIUM_PATH.
const dev = !!process.env.E2E_DEV;
const port = dev ? 5173 : 4173;

export default defineConfig({
  testDir: 'e2e-tmp-editor',
  timeout: 60_000,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  outputDir: '/tmp/ed/test-results',
  use: {
    browserName: 'chromium',
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1600, height: 1000 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: dev
      ? `node_modules/.bin/vite --host 127.0.0.1 --port ${port} --strictPort`
      : `node_modules/.bin/vite build --logLevel warn && node_modules/.bin/vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
  },
});
