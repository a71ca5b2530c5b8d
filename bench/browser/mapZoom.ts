// map.frameMsMedian: median time from a zoom key press to the memory map drawn complete, during
// a scripted zoom from the whole 64 TiB machine down to one 4 KiB page, in headless Chromium
// with software rendering. Tiles are computed in the worker; the frame includes that round trip.
// Steps come every 100 ms, the pace of a mouse wheel's notches, so the prefetch of the next level
// has the time it has for a person.
import { bigMachine } from '../../src/sim/machine/big-machine';
import { encodeLink } from '../../src/store/persistence/shareLink';
import { median, round, type BenchArea } from '../harness';
import { closeApp, openApp } from './harness';
import { zoomFrames } from './zoomFrames';

export const run: BenchArea = async (progress) => {
  const scenario = { schema: 'handover-lab/scenario@1', name: '64 TiB machine', description: 'The tile benchmark machine: DRAM, a 500-shard carve-out and sixteen 1 TiB CXL expanders.', machine: bigMachine() };
  const hash = await encodeLink({ scenarioText: JSON.stringify(scenario), timeNs: 0, view: 'map', selection: null });
  try {
    const page = await openApp(progress, `#${hash}`);
    await page.getByRole('img', { name: /Physical memory map of 20 NUMA nodes/ }).waitFor();
    const map = page.getByRole('img', { name: /Physical memory map/ });
    await map.focus();
    const frames = await zoomFrames(page, { frames: 'mapFrames', scaleTestId: 'map-scale', done: 'a 4 KiB page is 32 px' });
    progress(`${frames.length} frames: ${frames.map((f) => f.toFixed(1)).join(' ')}`);
    return { frameMsMedian: round(median(frames)), frameMsMax: round(Math.max(...frames)) };
  } finally {
    await closeApp();
  }
};
