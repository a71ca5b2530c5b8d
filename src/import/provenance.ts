// Provenance: every imported figure carries the file and line it came from; values the importer
// worked out itself say so (`inferred`), and rounded figures say by how much (`approx`).

export interface Source {
  file: string;
  /** 1-based line. */
  line?: number;
  jsonPath?: string;
  /** Set when the value was not read but worked out; says how. */
  inferred?: string;
  /** The value may be off by up to this much (same unit), e.g. "2.9G" in lsmem or "245.11 GiB" from ndctl -u. */
  approx?: number;
  /** How a figure was derived from what the file said, e.g. "sum of RANGE rows". */
  note?: string;
}

export interface Fact<T> {
  value: T;
  src: Source;
}

/** A figure of the combined machine: the chosen value plus what other files said, if they differ. */
export interface Figure<T> extends Fact<T> {
  others?: Fact<T>[];
}

export function fact<T>(value: T, src: Source): Fact<T> {
  return { value, src };
}

export function at(file: string, line: number | undefined, extra?: Omit<Source, 'file' | 'line'>): Source {
  const s: Source = { file };
  if (line !== undefined) s.line = line;
  return extra ? { ...s, ...extra } : s;
}

export function inferred(src: Source, why: string): Source {
  return { ...src, inferred: src.inferred ? `${src.inferred}; ${why}` : why };
}

/** "file:12", "file $.regions[0].size", plus "(inferred: …)" — for reports and tooltips. */
export function describeSource(s: Source): string {
  let d = s.file;
  if (s.line !== undefined) d += `:${s.line}`;
  if (s.jsonPath) d += ` ${s.jsonPath}`;
  if (s.note) d += ` (${s.note})`;
  if (s.approx) d += ` (±${s.approx})`;
  if (s.inferred) d += ` (inferred: ${s.inferred})`;
  return d;
}
