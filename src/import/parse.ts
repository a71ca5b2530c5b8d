// Parsing one file: size check, format (given or detected), the format's parser. Never throws:
// whatever goes wrong becomes a located issue, so this runs safely inside a Web Worker.
import type { FormatParser, ParseContext } from './context';
import { detectFormat } from './detect';
import type { ImportIssue } from './errors';
import { IssueLog } from './errors';
import type { Fragment } from './fragment';
import { fragmentIsEmpty } from './fragment';
import type { ImportFormat } from './formats';
import { IMPORT_FORMATS, isImportFormat } from './formats';
import { sizeProblem } from './limits';
import { parseBuddyinfo } from './buddyinfo/parse';
import { parseCxl } from './cxl/parse';
import { parseDaxctl } from './daxctl/parse';
import { parseHwloc } from './hwloc/parse';
import { parseIomem } from './iomem/parse';
import { parseLsmem } from './lsmem/parse';
import { parseMeminfo } from './meminfo/parse';
import { parseNdctl } from './ndctl/parse';
import { parseNodeMeminfo } from './node-meminfo/parse';
import { parseNumactl } from './numactl/parse';
import { parseZoneinfo } from './zoneinfo/parse';

export const PARSERS: Record<ImportFormat, FormatParser> = {
  ndctl: parseNdctl,
  daxctl: parseDaxctl,
  cxl: parseCxl,
  numactl: parseNumactl,
  lsmem: parseLsmem,
  zoneinfo: parseZoneinfo,
  buddyinfo: parseBuddyinfo,
  iomem: parseIomem,
  meminfo: parseMeminfo,
  'node-meminfo': parseNodeMeminfo,
  hwloc: parseHwloc,
};

export interface ImportProgress {
  file: string;
  /** Characters of this file read so far, and its length. */
  done: number;
  total: number;
  /** 0..1 over all files of the import. */
  fraction: number;
}

export interface ParseOptions {
  /** Shown in every issue and provenance entry. */
  fileName?: string;
  /** Skip detection. */
  format?: ImportFormat;
  onProgress?: (p: ImportProgress) => void;
}

export interface ParsedFile {
  file: string;
  format?: ImportFormat;
  detectedBy?: string;
  /** What the file says; null when it has errors (a failed file adds nothing to the machine). */
  fragment: Fragment | null;
  issues: ImportIssue[];
}

export function parse(text: unknown, options: ParseOptions = {}): ParsedFile {
  const file = typeof options.fileName === 'string' && options.fileName !== '' ? options.fileName : '(input)';
  const log = new IssueLog(file);
  const fail = (): ParsedFile => ({ file, fragment: null, issues: log.issues() });
  if (typeof text !== 'string') {
    log.error({ message: 'nothing to read', expected: 'the text of a file', found: text === null ? 'null' : typeof text });
    return fail();
  }
  const tooBig = sizeProblem(text);
  if (tooBig) {
    log.error({ line: 1, message: tooBig });
    return fail();
  }
  let format = options.format;
  let detectedBy = '--format';
  if (format !== undefined && !isImportFormat(format)) {
    log.error({ message: `unknown format ${JSON.stringify(String(format)).slice(0, 40)}`, expected: IMPORT_FORMATS.join(', ') });
    return fail();
  }
  if (!format) {
    const d = detectFormat(text, file);
    if (!d && text.trim() === '') {
      log.error({ line: 1, message: 'the file is empty' });
      return fail();
    }
    if (!d) {
      const binary = text.slice(0, 4096).includes('\u0000');
      log.error({
        line: 1,
        message: binary ? 'binary data, not tool output' : 'format not recognised',
        expected: `the output of one of: ${IMPORT_FORMATS.join(', ')} (or choose one with --format)`,
      });
      return fail();
    }
    format = d.format;
    detectedBy = d.reason;
  }
  const total = text.length;
  const ctx: ParseContext = {
    file,
    log,
    progress: (done) => options.onProgress?.({ file, done, total, fraction: total ? done / total : 1 }),
  };
  let fragment: Fragment | null = null;
  try {
    fragment = PARSERS[format](text, ctx);
  } catch (e) {
    // A parser bug must not take the worker down; it is reported like bad input (tests look for it).
    log.error({ message: `internal error while reading ${format} output: ${e instanceof Error ? e.message : String(e)}` });
  }
  if (fragment && !log.hasErrors && fragmentIsEmpty(fragment)) {
    // Point at the first line the parser could not use: that is where the file stops looking like `format`.
    const first = log.issues().find((i) => i.severity === 'skipped');
    log.error({
      line: first?.line ?? 1,
      ...(first?.jsonPath ? { jsonPath: first.jsonPath } : {}),
      message: `nothing usable found in this ${format} output${first ? ` (${first.message})` : ''}`,
      ...(first?.expected ? { expected: first.expected } : {}),
      ...(first?.found ? { found: first.found } : {}),
    });
  }
  options.onProgress?.({ file, done: total, total, fraction: 1 });
  return { file, format, detectedBy, fragment: log.hasErrors ? null : fragment, issues: log.issues() };
}
