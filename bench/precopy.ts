// Migration models (issue 6):
//   pagesRoundMs  one page-level pre-copy round of a 64 GiB VM: round 0 at QEMU's 128 MiB/s lasts
//                 512 s, so 5000 random page writes/s make 2,560,000 writes into an armed uffd-wp
//                 region, then the sync (collect, compare with the truth, re-arm); the region is
//                 created and armed untimed; median of five fresh VMs
//   compareMs     compareApproaches on the same 64 GiB VM (hot set 25 %), all six approaches; median of 3
import { compareApproaches } from '../src/sim/migration/compare';
import { PageLevelDirtying } from '../src/sim/migration/precopy';
import { median, round, type Figures } from './harness';

const GiB = 2 ** 30;
const MEMORY = 64 * GiB;
const ROUND0_S = MEMORY / (128 * 2 ** 20);

function time(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

export async function run(progress: (m: string) => void): Promise<Figures> {
  const rounds: number[] = [];
  let dirty = 0;
  for (let rep = 0; rep < 5; rep++) {
    progress(`64 GiB VM ${rep + 1}/5: arming 16,777,216 pages, then one round of ${ROUND0_S} s`);
    const vm = new PageLevelDirtying(MEMORY, { writesPerS: 5000, seed: 100 + rep });
    rounds.push(time(() => (dirty = vm.runRound(ROUND0_S, 0).dirtyBytes)));
  }
  progress(`round 0 left ${dirty / 4096} pages dirty`);
  const compares: number[] = [];
  for (let rep = 0; rep < 3; rep++) {
    progress(`compareApproaches on the 64 GiB VM ${rep + 1}/3`);
    compares.push(time(() => compareApproaches({ memoryBytes: MEMORY, writesPerS: 5000, hotSetFraction: 0.25, seed: rep + 1 })));
  }
  return { pagesRoundMs: round(median(rounds)), compareMs: round(median(compares)) };
}
