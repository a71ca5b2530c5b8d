// `npm run soak`: the quickstart VM host with periodic tracking rounds and live-update
// sessions opened and closed, for one hour of virtual time through the same EngineHost the
// worker uses, in steps of one second with a frame each (as playback does). Prints the heap
// every simulated 10 minutes and its growth from the first to the last, after GC. Typed arrays
// (page bitmaps) live outside the JS heap: arrayBuffersMiB, bounded by the snapshot budget.
import { readFileSync } from 'node:fs';
import { EngineHost } from '../src/worker/host';

const HOUR_NS = 3600e9;
const base = JSON.parse(readFileSync('src/scenarios/quickstart-vm-host.json', 'utf8'));
const script = [] as unknown[];
for (let s = 1; s < 3600; s += 5) script.push({ at: `${s}s`, action: 'workload.clear', args: { id: 'guest0' } });
for (let m = 0; m < 60; m++) {
  script.push({ at: `${m * 60 + 2}s`, action: 'luo.op', args: { op: m === 0 ? 'open' : 'number' } });
  script.push({ at: `${m * 60 + 3}s`, action: 'luo.op', args: { op: `create s${m}` } });
  script.push({ at: `${m * 60 + 4}s`, action: 'luo.op', args: { op: `preserve s${m} 1 memfd:64M` } });
  script.push({ at: `${m * 60 + 30}s`, action: 'luo.op', args: { op: `close s${m}` } });
}
const scenario = { ...base, name: 'Soak: one hour', duration: '1h', workloads: [{ ...base.workloads[0], writeRatePagesPerSec: 20000 }], script };

const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  gc?.();
  return process.memoryUsage().heapUsed;
};

const host = new EngineHost();
const loaded = await host.loadText(JSON.stringify(scenario), 'soak.json');
if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
const t0 = performance.now();
let logFrom = 0;
let first = 0;
const samples: string[] = [];
for (let t = 1e9; t <= HOUR_NS; t += 1e9) {
  const f = await host.runUntil(t, logFrom);
  logFrom = f.logLength;
  if (t === 60e9) first = heap();
  if (t % 600e9 === 0) {
    const h = heap();
    samples.push(`${t / 60e9} min: heap ${(h / 2 ** 20).toFixed(1)} MiB, ${f.events} events, log ${f.logLength}`);
    process.stderr.write(samples.at(-1) + '\n');
  }
}
const last = heap();
const wallS = (performance.now() - t0) / 1000;
process.stdout.write(
  JSON.stringify({
    virtualHours: 1,
    wallSeconds: Number(wallS.toFixed(1)),
    heapAfter1MinMiB: Number((first / 2 ** 20).toFixed(1)),
    heapAfter60MinMiB: Number((last / 2 ** 20).toFixed(1)),
    heapGrowthMiB: Number(((last - first) / 2 ** 20).toFixed(1)),
    arrayBuffersMiB: Number((process.memoryUsage().arrayBuffers / 2 ** 20).toFixed(1)),
    timeTravelSnapshotsMiB: Number((host.snapshotBytes() / 2 ** 20).toFixed(1)),
    snapshotBudgetMiB: 96,
    gcExposed: !!gc,
  }) + '\n',
);
