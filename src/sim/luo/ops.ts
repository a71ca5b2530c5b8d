// Operations of the two models, as data (what a script line or a UI button means).
import type { FileSpec } from './files';

export type CommonOp = { op: 'kexec' } | { op: 'fail'; target: string; callback: string };

export type RfcOp =
  | { op: 'state' }
  | { op: 'prepare' }
  | { op: 'freeze' }
  | { op: 'cancel' }
  | { op: 'finish' }
  | { op: 'preserve'; file: FileSpec }
  | { op: 'unpreserve'; token: number }
  | { op: 'restore'; token: number }
  | { op: 'register'; name: string }
  | { op: 'unregister'; name: string };

export type MainlineOp =
  | { op: 'open' }
  | { op: 'close-dev' }
  | { op: 'create'; name: string }
  | { op: 'preserve-fd'; session: string; token: number; file: FileSpec }
  | { op: 'close'; session: string }
  | { op: 'retrieve'; name: string }
  | { op: 'retrieve-fd'; session: string; token: number }
  | { op: 'finish-session'; session: string }
  | { op: 'number' }
  | { op: 'luod-exit' };

export type LuoOp = CommonOp | RfcOp | MainlineOp;

export const RFC_OPS = ['state', 'prepare', 'freeze', 'cancel', 'finish', 'preserve', 'unpreserve', 'restore', 'register', 'unregister', 'kexec', 'fail'];
export const MAINLINE_OPS = ['open', 'close-dev', 'create', 'preserve', 'close', 'retrieve', 'retrieve-fd', 'finish', 'number', 'luod-exit', 'kexec', 'fail'];

function fileText(f: FileSpec): string {
  if ('ref' in f) return '@' + f.ref;
  const c = f.create;
  const base =
    c.kind === 'devnull' ? 'devnull' : c.kind === 'vfio' ? `vfio:${c.bdf}` : `${c.kind}:${c.size}${c.kind === 'memfd' && c.fill !== 1 ? `:fill=${c.fill}` : ''}`;
  return f.label ? `${base}@${f.label}` : base;
}

const hex = (t: number) => '0x' + t.toString(16);
const nameText = (n: string) => (n === '' ? '""' : n);

/** The script line for an operation (inverse of the parser, up to number formatting). */
export function opToText(o: LuoOp): string {
  switch (o.op) {
    case 'fail':
      return `fail ${o.target} ${o.callback}`;
    case 'preserve':
      return `preserve ${fileText(o.file)}`;
    case 'unpreserve':
    case 'restore':
      return `${o.op} ${o.token}`;
    case 'register':
    case 'unregister':
      return `${o.op} ${o.name}`;
    case 'create':
    case 'retrieve':
      return `${o.op} ${nameText(o.name)}`;
    case 'preserve-fd':
      return `preserve ${nameText(o.session)} ${hex(o.token)} ${fileText(o.file)}`;
    case 'close':
      return `close ${nameText(o.session)}`;
    case 'retrieve-fd':
      return `retrieve-fd ${nameText(o.session)} ${hex(o.token)}`;
    case 'finish-session':
      return `finish ${nameText(o.session)}`;
    default:
      return o.op;
  }
}
