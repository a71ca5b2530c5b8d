// dirty.frameMsMedian: median time from a zoom key press to the page heatmap drawn complete,
// during a scripted zoom of a 1 TiB region (268,435,456 pages, written at random) from the
// whole region down to single pages, in headless Chromium with software rendering.
import { encodeLink } from '../../src/store/persistence/shareLink';
import { median, round, type BenchArea } from '../harness';
import { closeApp, openApp } from './harness';
import { zoomFrames } from './zoomFrames';

export const run: BenchArea = async (progress) => {
  const scenario = {
    schema: 'handover-lab/scenario@1',
    name: '1 TiB region',
    description: 'A 1 TiB region written at random, for the heatmap frame-time benchmark.',
    duration: '1s',
    machine: { name: 'big', nodes: [{ id: 0, cpus: [0] }], ranges: [{ id: 'ram', start: '4G', size: '2T', type: 'system-ram', node: 0, zone: 'Normal' }] },
    workloads: [{ id: 'big', label: '1 TiB region', kind: 'uniform', sizeBytes: '1T', writeRatePagesPerSec: 2000000 }],
  };
  const hash = await encodeLink({ scenarioText: JSON.stringify(scenario), timeNs: 300_000_000, view: 'dirty', selection: null });
  try {
    const page = await openApp(progress, `#${hash}`);
    const heat = page.getByRole('img', { name: /Page heatmap of 1 TiB region/ });
    await heat.waitFor();
    await heat.focus();
    const frames = await zoomFrames(page, { frames: 'heatFrames', scaleTestId: 'heat-scale-big', done: 'a page is 32 px' });
    progress(`${frames.length} frames: ${frames.map((f) => f.toFixed(1)).join(' ')}`);
    return { frameMsMedian: round(median(frames)), frameMsMax: round(Math.max(...frames)) };
  } finally {
    await closeApp();
  }
};
