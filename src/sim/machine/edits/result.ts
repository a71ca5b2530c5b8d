// Edits are pure: they take a machine and return a new one, or a refusal naming the rule.
import { jsonPathString } from '../../errors';
import { validateMachine } from '../derive';
import type { Violation } from '../rules';
import { machineSchema, type Machine } from '../schema';

export interface EditError {
  rule: string;
  message: string;
  path: string;
}

export type EditResult = { ok: true; machine: Machine; warnings: Violation[] } | { ok: false; error: EditError };

export const refuse = (rule: string, message: string, path: string): EditResult => ({ ok: false, error: { rule, message, path } });

const key = (v: Violation) => `${v.rule}|${v.path}|${v.message}`;

/**
 * Accepts `next` only if it is a valid machine and breaks no rule that `prev` did not already
 * break; warnings new to `next` are returned with it.
 */
export function commit(prev: Machine, next: Machine): EditResult {
  const parsed = machineSchema.safeParse(next);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse('schema', issue.message, jsonPathString(issue.path));
  }
  const before = new Set(validateMachine(prev).map(key));
  const after = validateMachine(parsed.data).filter((v) => !before.has(key(v)));
  const error = after.find((v) => v.severity === 'error');
  if (error) return refuse(error.rule, error.message, error.path);
  return { ok: true, machine: parsed.data, warnings: after };
}

/** Deep copy through JSON: machines are plain data by design. */
export const clone = (m: Machine): Machine => JSON.parse(JSON.stringify(m)) as Machine;

export function findIndex<T extends { id: string }>(list: T[] | undefined, id: string): number {
  return list ? list.findIndex((x) => x.id === id) : -1;
}
