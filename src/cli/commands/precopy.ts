// `sim precopy`: iterative pre-copy migration as JSON, from the closed form (F1-F3, F5 with
// --auto-converge) or page by page over a dirty tracker (src/sim/migration).
import { analyticPrecopy } from '../../sim/migration/analytic';
import { PAGE_BYTES, DEFAULT_MAX_ROUNDS, QEMU_DEFAULTS } from '../../sim/migration/params';
import { pagePrecopy } from '../../sim/migration/precopy';
import { TRACKER_KINDS, type TrackerKind } from '../../sim/migration/tracker';
import type { PrecopyResult } from '../../sim/migration/types';
import { parseDuration } from '../../sim/units/duration';
import { parseSize } from '../../sim/units/size';
import { CliError, parseArgs, type CliCommand } from '../command';

const USAGE =
  'precopy --memory <size> --bandwidth <size>/s --downtime-limit <duration> [--dirty-rate <size>/s] [--write-rate <pages>/s] ' +
  '[--hot-set <fraction>] [--max-rounds N] [--auto-converge] [--model analytic|pages] [--tracker uffd-wp-async|soft-dirty] [--seed N]' +
  '   (defaults from QEMU: --bandwidth 128M/s (max-bandwidth), --downtime-limit 300ms; --auto-converge: cpu-throttle-initial 20%,' +
  ' increment 10%, max 99%, throttle-trigger-threshold 50%; --max-rounds 29 (Xen DEF_MAX_ITERS, QEMU has no limit);' +
  ' --model analytic, --tracker uffd-wp-async, --seed 1; 4 KiB pages)';

function fail(msg: string): never {
  throw new CliError(`${msg} (usage: sim ${USAGE.split('   ')[0]})`);
}

function size(flag: string, text: string): number {
  try {
    return parseSize(text);
  } catch (e) {
    throw new CliError(`--${flag}: ${(e as Error).message}`);
  }
}

/** "<size>/s" (the "/s" may be left out). */
function rate(flag: string, text: string): number {
  const v = size(flag, text.replace(/\s*\/\s*s$/i, ''));
  if (v <= 0 && flag === 'bandwidth') throw new CliError(`--bandwidth: must be more than 0 bytes per second, got "${text}"`);
  return v;
}

function number(flag: string, text: string, ok: (v: number) => boolean, expected: string): number {
  const v = /^\s*\d+(\.\d+)?(e[+-]?\d+)?\s*$/i.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(v) || !ok(v)) throw new CliError(`--${flag}: expected ${expected}, got "${text}"`);
  return v;
}

export const precopyCommand: CliCommand = {
  name: 'precopy',
  usage: USAGE,
  async run(args, io) {
    const { flags, bools, positionals } = parseArgs(args, {
      values: ['memory', 'bandwidth', 'downtime-limit', 'dirty-rate', 'write-rate', 'hot-set', 'max-rounds', 'model', 'tracker', 'seed'],
      booleans: ['auto-converge'],
    });
    if (positionals.length) fail(`unexpected argument "${positionals[0]}"`);
    if (flags.memory === undefined) fail('--memory is required');
    const memoryBytes = size('memory', flags.memory);
    if (memoryBytes <= 0) throw new CliError(`--memory: must be more than 0 bytes, got "${flags.memory}"`);
    const bandwidthBps = flags.bandwidth === undefined ? QEMU_DEFAULTS.bandwidthBps : rate('bandwidth', flags.bandwidth);
    let downtimeLimitS: number = QEMU_DEFAULTS.downtimeLimitS;
    if (flags['downtime-limit'] !== undefined) {
      try {
        downtimeLimitS = parseDuration(flags['downtime-limit']) / 1e9;
      } catch (e) {
        throw new CliError(`--downtime-limit: ${(e as Error).message}`);
      }
    }
    const dirtyRate = flags['dirty-rate'] === undefined ? undefined : rate('dirty-rate', flags['dirty-rate']);
    const writeRate = flags['write-rate'] === undefined ? undefined : number('write-rate', flags['write-rate'].replace(/\s*\/\s*s$/i, ''), (v) => v >= 0, 'a number of page writes per second such as 5000/s');
    const hotSet = flags['hot-set'] === undefined ? undefined : number('hot-set', flags['hot-set'], (v) => v > 0 && v <= 1, 'a fraction of memory in (0, 1] such as 0.25');
    const maxRounds = flags['max-rounds'] === undefined ? DEFAULT_MAX_ROUNDS : number('max-rounds', flags['max-rounds'], (v) => Number.isInteger(v) && v <= 10_000, 'a whole number of rounds from 0 to 10000');
    const seed = flags.seed === undefined ? 1 : number('seed', flags.seed, (v) => Number.isInteger(v) && v <= 2 ** 32 - 1, 'an integer from 0 to 4294967295');
    const model = flags.model ?? 'analytic';
    if (model !== 'analytic' && model !== 'pages') fail(`--model must be analytic or pages, not "${model}"`);
    const tracker = flags.tracker ?? 'uffd-wp-async';
    if (!TRACKER_KINDS.includes(tracker as TrackerKind)) fail(`--tracker must be ${TRACKER_KINDS.join(' or ')}, not "${tracker}"`);
    const common = { memoryBytes, bandwidthBps, downtimeLimitS, maxRounds, autoConverge: bools.has('auto-converge') };

    let r: PrecopyResult;
    try {
      if (model === 'analytic') {
        if (hotSet !== undefined) fail('--hot-set applies to --model pages (formulas F1-F3 have no hot set)');
        if (flags.tracker !== undefined) fail('--tracker applies to --model pages');
        const D = dirtyRate ?? (writeRate !== undefined ? writeRate * PAGE_BYTES : undefined);
        if (D === undefined) fail('--model analytic needs --dirty-rate <size>/s (or --write-rate, taken as distinct 4 KiB pages)');
        r = analyticPrecopy({ ...common, dirtyRateBps: D });
      } else {
        const w = writeRate ?? (dirtyRate !== undefined ? dirtyRate / PAGE_BYTES : undefined);
        if (w === undefined) fail('--model pages needs --write-rate <pages>/s (or --dirty-rate, taken as 4 KiB page writes)');
        r = pagePrecopy({ ...common, writesPerS: w, hotSetFraction: hotSet, tracker: tracker as TrackerKind, seed });
      }
    } catch (e) {
      if (e instanceof RangeError) throw new CliError(e.message);
      throw e;
    }
    io.out(
      JSON.stringify(
        {
          rounds: r.rounds.map((x) => ({ round: x.round, sentBytes: x.sentBytes, durationS: x.durationS })),
          converged: r.converged,
          downtimeS: r.downtimeS,
          totalS: r.totalS,
          sentBytesTotal: r.sentBytesTotal,
          throttlePercent: r.throttlePercent,
        },
        null,
        2,
      ) + '\n',
    );
    return 0;
  },
};
