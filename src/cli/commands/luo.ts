// `sim luo --model rfc-v2|mainline [--kernel 6.19|latest] < script`: runs a live-update script
// through the same engine the app uses (src/sim/luo/script.ts) and prints one line per operation.
import { CliError, parseArgs, type CliCommand } from '../command';
import { LuoScriptError, runLuoScript } from '../../sim/luo/script';
import type { KernelLine, LuoModel } from '../../sim/luo/types';

const USAGE = 'luo --model rfc-v2|mainline [--kernel 6.19|latest] < script';

export const luoCommand: CliCommand = {
  name: 'luo',
  usage: USAGE,
  async run(args, io) {
    const { flags, positionals } = parseArgs(args, { values: ['model', 'kernel'] });
    if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}" (the script is read from standard input)`);
    const model = flags.model;
    if (model !== 'rfc-v2' && model !== 'mainline') throw new CliError(`--model must be rfc-v2 or mainline${model ? `, not "${model}"` : ''} (usage: sim ${USAGE})`);
    const kernel = flags.kernel ?? 'latest';
    if (kernel !== '6.19' && kernel !== 'latest') throw new CliError(`--kernel must be 6.19 or latest, not "${kernel}"`);
    const text = await io.readStdin();
    try {
      const { lines } = runLuoScript(text, { model: model as LuoModel, kernel: kernel as KernelLine });
      if (lines.length) io.out(lines.join('\n') + '\n');
      return 0;
    } catch (e) {
      if (e instanceof LuoScriptError) {
        if (e.lines.length) io.out(e.lines.join('\n') + '\n');
        throw new CliError(e.message);
      }
      throw e;
    }
  },
};
