// Part two of `npm run soak`: plays 30 minutes of virtual time of the quickstart VM host in
// headless Chromium at the app's fastest speed, sampling the page's JS heap (after a GC) every
// 5 virtual minutes. Prints the first and last figures and the growth.
import { readFileSync } from 'node:fs';
import { closeApp, openApp } from '../bench/browser/harness';
import { encodeLink } from '../src/store/persistence/shareLink';

const base = JSON.parse(readFileSync('src/scenarios/quickstart-vm-host.json', 'utf8'));
const script = [] as unknown[];
for (let s = 5; s < 1800; s += 5) script.push({ at: `${s}s`, action: 'workload.clear', args: { id: 'guest0' } });
const scenario = { ...base, name: 'Soak: 30 minutes of playback', duration: '30min', workloads: [{ ...base.workloads[0], writeRatePagesPerSec: 20000 }], script };
const hash = await encodeLink({ scenarioText: JSON.stringify(scenario), timeNs: 0, view: 'dirty', selection: null });
const log = (m: string) => process.stderr.write(`[soak browser] ${m}\n`);
try {
  const page = await openApp(log, `#${hash}`);
  await page.getByRole('img', { name: /Page heatmap of 16 GiB guest/ }).waitFor();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const heapMiB = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'JSHeapUsedSize')!.value / 2 ** 20;
  };
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('16');
  await page.getByRole('button', { name: 'Play' }).click();
  const samples: { min: number; heapMiB: number }[] = [];
  const t0 = Date.now();
  for (let next = 5; next <= 30; ) {
    const now = Number(await page.getByTestId('timeline-scrubber').getAttribute('aria-valuenow')) / 60e9;
    if (now >= next || now >= 29.99) {
      samples.push({ min: Math.round(now), heapMiB: Number((await heapMiB()).toFixed(1)) });
      log(`${samples.at(-1)!.min} min: ${samples.at(-1)!.heapMiB} MiB`);
      next += 5;
    }
    if (Date.now() - t0 > 15 * 60_000) throw new Error('playback too slow');
    await page.waitForTimeout(500);
  }
  const first = samples[0].heapMiB;
  const last = samples.at(-1)!.heapMiB;
  process.stdout.write(JSON.stringify({ playbackMinutes: 30, wallSeconds: Math.round((Date.now() - t0) / 1000), pageHeapAt5MinMiB: first, pageHeapAt30MinMiB: last, pageHeapGrowthMiB: Number((last - first).toFixed(1)), samples }) + '\n');
} finally {
  await closeApp();
}
