// Edits as data, so the UI can ask the worker for one and keep an undo history of them.
import type { Machine } from '../schema';
import * as blocks from './blocks';
import * as cxl from './cxl';
import * as pmem from './pmem';
import type { EditResult } from './result';

export const EDIT_OPS = { ...pmem, ...cxl, ...blocks };

type EditFns = typeof EDIT_OPS;
type ArgsOf<F> = F extends (m: Machine, ...args: infer A) => EditResult ? A : never;
export type EditOpName = { [K in keyof EditFns]: EditFns[K] extends (m: Machine, ...a: never[]) => EditResult ? K : never }[keyof EditFns];
export type EditOp = { [K in EditOpName]: { op: K; args: ArgsOf<EditFns[K]>; label?: string } }[EditOpName];

export function applyEditOp(m: Machine, e: EditOp): EditResult {
  const fn = EDIT_OPS[e.op] as ((m: Machine, ...args: unknown[]) => EditResult) | undefined;
  if (typeof fn !== 'function') return { ok: false, error: { rule: 'unknown-edit', message: `unknown edit "${String(e.op)}"`, path: '$' } };
  return fn(m, ...(e.args as unknown[]));
}
