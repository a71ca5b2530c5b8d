// Public API of the importer. Pure TypeScript without DOM: usable in a Web Worker, e.g.
//   const r = importFiles([{ name, text }], { onProgress });
//   if (r.machine) { const m = toMachine(r.machine); … } else show(r.errors.map(formatIssue))
import { combine } from './combine';
import type { ImportIssue } from './errors';
import type { ImportFormat } from './formats';
import type { ImportedMachine } from './machine';
import type { ImportProgress, ParsedFile } from './parse';
import { parse } from './parse';

export { IMPORT_FORMATS, isImportFormat } from './formats';
export type { ImportFormat } from './formats';
export { MAX_INPUT_BYTES, MAX_INPUT_LABEL } from './limits';
export { detectFormat } from './detect';
export { formatIssue } from './errors';
export type { ImportIssue } from './errors';
export { describeSource } from './provenance';
export type { Source, Fact, Figure } from './provenance';
export type { ImportedMachine, ImportedNode, ImportedZone, Conflict } from './machine';
export { parse } from './parse';
export type { ParsedFile, ParseOptions, ImportProgress } from './parse';
export { combine } from './combine';
export { toReport } from './report';
export type { ImportReport } from './report';
export { toMachine } from './toMachine';
export type { ToMachineResult } from './toMachine';

export interface ImportFile {
  name: string;
  text: string;
}

export interface ImportOptions {
  /** Applies to every file; otherwise each file's format is detected. */
  format?: ImportFormat;
  onProgress?: (p: ImportProgress) => void;
}

export interface ImportResult {
  /** The machine from every file that read without errors; null when none did. */
  machine: ImportedMachine | null;
  /** Located errors of the files that failed (those files add nothing). */
  errors: ImportIssue[];
  files: ParsedFile[];
}

/** Parses and combines files. Never throws; `machine !== null || errors.length > 0` always holds. */
export function importFiles(files: readonly ImportFile[], options: ImportOptions = {}): ImportResult {
  const list = Array.isArray(files) ? files : [];
  const total = list.reduce((n, f) => n + (typeof f?.text === 'string' ? f.text.length : 0), 0) || 1;
  let before = 0;
  const parsed = list.map((f) => {
    const size = typeof f?.text === 'string' ? f.text.length : 0;
    const p = parse(f?.text, {
      fileName: typeof f?.name === 'string' ? f.name : undefined,
      format: options.format,
      onProgress: options.onProgress && ((pr) => options.onProgress?.({ ...pr, fraction: (before + pr.done) / total })),
    });
    before += size;
    return p;
  });
  const errors = parsed.flatMap((p) => p.issues.filter((i) => i.severity === 'error'));
  const good = parsed.filter((p) => p.fragment && p.format);
  if (list.length === 0) errors.push({ severity: 'error', file: '(none)', message: 'no files to import' });
  let machine: ImportedMachine | null = null;
  if (good.length) {
    try {
      machine = combine(good.map((p) => ({ file: p.file, format: p.format as ImportFormat, detectedBy: p.detectedBy ?? '', fragment: p.fragment as NonNullable<ParsedFile['fragment']>, issues: p.issues })));
    } catch (e) {
      errors.push({ severity: 'error', file: good[0].file, message: `internal error while combining files: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  if (!machine && errors.length === 0) errors.push({ severity: 'error', file: list[0]?.name ?? '(none)', message: 'nothing could be imported' });
  return { machine, errors, files: parsed };
}
