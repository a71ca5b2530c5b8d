// Dirty-tracking model at scale (issue 5):
//   bytesPerPage   simulator memory for a 1 TiB region (2^28 pages), typed arrays incl. summaries
//   writesPerSec   random writes into that armed region: page indices drawn from the shared Prng in
//                  batches of 2^20 (untimed), the writes timed until 0.5 s; median of five windows
//   writesPerSecWithPrng  the same with drawing the index inside the timed loop
//   scanRatio      collecting the written set of a 2^24-page region (as a bitmap, the form round
//                  reports use) / one plain pass over the same lane-A words, medians of 9 runs
//   scanRatioRuns  the same set collected as page_regions (start, end pairs), as PAGEMAP_SCAN returns
// The written set for the scan figures is 1 page in 64, at random: bench.txt's "1/64 written" row.
import { Prng } from '../src/sim/engine/prng';
import { copyLaneA, forEachRunA } from '../src/sim/dirty/pageStore';
import { UffdWpRegion } from '../src/sim/dirty/region';
import { SoftDirtyTracker } from '../src/sim/dirty/softDirty';
import { median, round, type Figures } from './harness';

const TIB_PAGES = 2 ** 28;
const SCAN_PAGES = 2 ** 24;

// pages is 2^28: the top 28 bits of a uniform u32 are a uniform page index
function drawPages(rng: Prng, out: Uint32Array): void {
  for (let i = 0; i < out.length; i++) out[i] = rng.nextU32() >>> 4;
}

function writePages(r: UffdWpRegion, pages: Uint32Array): void {
  for (let i = 0; i < pages.length; i++) r.write(pages[i]);
}

function randomWrites(r: UffdWpRegion, rng: Prng, n: number): void {
  for (let i = 0; i < n; i++) r.write(rng.nextU32() >>> 4);
}

let sink = 0;

function plainPass(bits: Uint32Array, words: number): void {
  let acc = 0;
  for (let w = 0; w < words; w++) acc |= bits[w << 1];
  sink ^= acc;
}

function time(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

export async function run(progress: (m: string) => void): Promise<Figures> {
  progress('arming a 1 TiB region (268,435,456 pages)');
  const big = UffdWpRegion.create({ pages: TIB_PAGES });
  big.arm();
  const bytesPerPage = big.memoryBytes() / TIB_PAGES;

  progress('random writes into the 1 TiB region');
  const rng = new Prng(20260501);
  const batch = new Uint32Array(1 << 20);
  drawPages(rng, batch);
  writePages(big, batch); // warm up the JIT
  randomWrites(big, rng, 1 << 20);
  const rates: number[] = [];
  const ratesWithPrng: number[] = [];
  for (let rep = 0; rep < 5; rep++) {
    let n = 0;
    let timed = 0;
    while (timed < 500) {
      drawPages(rng, batch);
      timed += time(() => writePages(big, batch));
      n += batch.length;
    }
    rates.push((n / timed) * 1000);
    n = 0;
    timed = 0;
    while (timed < 500) {
      timed += time(() => randomWrites(big, rng, 1 << 19));
      n += 1 << 19;
    }
    ratesWithPrng.push((n / timed) * 1000);
  }
  const written = big.writtenCount();

  progress('soft-dirty tracker for the same region');
  const softDirtyBytesPerPage = SoftDirtyTracker.create({ pages: TIB_PAGES }).memoryBytes() / TIB_PAGES;

  progress('collecting the written set of a 16,777,216-page region');
  const r = UffdWpRegion.create({ pages: SCAN_PAGES });
  r.arm();
  const srng = new Prng(7);
  for (let i = 0; i < SCAN_PAGES / 64; i++) r.write(srng.below(SCAN_PAGES));
  const store = r.state.store;
  const out = new Uint32Array(store.words);
  const runs = new Uint32Array(2 * r.writtenCount() + 2);
  const plain: number[] = [];
  const bitmap: number[] = [];
  const regions: number[] = [];
  for (let rep = 0; rep < 9; rep++) {
    plain.push(time(() => plainPass(store.bits, store.words)));
    bitmap.push(time(() => (sink ^= copyLaneA(store, out))));
    regions.push(
      time(() => {
        let k = 0;
        forEachRunA(store, 0, SCAN_PAGES, (a, b) => {
          runs[k++] = a;
          runs[k++] = b;
        });
        sink ^= k;
      }),
    );
  }
  const plainMs = median(plain);
  progress(`plain pass ${plainMs.toFixed(3)} ms, ${r.writtenCount()} pages written; ${written} written in the 1 TiB region (sink ${sink & 1})`);

  return {
    bytesPerPage: round(bytesPerPage),
    writesPerSec: round(median(rates)),
    writesPerSecWithPrng: round(median(ratesWithPrng)),
    scanRatio: round(median(bitmap) / plainMs),
    scanRatioRuns: round(median(regions) / plainMs),
    softDirtyBytesPerPage: round(softDirtyBytesPerPage),
  };
}
