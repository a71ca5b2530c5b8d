// Turns a validated scenario into a ready engine: models added, script actions scheduled.
// The app's worker and the command line both start here, so they run the same thing.
import { Engine } from '../engine/engine';
import type { Model } from '../engine/types';
import { luoModel } from '../luo/engineModel';
import { workloadModel } from '../workload/model';
import type { Scenario } from './schema';

/** Markers and notes that only put something on the timeline. */
const timelineModel: Model<null, null> = {
  name: 'timeline',
  init: () => null,
  handle(ev, _s, ctx) {
    if (ev.kind === 'timeline.mark') ctx.note('timeline.mark', String(ev.data?.label ?? ''), ev.data);
  },
};

export function buildEngine(scenario: Scenario, opts: { seed?: number } = {}): Engine {
  const engine = new Engine({ seed: opts.seed ?? scenario.seed });
  engine.addModel(timelineModel, null);
  engine.addModel(workloadModel, { workloads: scenario.workloads, arch: scenario.machine.arch });
  engine.addModel(luoModel, { model: scenario.liveUpdate.model, kernel: scenario.liveUpdate.kernel, proposedHandlers: scenario.liveUpdate.proposedHandlers });
  // Script actions are scheduled in file order; equal times keep that order.
  const script = scenario.script.map((a, i) => ({ a, i })).sort((x, y) => x.a.at - y.a.at || x.i - y.i);
  for (const { a } of script) engine.schedule(a.at, a.action, a.label ? { ...a.args, label: a.label } : a.args);
  return engine;
}
