// Errno names the model returns, with the Linux x86-64 numbers, and the refusal shape the UI shows.

export const ERRNO = {
  ENOENT: 2,
  EIO: 5,
  E2BIG: 7,
  EBADF: 9,
  EAGAIN: 11,
  ENOMEM: 12,
  EBUSY: 16,
  EEXIST: 17,
  EINVAL: 22,
  ENOSPC: 28,
  ENODATA: 61,
  EOPNOTSUPP: 95,
} as const;

export type ErrnoName = keyof typeof ERRNO;

/** A refused operation: the errno, the rule that refused it, and where the rule comes from. */
export interface Refusal {
  ok: false;
  errno: ErrnoName;
  rule: string;
  source: string;
}

export interface Success {
  ok: true;
  /** key=value pairs printed after "ok". */
  values?: Record<string, string | number>;
  /** For queries (state, number): the value printed instead of "ok". */
  value?: string;
  /** Warnings the kernel would log (pr_warn/WARN) while succeeding. */
  warnings?: string[];
}

export type OpResult = Success | Refusal;

export function refuse(errno: ErrnoName, rule: string, source: string): Refusal {
  return { ok: false, errno, rule, source };
}

export function ok(values?: Record<string, string | number>, warnings?: string[]): Success {
  const r: Success = { ok: true };
  if (values && Object.keys(values).length) r.values = values;
  if (warnings && warnings.length) r.warnings = warnings;
  return r;
}

/** The CLI line for a result: "ok", "ok k=v ...", "-EINVAL", or a query value. */
export function formatResult(r: OpResult): string {
  if (!r.ok) return `-${r.errno}`;
  if (r.value !== undefined) return r.value;
  if (!r.values) return 'ok';
  return ['ok', ...Object.entries(r.values).map(([k, v]) => `${k}=${v}`)].join(' ');
}
