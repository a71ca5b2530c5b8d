// Uniform random page writes over a hot set [0, hot) (the low pages, as src/sim/dirty/workloads.ts
// places a hot set), drawn from the engine's seeded PRNG.
import type { Prng } from '../engine/prng';

/** floor(x), plus one with probability frac(x): an integer count whose mean is exactly x. */
export function stochasticRound(rng: Prng, x: number): number {
  const n = Math.floor(x);
  return n + (rng.next() < x - n ? 1 : 0);
}

/**
 * Issues about `expectedWrites` uniform random writes over pages [0, hot) and returns how many
 * calls it made. Past `hot` writes it is cheaper to decide per page: each page is written with
 * the exact probability 1 - (1 - 1/hot)^K of being hit at least once (the pages are then drawn
 * independently, a negligible departure from the multinomial). Repeated writes to a page change
 * nothing a tracker reports, so they are not issued.
 */
export function randomWrites(rng: Prng, hot: number, expectedWrites: number, write: (p: number) => void): number {
  const k = stochasticRound(rng, expectedWrites);
  if (k <= hot) {
    for (let i = 0; i < k; i++) write(Math.floor(rng.next() * hot));
    return k;
  }
  const q = -Math.expm1(k * Math.log1p(-1 / hot));
  let n = 0;
  for (let p = 0; p < hot; p++) {
    if (rng.next() < q) {
      write(p);
      n++;
    }
  }
  return n;
}
