// The imported machine as plain JSON (what `sim import` prints): figures become numbers, and
// `sources` maps each figure's path to the file and line it came from. Fields no file gave are
// left out, never written as 0.
import { formatIssue } from './errors';
import type { ImportedMachine } from './machine';
import type { Fact, Source } from './provenance';
import { describeSource } from './provenance';

export type JsonOut = null | boolean | number | string | JsonOut[] | { [k: string]: JsonOut };

export interface ImportReport {
  files: JsonOut;
  pageSizeBytes: number;
  nodes: { id: number; totalBytes?: number; cpus?: number[]; zones?: JsonOut[]; [k: string]: JsonOut | undefined }[];
  distances?: (number | null)[][];
  memoryBlockBytes?: number;
  onlineBytes?: number;
  offlineBytes?: number;
  namespaces: JsonOut[];
  regions: JsonOut[];
  daxDevices: JsonOut[];
  cxlRegions: JsonOut[];
  conflicts: JsonOut[];
  warnings: string[];
  /** "nodes[0].totalBytes" → "hardware.txt:3 (±1048576)". */
  sources: Record<string, string>;
  [k: string]: unknown;
}

function isFact(v: unknown): v is Fact<unknown> & { others?: Fact<unknown>[] } {
  return typeof v === 'object' && v !== null && 'value' in v && 'src' in v && Object.keys(v).every((k) => k === 'value' || k === 'src' || k === 'others');
}

function isSource(v: unknown): v is Source {
  return typeof v === 'object' && v !== null && typeof (v as Source).file === 'string';
}

/** Strips provenance from a value, recording it in `sources` under `path`. */
function plain(v: unknown, path: string, sources: Record<string, string>): JsonOut | undefined {
  if (v === undefined) return undefined;
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (isFact(v)) {
    let d = describeSource(v.src);
    if (v.others?.length) d += ` | also: ${v.others.map((o) => `${JSON.stringify(o.value)} from ${describeSource(o.src)}`).join('; ')}`;
    sources[path] = d;
    return plain(v.value, path, {});
  }
  if (Array.isArray(v)) return v.map((x, i) => plain(x, `${path}[${i}]`, sources) ?? null);
  if (typeof v === 'object') {
    const out: { [k: string]: JsonOut } = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === 'src' && isSource(x)) {
        sources[path] = describeSource(x);
        continue;
      }
      const p = plain(x, `${path}.${k}`, sources);
      if (p !== undefined) out[k] = p;
    }
    return out;
  }
  return undefined;
}

export function toReport(m: ImportedMachine): ImportReport {
  const sources: Record<string, string> = {};
  const list = (name: string, items: unknown[]): JsonOut[] => items.map((x, i) => plain(x, `${name}[${i}]`, sources) ?? null);

  const nodes = m.nodes.map((n, i) => {
    const path = `nodes[${i}]`;
    sources[path] = describeSource(n.src);
    const out: ImportReport['nodes'][number] = { id: n.id };
    const put = (k: string, v: unknown) => {
      const p = plain(v, `${path}.${k}`, sources);
      if (p !== undefined) out[k] = p;
    };
    put('totalBytes', n.totalBytes);
    put('cpus', n.cpus);
    if (n.zones.length) put('zones', n.zones);
    put('managedBytes', n.managedBytes);
    put('freeBytes', n.freeBytes);
    put('usedBytes', n.usedBytes);
    put('kind', n.kind);
    put('memoryTier', n.memoryTier);
    put('memorySideCacheBytes', n.memorySideCacheBytes);
    put('daxType', n.daxType);
    put('access', n.access);
    return out;
  });

  const report: ImportReport = {
    files: plain(m.files, 'files', {}) ?? [],
    pageSizeBytes: m.pageSizeBytes.value,
    nodes,
    namespaces: list('namespaces', m.namespaces),
    regions: list('regions', m.regions),
    daxDevices: list('daxDevices', m.daxDevices),
    cxlRegions: list('cxlRegions', m.cxlRegions),
    conflicts: [],
    warnings: m.warnings.map(formatIssue),
    sources,
  };
  sources.pageSizeBytes = describeSource(m.pageSizeBytes.src);
  if (m.distances) {
    report.distances = m.distances.rows.map((row, i) =>
      row.map((c, j) => {
        if (!c) return null;
        sources[`distances[${i}][${j}]`] = describeSource(c.src);
        return c.value;
      }),
    );
  }
  for (const k of ['memoryBlockBytes', 'onlineBytes', 'offlineBytes'] as const) {
    const v = m[k];
    if (v) report[k] = plain(v, k, sources) as number;
  }
  const extras = {
    memoryRanges: m.memoryRanges,
    physicalRanges: m.physicalRanges,
    dimms: m.dimms,
    buses: m.buses,
    labelAreas: m.labelAreas,
    infoBlocks: m.infoBlocks,
    daxRegions: m.daxRegions,
    cxlMemdevs: m.cxlMemdevs,
    cxlDecoders: m.cxlDecoders,
    memoryTiers: m.memoryTiers,
  };
  for (const [k, v] of Object.entries(extras)) if (v.length) report[k] = list(k, v);
  if (Object.keys(m.meminfo).length) report.meminfo = plain(m.meminfo, 'meminfo', sources) ?? null;
  report.conflicts = m.conflicts.map((c) => ({
    what: c.what,
    chosen: { value: plain(c.chosen.value, '', {}) ?? null, from: describeSource(c.chosen.src) },
    others: c.others.map((o) => ({ value: plain(o.value, '', {}) ?? null, from: describeSource(o.src) })),
    rule: c.rule,
  }));
  // Warnings and sources last: they are long, and the machine is what one reads first.
  const { warnings, ...rest } = report;
  return { ...rest, warnings, sources } as ImportReport;
}
