// engine.eventsPerSec: a synthetic run of 1,000,000 events through the real queue, clock,
// PRNG and log hash. Each event reschedules itself at a random delay, 64 in flight.
import { Engine } from '../src/sim/engine/engine';
import type { Model } from '../src/sim/engine/types';
import { median, round, type BenchArea } from './harness';

const EVENTS = 1_000_000;

const ping: Model<{ n: number }, null> = {
  name: 'ping',
  init(_c, ctx) {
    for (let i = 0; i < 64; i++) ctx.schedule(i, 'ping.tick', { i });
    return { n: 0 };
  },
  handle(ev, s, ctx) {
    s.n++;
    ctx.schedule(1 + ctx.rng.below(1000), 'ping.tick', ev.data);
  },
};

export const run: BenchArea = async (progress) => {
  const rates: number[] = [];
  for (let rep = 0; rep < 5; rep++) {
    const engine = new Engine({ seed: rep + 1 });
    engine.addModel(ping, null);
    const t0 = performance.now();
    for (let i = 0; i < EVENTS; i++) engine.step();
    const ms = performance.now() - t0;
    rates.push(EVENTS / (ms / 1000));
    progress(`run ${rep + 1}: ${EVENTS} events in ${ms.toFixed(0)} ms`);
  }
  return { eventsPerSec: round(median(rates)) };
};
