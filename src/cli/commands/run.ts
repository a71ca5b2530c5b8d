// `sim run <scenario.json> [--until <duration>] [--seed N]`: runs a scenario, prints a JSON summary.
import { describeErrors, parseScenarioText } from '../../sim/scenario/load';
import { buildEngine } from '../../sim/scenario/build';
import { parseDuration } from '../../sim/units/duration';
import { CliError, parseArgs, type CliCommand } from '../command';

export const runCommand: CliCommand = {
  name: 'run',
  usage: 'sim run <scenario.json> [--until <duration>] [--seed N]',
  async run(args, io) {
    const { flags, positionals } = parseArgs(args, { values: ['until', 'seed'] });
    if (positionals.length !== 1) throw new CliError('expected one scenario file: sim run <scenario.json> [--until <duration>] [--seed N]');
    const file = positionals[0];
    const loaded = parseScenarioText(await io.readFile(file), file);
    if (!loaded.ok) throw new CliError(describeErrors(loaded.errors).replace(/\n/g, '; '));
    let until = loaded.scenario.duration;
    if (flags.until !== undefined) {
      try {
        until = parseDuration(flags.until);
      } catch (e) {
        throw new CliError(`--until: ${(e as Error).message}`);
      }
    }
    let seed: number | undefined;
    if (flags.seed !== undefined) {
      if (!/^\d+$/.test(flags.seed) || Number(flags.seed) > 2 ** 32 - 1) throw new CliError(`--seed: expected an integer from 0 to 4294967295, got "${flags.seed}"`);
      seed = Number(flags.seed);
    }
    const engine = buildEngine(loaded.scenario, { seed });
    engine.runUntil(until);
    io.out(JSON.stringify(engine.summary()) + '\n');
    return 0;
  },
};
