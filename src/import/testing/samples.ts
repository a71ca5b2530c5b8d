// Test helper: the shared sample outputs (../shared/samples beside the repo) and a one-call import.
// Node-only (fs); imported by tests, never by the app.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportFormat } from '../formats';
import type { ImportResult } from '../index';
import { importFiles, toReport } from '../index';
import type { ImportReport } from '../report';

const here = dirname(fileURLToPath(import.meta.url));
/** src/import/testing → repo root → its sibling shared/samples. */
export const SAMPLES_DIR = resolve(here, '../../..', '../shared/samples');

/** Every sample file, as "folder/file" relative to SAMPLES_DIR (SOURCES.md excluded). */
export function listSamples(): string[] {
  return readdirSync(SAMPLES_DIR)
    .filter((d) => statSync(join(SAMPLES_DIR, d)).isDirectory())
    .flatMap((d) => readdirSync(join(SAMPLES_DIR, d)).map((f) => `${d}/${f}`))
    .sort();
}

export function readSample(rel: string): string {
  return readFileSync(join(SAMPLES_DIR, rel), 'utf8');
}

export interface Imported {
  result: ImportResult;
  report: ImportReport;
}

/** Imports texts (name → text) and returns the result plus the CLI report; fails the test on errors. */
export function importOk(files: Record<string, string>, format?: ImportFormat): Imported {
  const result = importFiles(
    Object.entries(files).map(([name, text]) => ({ name, text })),
    format ? { format } : {},
  );
  if (!result.machine) throw new Error(`import failed: ${result.errors.map((e) => e.message).join('; ')}`);
  if (result.errors.length) throw new Error(`import errors: ${result.errors.map((e) => e.message).join('; ')}`);
  return { result, report: toReport(result.machine) };
}

/** Imports sample files by their "folder/file" names. */
export function importSamples(...rels: string[]): Imported {
  return importOk(Object.fromEntries(rels.map((r) => [r, readSample(r)])));
}

/** A report node by id (throws if absent, so tests fail with a message). */
export function nodeById(report: ImportReport, id: number): ImportReport['nodes'][number] {
  const n = report.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`node ${id} not in report (have ${report.nodes.map((x) => x.id).join(', ')})`);
  return n;
}

export const GiB = 2 ** 30;
export const MiB = 2 ** 20;
