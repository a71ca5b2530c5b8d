// The actions a scenario script may use, with a check of their arguments. Each action becomes
// an engine event of the same kind, handled by the model named before the dot.
import { parseLine } from '../luo/script';
import type { LuoModel } from '../luo/types';

type Args = Record<string, string | number | boolean>;
export interface ActionContext {
  workloads: Set<string>;
  luoModel: LuoModel;
}
interface ActionSpec {
  summary: string;
  check(args: Args, ctx: ActionContext): string | undefined;
}

const workloadId = (args: Args, ctx: ActionContext, optional = false): string | undefined => {
  if (args.id === undefined) return optional ? undefined : 'needs "id": the workload to act on';
  if (typeof args.id !== 'string' || !ctx.workloads.has(args.id)) return `no workload with id ${JSON.stringify(args.id)}`;
  return undefined;
};

export const ACTIONS: Record<string, ActionSpec> = {
  'workload.start': { summary: 'start writing', check: (a, c) => workloadId(a, c) },
  'workload.stop': { summary: 'stop writing', check: (a, c) => workloadId(a, c) },
  'workload.rate': {
    summary: 'change the write rate',
    check: (a, c) =>
      workloadId(a, c) ?? (typeof a.pagesPerSec === 'number' && a.pagesPerSec >= 0 && a.pagesPerSec <= 1e10 ? undefined : 'needs "pagesPerSec": a number from 0 to 1e10'),
  },
  'workload.clear': { summary: 'start a new tracking round (forget written pages)', check: (a, c) => workloadId(a, c, true) },
  'luo.op': {
    summary: 'one live-update operation, in the words of `sim luo` (e.g. "create vm0", "preserve vm0 1 memfd:16G")',
    check: (a, c) => {
      if (typeof a.op !== 'string') return 'needs "op": a live-update operation such as "prepare" or "create vm0"';
      try {
        parseLine(a.op, c.luoModel);
        return undefined;
      } catch (e) {
        return `"${a.op}": ${(e as Error).message}`;
      }
    },
  },
  'timeline.mark': {
    summary: 'put a labelled marker on the timeline',
    check: (a) => (typeof a.label === 'string' && a.label.length > 0 ? undefined : 'needs "label": the text of the marker'),
  },
};
