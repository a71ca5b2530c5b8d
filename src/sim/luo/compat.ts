// Version compatibility of live updates. A kernel reads and writes serialization formats
// (luo-v1, memfd-v1, memfd-v2, kho-v1, kho-v2). An update A -> B is allowed only when, for every
// format family A writes, B reads one of the versions A can write; during a transition a kernel may
// write both an old and a new version, and the agent (luod) picks one the next kernel reads.
// Upstream supports one step; a distribution plans the chain. Kernels marked illustrative are
// hypothetical, for the what-if.
export type FormatId = 'luo-v1' | 'memfd-v1' | 'memfd-v2' | 'kho-v1' | 'kho-v2';
export type Family = 'luo' | 'memfd' | 'kho';

export const FORMAT_FAMILY: Record<FormatId, Family> = {
  'luo-v1': 'luo',
  'memfd-v1': 'memfd',
  'memfd-v2': 'memfd',
  'kho-v1': 'kho',
  'kho-v2': 'kho',
};

const ORDER: FormatId[] = ['kho-v1', 'kho-v2', 'luo-v1', 'memfd-v1', 'memfd-v2'];

export interface KernelNode {
  id: string;
  label: string;
  reads: FormatId[];
  writes: FormatId[];
  /** Hypothetical kernel, for the what-if. */
  illustrative: boolean;
  evidence: string;
}

export const KERNELS: KernelNode[] = [
  { id: '6.16', label: 'Linux 6.16 (KHO merged, no LUO)', reads: ['kho-v1'], writes: ['kho-v1'], illustrative: false, evidence: 'S-KHO-616: root FDT "kho-v1"' },
  { id: '6.18', label: 'Linux 6.18 (KHO vmalloc/pages API, no LUO)', reads: ['kho-v1'], writes: ['kho-v1'], illustrative: false, evidence: 'S-KHO-618' },
  {
    id: '6.19',
    label: 'Linux 6.19 (LUO sessions, memfd-v1)',
    reads: ['kho-v1', 'luo-v1', 'memfd-v1'],
    writes: ['kho-v1', 'luo-v1', 'memfd-v1'],
    illustrative: false,
    evidence: 'S-ABI-LUO "luo-v1", S-MEMFD "memfd-v1", S-KHO-619 "kho-v1"',
  },
  {
    id: 'radix',
    label: 'post-6.19 mainline (radix KHO tracker)',
    reads: ['kho-v2', 'luo-v1', 'memfd-v1'],
    writes: ['kho-v2', 'luo-v1', 'memfd-v1'],
    illustrative: false,
    evidence: 'S-KHO-RADIX "kho-v2" (verified); luo-v1 and memfd-v1 assumed unchanged (not pinned)',
  },
  {
    id: 'T1',
    label: 'T1: transition kernel, reads and writes kho-v1+v2, memfd-v1+v2',
    reads: ['kho-v1', 'kho-v2', 'luo-v1', 'memfd-v1', 'memfd-v2'],
    writes: ['kho-v1', 'kho-v2', 'luo-v1', 'memfd-v1', 'memfd-v2'],
    illustrative: true,
    evidence: 'illustrative',
  },
  {
    id: 'T2',
    label: 'T2: reads memfd-v1+v2, writes memfd-v2 only',
    reads: ['kho-v2', 'luo-v1', 'memfd-v1', 'memfd-v2'],
    writes: ['kho-v2', 'luo-v1', 'memfd-v2'],
    illustrative: true,
    evidence: 'illustrative',
  },
  {
    id: 'F',
    label: 'F: future kernel, memfd-v2 only',
    reads: ['kho-v2', 'luo-v1', 'memfd-v2'],
    writes: ['kho-v2', 'luo-v1', 'memfd-v2'],
    illustrative: true,
    evidence: 'illustrative',
  },
];

export interface EdgeVerdict {
  from: string;
  to: string;
  allowed: boolean;
  /** The version luod picks for each family A writes (the newest B reads). */
  choice: Partial<Record<Family, FormatId>>;
  reasons: string[];
}

function families(fs: FormatId[]): Family[] {
  return [...new Set(fs.map((f) => FORMAT_FAMILY[f]))];
}

export function checkUpdate(a: KernelNode, b: KernelNode): EdgeVerdict {
  const choice: EdgeVerdict['choice'] = {};
  const reasons: string[] = [];
  for (const fam of families(a.writes)) {
    const offered = a.writes.filter((f) => FORMAT_FAMILY[f] === fam);
    const readable = offered.filter((f) => b.reads.includes(f)).sort((x, y) => ORDER.indexOf(y) - ORDER.indexOf(x));
    if (readable.length) choice[fam] = readable[0];
    else reasons.push(`${b.id} reads none of ${offered.join(', ')} that ${a.id} writes for ${fam}${b.reads.some((f) => FORMAT_FAMILY[f] === fam) ? ` (it reads ${b.reads.filter((f) => FORMAT_FAMILY[f] === fam).join(', ')})` : ` (it has no ${fam})`}`);
  }
  return { from: a.id, to: b.id, allowed: reasons.length === 0, choice, reasons };
}

/** Every pair, for the matrix view. */
export function compatMatrix(kernels: KernelNode[] = KERNELS): EdgeVerdict[][] {
  return kernels.map((a) => kernels.map((b) => checkUpdate(a, b)));
}

export type Plan = { ok: true; path: string[]; steps: EdgeVerdict[] } | { ok: false; reason: string; reachable: string[] };

/**
 * Shortest chain of live updates from one kernel to another (breadth first, list order breaks
 * ties). forwardOnly keeps to the list order, as a distribution plans upgrades.
 */
export function planUpgrade(from: string, to: string, kernels: KernelNode[] = KERNELS, opts: { forwardOnly?: boolean } = {}): Plan {
  const forwardOnly = opts.forwardOnly ?? true;
  const idx = new Map(kernels.map((k, i) => [k.id, i]));
  const a = idx.get(from);
  const b = idx.get(to);
  if (a === undefined || b === undefined) return { ok: false, reason: `unknown kernel ${a === undefined ? from : to}`, reachable: [] };
  if (a === b) return { ok: true, path: [from], steps: [] };
  const prev = new Map<number, number>([[a, -1]]);
  const queue = [a];
  while (queue.length) {
    const i = queue.shift()!;
    if (i === b) break;
    kernels.forEach((k, j) => {
      if (prev.has(j) || (forwardOnly && j <= i)) return;
      if (checkUpdate(kernels[i], k).allowed) {
        prev.set(j, i);
        queue.push(j);
      }
    });
  }
  if (!prev.has(b)) {
    const reachable = [...prev.keys()].map((i) => kernels[i].id);
    const blockers = [...prev.keys()].map((i) => checkUpdate(kernels[i], kernels[b])).map((v) => `${v.from} -> ${v.to}: ${v.reasons.join('; ')}`);
    return {
      ok: false,
      reachable,
      reason: `no chain of live updates from ${from} reaches ${to}${forwardOnly ? ' (forward only)' : ''}. Reachable: ${reachable.join(', ')}. ${blockers.join(' | ')}`,
    };
  }
  const path: number[] = [];
  for (let i = b; i !== -1; i = prev.get(i)!) path.unshift(i);
  return { ok: true, path: path.map((i) => kernels[i].id), steps: path.slice(1).map((j, k) => checkUpdate(kernels[path[k]], kernels[j])) };
}
