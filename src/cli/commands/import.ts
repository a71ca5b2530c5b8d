// `sim import <file>... [--format F]`: reads tool outputs (ndctl, daxctl, cxl, numactl, lsmem,
// /proc and sysfs files, hwloc), combines them into one machine and prints it as JSON. A file that
// cannot be read gives its located error on one line of stderr and exit code 2.
import type { CliCommand } from '../command';
import { CliError, parseArgs } from '../command';
import { IMPORT_FORMATS, formatIssue, importFiles, isImportFormat, toReport } from '../../import/index';
import type { ImportFile } from '../../import/index';

export const importCommand: CliCommand = {
  name: 'import',
  usage: `import <file>... [--format ${IMPORT_FORMATS.join('|')}]   print the machine the files describe, as JSON`,
  async run(args, io) {
    const { flags, positionals } = parseArgs(args, { values: ['format'] });
    const format = flags.format;
    if (format !== undefined && !isImportFormat(format)) throw new CliError(`unknown format "${format}" (expected one of ${IMPORT_FORMATS.join(', ')})`);
    if (positionals.length === 0) throw new CliError(`no file given; usage: sim ${importCommand.usage}`);
    const files: ImportFile[] = [];
    for (const path of positionals) {
      let text: string;
      try {
        text = await io.readFile(path);
      } catch (e) {
        throw new CliError(e instanceof Error ? e.message : `cannot read ${path}`);
      }
      files.push({ name: path, text });
    }
    const result = importFiles(files, format ? { format } : {});
    if (result.errors.length > 0) {
      const more = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more error${result.errors.length > 2 ? 's' : ''})` : '';
      throw new CliError(formatIssue(result.errors[0]) + more);
    }
    if (!result.machine) throw new CliError('nothing could be imported');
    io.out(prettyJson(toReport(result.machine)) + '\n');
    return 0;
  },
};

/** JSON indented by two spaces, but arrays of plain values (cpu lists, distance rows) on one line. */
export function prettyJson(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => v === null || typeof v !== 'object')) return `[${value.map((v) => JSON.stringify(v) ?? 'null').join(', ')}]`;
    const inner = indent + '  ';
    return `[\n${value.map((v) => inner + prettyJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const inner = indent + '  ';
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${prettyJson(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
