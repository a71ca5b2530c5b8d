// Every error from untrusted input says where: file, line and column when known, and the
// JSON path of the field. One shape for scenario files, links, traces and scripts.
export interface LocatedError {
  file?: string;
  line?: number;
  column?: number;
  /** JSON path such as "$.machine.ranges[3].size". */
  path?: string;
  message: string;
}

export function formatLocated(e: LocatedError): string {
  const where = [e.file, e.line !== undefined ? String(e.line) : undefined, e.column !== undefined ? String(e.column) : undefined]
    .filter((x) => x !== undefined)
    .join(':');
  return [where, e.path, e.message].filter((x) => x).join(': ');
}

export function jsonPathString(path: readonly PropertyKey[]): string {
  let s = '$';
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : /^[A-Za-z_$][\w$]*$/.test(String(k)) ? `.${String(k)}` : `[${JSON.stringify(String(k))}]`;
  return s;
}
