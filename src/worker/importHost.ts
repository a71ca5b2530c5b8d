// Turns dropped tool outputs into a scenario: parse and combine in the worker, build the
// machine, keep where every figure came from. The result is scenario text the app opens.
import { formatIssue, importFiles, MAX_INPUT_BYTES, MAX_INPUT_LABEL, toMachine, toReport, type ImportFile } from '../import';
import { SCENARIO_SCHEMA } from '../sim/scenario/schema';

export type ImportReply =
  | { ok: true; text: string; name: string; summary: string[]; skipped: string[] }
  | { ok: false; errors: string[] };

export function importToScenario(files: ImportFile[], onProgress?: (fraction: number) => void): ImportReply {
  const tooBig = files.filter((f) => f.text.length > MAX_INPUT_BYTES);
  if (tooBig.length) return { ok: false, errors: tooBig.map((f) => `${f.name}: ${f.text.length} characters; the limit for one file is ${MAX_INPUT_LABEL}`) };
  const r = importFiles(files, { onProgress: onProgress && ((p) => onProgress(p.fraction)) });
  const errors = r.errors.map(formatIssue);
  if (!r.machine) return { ok: false, errors };
  const built = toMachine(r.machine, { name: 'imported' });
  if (!built.machine) return { ok: false, errors: [...errors, ...built.errors] };
  const report = toReport(r.machine);
  const skipped = r.files.flatMap((f) => f.issues.filter((i) => i.severity !== 'error').map(formatIssue));
  const names = files.map((f) => f.name);
  const scenario = {
    schema: SCENARIO_SCHEMA,
    name: `Imported: ${names.length === 1 ? names[0] : `${names.length} files`}`,
    description: `A machine read from ${names.join(', ')}. Figures keep the file and line they came from (see Provenance in the inspector); what no file said is marked as inferred.`,
    seed: 1,
    duration: 1_000_000_000,
    machine: built.machine,
    workloads: [],
    script: [],
    provenance: {
      files: names,
      sources: report.sources,
      inferred: built.notes.slice(0, 1000),
      conflicts: report.conflicts.slice(0, 1000).map((c) => JSON.stringify(c)),
      warnings: report.warnings.slice(0, 1000),
    },
  };
  const summary = [
    `${built.machine.nodes.length} NUMA node${built.machine.nodes.length === 1 ? '' : 's'} from ${names.length} file${names.length === 1 ? '' : 's'}`,
    ...errors.map((e) => `not imported: ${e}`),
    ...(report.conflicts.length ? [`${report.conflicts.length} figure(s) disagree between files: both kept, see Provenance`] : []),
  ];
  return { ok: true, text: JSON.stringify(scenario, null, 2), name: scenario.name, summary, skipped };
}
