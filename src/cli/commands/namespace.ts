// `sim namespace --size <size> --mode fsdax|devdax|sector|raw [--align 4K|2M|16M|1G] [--map dev|mem] [--start <addr>]`:
// the figures `ndctl create-namespace` would produce, as JSON, from the kernel's own arithmetic.
import { namespaceFigures } from '../../sim/machine/pmem/namespace';
import { checkNamespace } from '../../sim/machine/pmem/namespace';
import { namespaceMode, pfnMap } from '../../sim/machine/schema-pmem';
import { formatSizeArg, parseSize } from '../../sim/units/size';
import { CliError, parseArgs, type CliCommand } from '../command';

const USAGE = 'sim namespace --size <size> --mode fsdax|devdax|sector|raw [--align 4K|2M|16M|1G] [--map dev|mem] [--start <addr>]';

function size(flag: string, text: string): number {
  try {
    return parseSize(text);
  } catch (e) {
    throw new CliError(`--${flag}: ${(e as Error).message}`);
  }
}

export const namespaceCommand: CliCommand = {
  name: 'namespace',
  usage: USAGE,
  async run(args, io) {
    const { flags, positionals } = parseArgs(args, { values: ['size', 'mode', 'align', 'map', 'start'] });
    if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}"; usage: ${USAGE}`);
    if (flags.size === undefined) throw new CliError(`--size is required; usage: ${USAGE}`);
    const mode = namespaceMode.safeParse(flags.mode ?? 'fsdax');
    if (!mode.success) throw new CliError(`--mode: expected fsdax, devdax, sector or raw, got "${flags.mode}"`);
    const map = pfnMap.safeParse(flags.map ?? 'dev');
    if (!map.success) throw new CliError(`--map: expected dev or mem, got "${flags.map}"`);
    const pfn = mode.data === 'fsdax' || mode.data === 'devdax';
    if (!pfn && flags.map !== undefined) throw new CliError('pmem.ns-map-mode: --map applies only to fsdax and devdax namespaces');
    const spec = {
      size: size('size', flags.size),
      start: flags.start === undefined ? 0 : size('start', flags.start),
      align: flags.align === undefined ? 2 * 2 ** 20 : size('align', flags.align),
      mode: mode.data,
      map: map.data,
    };
    const problems = checkNamespace(spec, '$');
    const err = problems.find((p) => p.severity === 'error');
    if (err) throw new CliError(`${err.rule}: ${err.message}`);
    const f = namespaceFigures(spec);
    const warnings = !pfn && flags.align !== undefined ? ['--align is ignored: only fsdax and devdax namespaces have an alignment'] : [];
    const cmd = ['ndctl create-namespace', `--mode=${spec.mode}`, `--size=${formatSizeArg(spec.size)}`];
    if (pfn) cmd.push(`--align=${formatSizeArg(spec.align)}`, `--map=${spec.map}`);
    io.out(
      JSON.stringify(
        {
          dataOffsetBytes: f.dataOffsetBytes,
          npfns: f.npfns,
          usableBytes: f.usableBytes,
          metadataBytes: f.metadataBytes,
          metadataLocation: f.metadataLocation,
          structPageBytes: f.structPageBytes,
          ramBytes: f.ramBytes,
          endTruncBytes: f.endTruncBytes,
          infoBlock: f.infoBlock,
          sizeBytes: spec.size,
          startBytes: spec.start,
          alignBytes: pfn ? spec.align : null,
          mode: spec.mode,
          map: pfn ? spec.map : null,
          command: cmd.join(' '),
          warnings,
        },
        null,
        2,
      ) + '\n',
    );
    return 0;
  },
};
