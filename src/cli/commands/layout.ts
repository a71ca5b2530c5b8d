// `sim layout <scenario.json>`: the derived figures of a scenario's machine, as JSON.
import { jsonPathString } from '../../sim/errors';
import { commandsFor } from '../../sim/machine/commands';
import { deriveLayout } from '../../sim/machine/derive';
import { machineSchema } from '../../sim/machine/schema';
import { CliError, parseArgs, type CliCommand } from '../command';

const USAGE = 'sim layout <scenario.json> [--spans]';

export const layoutCommand: CliCommand = {
  name: 'layout',
  usage: USAGE,
  async run(args, io) {
    const { bools, positionals } = parseArgs(args, { booleans: ['spans'] });
    if (positionals.length !== 1) throw new CliError(`expected one scenario file; usage: ${USAGE}`);
    const file = positionals[0];
    let doc: unknown;
    try {
      doc = JSON.parse(await io.readFile(file));
    } catch (e) {
      throw new CliError(`${file}: ${(e as Error).message}`);
    }
    const raw = (doc as { machine?: unknown } | null)?.machine;
    if (raw === undefined) throw new CliError(`${file}: $.machine: missing`);
    const parsed = machineSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CliError(`${file}: ${jsonPathString(['machine', ...issue.path])}: ${issue.message}`);
    }
    const layout = deriveLayout(parsed.data);
    // Spans can run to tens of thousands of entries: only on request.
    const { spans, ...rest } = layout;
    const out = { ...rest, spanCount: spans.length, ...(bools.has('spans') ? { spans } : {}), commands: commandsFor(parsed.data) };
    io.out(JSON.stringify(out, (_k, v) => (v === Infinity ? null : v), 2) + '\n');
    return 0;
  },
};
