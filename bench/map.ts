// map.tileMs: median time to compute one level-of-detail tile (1024 px) of a machine whose
// address space reaches 64 TiB, at zoom levels from the whole machine down to one 4 KiB page
// per pixel. Also reports the one-off costs of deriving the layout and building the index.
import { bigMachine } from '../src/sim/machine/big-machine';
import { deriveLayout } from '../src/sim/machine/derive';
import { buildTileIndex, computeTile } from '../src/sim/machine/tiles';
import { median, round, type BenchArea } from './harness';

const WIDTH = 1024;
const TILES = 400;

export const run: BenchArea = async (progress) => {
  const machine = bigMachine();
  const d0 = performance.now();
  const layout = deriveLayout(machine);
  const deriveMs = performance.now() - d0;
  const i0 = performance.now();
  const index = buildTileIndex(layout);
  const indexMs = performance.now() - i0;
  progress(`${layout.spans.length} spans, ${index.segments.length} segments, derive ${deriveMs.toFixed(0)} ms, index ${indexMs.toFixed(1)} ms`);

  const maxLog = Math.ceil(Math.log2(index.totalBytes / WIDTH));
  // A fixed pseudo-random walk so every run measures the same tiles.
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const times: number[] = [];
  const whole: number[] = [];
  for (let t = 0; t < TILES; t++) {
    const log2 = 12 + Math.floor(rand() * (maxLog - 11));
    const span = WIDTH * 2 ** log2;
    const start = Math.floor((rand() * Math.max(0, index.totalBytes - span)) / 2 ** log2) * 2 ** log2;
    const a = performance.now();
    computeTile(index, { start, log2BytesPerPixel: log2, width: WIDTH });
    times.push(performance.now() - a);
    const b = performance.now();
    computeTile(index, { start: 0, log2BytesPerPixel: maxLog, width: WIDTH });
    whole.push(performance.now() - b);
  }
  progress(`${TILES} tiles at 4 KiB..${2 ** (maxLog - 30)} GiB per pixel`);
  return {
    tileMs: round(median(times)),
    tileMsWholeMachine: round(median(whole)),
    deriveMs: round(deriveMs),
    indexMs: round(indexMs),
    spans: layout.spans.length,
  };
};
