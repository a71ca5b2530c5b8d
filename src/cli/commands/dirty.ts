// `sim dirty [--arch A] [--soft-dirty] [FILE] < trace`: replays a uffd-wp / PAGEMAP_SCAN trace in the
// format of ../shared/oracles/uffd/cases on the page model (src/sim/dirty) and prints what the real
// kernel printed. Exit code mirrors the oracle: 2 after an `error` line, 139 where it would crash.
import { CliError, parseArgs, type CliCommand } from '../command';
import { ARCHES, kernelProfile, ORACLE_KERNEL, type Arch } from '../../sim/dirty/arch';
import { runTrace } from '../../sim/dirty/traceRunner';

const USAGE = 'dirty [--arch x86_64|arm64|ppc64|s390|riscv64] [--soft-dirty] [TRACE] < trace';

export const dirtyCommand: CliCommand = {
  name: 'dirty',
  usage: USAGE,
  async run(args, io) {
    const { flags, bools, positionals } = parseArgs(args, { values: ['arch'], booleans: ['soft-dirty'] });
    if (positionals.length > 1) throw new CliError(`unexpected argument "${positionals[1]}" (usage: sim ${USAGE})`);
    const arch = flags.arch ?? ORACLE_KERNEL.arch;
    if (!(arch in ARCHES)) throw new CliError(`--arch must be one of ${Object.keys(ARCHES).join(', ')}, not "${arch}"`);
    let kernel = ORACLE_KERNEL;
    if (flags.arch !== undefined || bools.has('soft-dirty')) {
      try {
        kernel = kernelProfile(arch as Arch, { softDirty: bools.has('soft-dirty') });
      } catch (e) {
        throw new CliError((e as Error).message);
      }
    }
    const text = positionals.length ? await io.readFile(positionals[0]) : await io.readStdin();
    const result = runTrace(text, (chunk) => io.out(chunk), { kernel });
    if (result.signal) io.err(`sim dirty: ${result.signal.name}: ${result.signal.reason} (the oracle process dies here)\n`);
    return result.exitCode;
  },
};
