// Untrusted scenario text -> a validated Scenario, or located errors. Never throws.
import type { z } from 'zod';
import { formatLocated, jsonPathString, type LocatedError } from '../errors';
import { findSyntaxError, locatePath } from '../json/locate';
import { ACTIONS } from './actions';
import { migrate } from './migrations';
import { SCENARIO_SCHEMA, scenarioSchema, type Scenario } from './schema';

export const MAX_SCENARIO_BYTES = 16 * 2 ** 20;

export type LoadResult = { ok: true; scenario: Scenario; migratedFrom: string[] } | { ok: false; errors: LocatedError[] };

export function parseScenarioText(text: string, file = 'scenario.json'): LoadResult {
  if (text.length > MAX_SCENARIO_BYTES)
    return fail({ file, message: `file is ${text.length} bytes; the limit for a scenario is ${MAX_SCENARIO_BYTES} bytes (16 MiB)` });
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    const e = findSyntaxError(text);
    return fail({ file, line: e?.position.line, column: e?.position.column, message: `not valid JSON: ${e?.message ?? 'syntax error'}` });
  }
  return validateScenario(doc, file, text);
}

/** Validates an already parsed document (from a link or autosave). `text` is used to find lines. */
export function validateScenario(doc: unknown, file: string, text?: string): LoadResult {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
    return fail({ file, path: '$', message: 'expected a JSON object with "schema": "' + SCENARIO_SCHEMA + '"' });
  const rec = doc as Record<string, unknown>;
  if (typeof rec.schema !== 'string' || !rec.schema.startsWith('handover-lab/scenario@'))
    return fail({ file, path: '$.schema', ...where(text, ['schema']), message: `expected "${SCENARIO_SCHEMA}"` });
  const { doc: migrated, from } = migrate(rec);
  if (migrated.schema !== SCENARIO_SCHEMA)
    return fail({ file, path: '$.schema', ...where(text, ['schema']), message: `unknown version "${String(migrated.schema)}"; this app reads ${SCENARIO_SCHEMA} and older` });
  const parsed = scenarioSchema.safeParse(migrated);
  if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error, file, from.length ? undefined : text) };
  const semantic = checkActions(parsed.data, file, from.length ? undefined : text);
  if (semantic.length) return { ok: false, errors: semantic };
  return { ok: true, scenario: parsed.data, migratedFrom: from };
}

function checkActions(s: Scenario, file: string, text?: string): LocatedError[] {
  const errors: LocatedError[] = [];
  const ctx = { workloads: new Set(s.workloads.map((w) => w.id)), luoModel: s.liveUpdate.model };
  s.script.forEach((a, i) => {
    const spec = ACTIONS[a.action];
    const path = ['script', i, 'action'];
    if (!spec) {
      errors.push({ file, path: jsonPathString(path), ...where(text, path), message: `unknown action "${a.action}" (known: ${Object.keys(ACTIONS).join(', ')})` });
      return;
    }
    const problem = spec.check(a.args, ctx);
    if (problem) errors.push({ file, path: jsonPathString(['script', i, 'args']), ...where(text, ['script', i, 'args']), message: problem });
  });
  return errors;
}

function zodErrors(err: z.ZodError, file: string, text?: string): LocatedError[] {
  return err.issues.slice(0, 20).map((iss) => {
    const path = iss.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    return { file, path: jsonPathString(path), ...where(text, path), message: iss.message };
  });
}

function where(text: string | undefined, path: (string | number)[]): { line?: number; column?: number } {
  if (text === undefined) return {};
  const p = locatePath(text, path);
  return p ? { line: p.line, column: p.column } : {};
}

function fail(e: LocatedError): LoadResult {
  return { ok: false, errors: [e] };
}

export function describeErrors(errors: LocatedError[]): string {
  return errors.map(formatLocated).join('\n');
}
