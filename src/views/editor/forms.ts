// Pure helpers of the what-if editor: parse what the user typed into the fields of a form and
// turn it into an EditOp for the worker, or into an error that names the field and the column.
// No React here; everything is tested in forms.test.ts.
import { CXL_REGION_SIZE_UNIT, PAGE_SIZE, PMEM_START_ALIGN } from '../../sim/machine/constants';
import type { EditOp } from '../../sim/machine/edits/ops';
import type { CxlRegion, DaxDevice, Machine, Namespace, NamespaceMode, PfnMap, ZoneName } from '../../sim/machine/schema';
import { formatBytes, formatSizeArg, KiB, MiB, GiB, parseSize } from '../../sim/units/size';
import type { Selection } from '../../store/types';

/** A field the user got wrong: which one ('' = the form as a whole), what is wrong, and where in the text (1-based). */
export interface FieldError {
  field: string;
  message: string;
  column?: number;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(field: string, message: string, column?: number): Parsed<T> => ({ ok: false, errors: [{ field, message, column }] });

export const NAMESPACE_MODES: readonly NamespaceMode[] = ['fsdax', 'devdax', 'sector', 'raw'];
export const PFN_MAPS: readonly PfnMap[] = ['dev', 'mem'];
/** --align values ndctl offers for fsdax/devdax (ndctl list -C), plus 16M seen in the write-infoblock sample. */
export const ALIGNS: readonly number[] = [4 * KiB, 2 * MiB, 16 * MiB, 1 * GiB];
export const SECTOR_SIZES: readonly number[] = [512, 520, 528, 4096, 4104, 4160, 4224];
/** Zones a boot RAM block can be onlined into (setBlocks refuses ZONE_DEVICE). */
export const BLOCK_ZONES: readonly ZoneName[] = ['DMA', 'DMA32', 'Normal', 'Movable', 'ExMem'];
export const SMDK_MODES = [
  { mode: 'group-zone', text: 'group-zone: each device joins its socket’s DRAM node as a separate zone' },
  { mode: 'group-node', text: 'group-node: one CXL node per socket (node = nr_socket + socket)' },
  { mode: 'group-noop', text: 'group-noop: one node per device (node = nr_socket + i)' },
  { mode: 'group-dax', text: 'group-dax: no node; hmem devdax (node −1)' },
] as const;
export type SmdkMode = (typeof SMDK_MODES)[number]['mode'];

const isPfn = (mode: NamespaceMode) => mode === 'fsdax' || mode === 'devdax';
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const lcm = (a: number, b: number) => (a / gcd(a, b)) * b;

/** Where `text` stops being a size (1-based column), for a located message. */
function badColumn(text: string): { column: number; what: string } {
  let i = 0;
  while (i < text.length && /\s/.test(text[i])) i++;
  if (/^0x/i.test(text.slice(i))) {
    let j = i + 2;
    while (j < text.length && /[0-9a-f]/i.test(text[j])) j++;
    return j === i + 2 ? { column: j + 1, what: 'expected hex digits after 0x' } : { column: j + 1, what: `unexpected "${text[j]}"` };
  }
  if (!/\d/.test(text[i] ?? '')) return { column: i + 1, what: 'expected a number' };
  while (i < text.length && /\d/.test(text[i])) i++;
  if (text[i] === '.') {
    i++;
    if (!/\d/.test(text[i] ?? '')) return { column: i + 1, what: 'expected digits after the decimal point' };
    while (i < text.length && /\d/.test(text[i])) i++;
  }
  while (i < text.length && /\s/.test(text[i])) i++;
  const unitAt = i;
  while (i < text.length && /[a-z]/i.test(text[i])) i++;
  const unit = text.slice(unitAt, i);
  if (unit && !/^(b|[kmgtp](i?b)?)$/i.test(unit)) return { column: unitAt + 1, what: `unknown unit "${unit}"` };
  while (i < text.length && /\s/.test(text[i])) i++;
  if (i < text.length) return { column: i + 1, what: `unexpected "${text[i]}"` };
  return { column: 1, what: 'not a whole number of bytes' };
}

/**
 * Parses a size field ("1G", "512M", "4096", "0x1000"). Errors name the field and the column
 * where the text stops being a size.
 */
export function parseSizeField(field: string, text: string, opts: { allowZero?: boolean } = {}): Parsed<number> {
  const t = text.trim();
  if (t === '') return bad(field, 'enter a size such as 1G, 512M or 0x40000000');
  let bytes: number;
  try {
    bytes = parseSize(text);
  } catch (e) {
    const big = /larger than 2\^53/.test((e as Error).message);
    if (big) return bad(field, `"${t}" is larger than 2^53 bytes`);
    const { column, what } = badColumn(text);
    return bad(field, `"${text}" at column ${column}: ${what} (write bytes, or a number with K, M, G, T)`, column);
  }
  if (bytes === 0 && !opts.allowZero) return bad(field, 'must be greater than 0');
  return ok(bytes);
}

/** Parses a whole number in [min, max]. */
export function parseCountField(field: string, text: string, min: number, max: number): Parsed<number> {
  const t = text.trim();
  if (!/^\d+$/.test(t)) {
    const i = text.search(/[^\s\d]/);
    return bad(field, t === '' ? `enter a whole number from ${min} to ${max}` : `"${text}" at column ${i + 1}: expected a whole number`, t === '' ? undefined : i + 1);
  }
  const n = Number(t);
  if (n < min || n > max) return bad(field, `must be from ${min} to ${max}, got ${n}`);
  return ok(n);
}

/** Joins the results of several field parsers: all values, or every error at once. */
export function collect<T extends Record<string, unknown>>(parts: { [K in keyof T]: Parsed<T[K]> }): Parsed<T> {
  const errors: FieldError[] = [];
  const value = {} as T;
  for (const k of Object.keys(parts) as (keyof T)[]) {
    const p = parts[k];
    if (p.ok) value[k] = p.value;
    else errors.push(...p.errors);
  }
  return errors.length ? { ok: false, errors } : ok(value);
}

export const sizeArg = (bytes: number): string => formatSizeArg(bytes);
export const hex = (n: number): string => `0x${n.toString(16)}`;
/** "1 GiB", "512 MiB", "1.46 TiB": exact when whole, else two decimals. */
export function bytesText(n: number): string {
  const s = formatBytes(n);
  return s.replace(/\.00 /, ' ');
}
export const alignText = (n: number): string => formatSizeArg(n);
export const granularityText = (g: number): string => (g >= 1024 ? `${g / 1024} KiB` : `${g} B`);

// ── pmem ──────────────────────────────────────────────────────────────────────────────────────

/** Interleave ways of a pmem region (1 for carve-outs without DIMMs). */
export function regionWays(m: Machine, regionId: string): number {
  return Math.max(1, m.pmem?.regions.find((r) => r.id === regionId)?.dimms.length ?? 1);
}

/**
 * Size step a namespace of this region must keep: ways × align (ndctl), and for consecutive
 * fsdax/devdax namespaces a multiple of 16 MiB so that each next one starts on the boundary.
 */
export function namespaceUnit(ways: number, mode: NamespaceMode, align: number, labelless = false): number {
  const unit = isPfn(mode) ? ways * Math.max(align, PAGE_SIZE) : ways * PAGE_SIZE;
  return isPfn(mode) && !labelless ? lcm(unit, PMEM_START_ALIGN) : unit;
}

/** The free tail of a region that splitRegion fills: after the last namespace, up to the usable end. */
export function splitSpace(m: Machine, regionId: string): { at: number; end: number } | null {
  const region = m.pmem?.regions.find((r) => r.id === regionId);
  if (!region) return null;
  const end = region.start + region.size - (region.provider === 'ramdax' ? 128 * KiB : 0);
  const at = (m.pmem?.namespaces ?? []).filter((n) => n.region === regionId).reduce((a, n) => Math.max(a, n.start + n.size), region.start);
  return { at, end: Math.max(at, end) };
}

export interface SplitForm {
  region: string;
  size: string;
  count: string;
  mode: NamespaceMode;
  align: number;
  map: PfnMap;
}

export interface SplitPlan {
  size: number;
  count: number;
  start: number;
  free: number;
  leftover: number;
  op: EditOp;
  summary: string;
}

/**
 * splitRegion fills the region's free tail with namespaces of one size. The user gives the size
 * ("1G"), or a count, for which the largest size that keeps every rule of the region is chosen.
 */
export function planSplit(m: Machine, f: SplitForm): Parsed<SplitPlan> {
  const space = splitSpace(m, f.region);
  if (!space) return bad('', `no region "${f.region}"`);
  const free = space.end - space.at;
  const region = m.pmem!.regions.find((r) => r.id === f.region)!;
  const unit = namespaceUnit(regionWays(m, f.region), f.mode, f.align, region.provider === 'nd_e820');
  const hasSize = f.size.trim() !== '';
  const hasCount = f.count.trim() !== '';
  if (!hasSize && !hasCount) return bad('Size of each', 'enter a size (such as 1G), or a number of namespaces');
  let size: number;
  let count: number;
  if (hasSize) {
    const s = parseSizeField('Size of each', f.size);
    if (!s.ok) return s;
    size = s.value;
    count = Math.floor(free / size);
    if (hasCount) {
      const c = parseCountField('Count', f.count, 1, 10_000);
      if (!c.ok) return c;
      if (c.value !== count)
        return bad('Count', `${count} namespaces of ${sizeArg(size)} fit in the ${bytesText(free)} free; the split fills the free space, so leave Count empty or make it ${count}`);
    }
  } else {
    const c = parseCountField('Count', f.count, 1, 10_000);
    if (!c.ok) return c;
    count = c.value;
    size = Math.floor(free / count / unit) * unit;
    if (size === 0) return bad('Count', `${bytesText(free)} free cannot hold ${count} namespaces of at least ${sizeArg(unit)}`);
    if (Math.floor(free / size) !== count) return bad('Count', `no multiple of ${sizeArg(unit)} splits ${bytesText(free)} into exactly ${count}; give a size instead`);
  }
  const op: EditOp = { op: 'splitRegion', args: [f.region, size, { mode: f.mode, align: f.align, map: f.map }], label: `split ${f.region}` };
  return ok({
    size,
    count,
    start: space.at,
    free,
    leftover: free - count * size,
    op,
    summary: `split ${f.region} into ${count} × ${sizeArg(size)} ${f.mode} namespaces`,
  });
}

export interface NamespaceForm {
  size: string;
  start: string;
  mode: NamespaceMode;
  align: number;
  map: PfnMap;
  sectorSize: number;
}

export const namespaceFormOf = (ns: Namespace): NamespaceForm => ({ size: sizeArg(ns.size), start: hex(ns.start), mode: ns.mode, align: ns.align, map: ns.map, sectorSize: ns.sectorSize });

/** reconfigureNamespace with the fields that differ from the namespace as it is. */
export function namespaceChange(ns: Namespace, f: NamespaceForm): Parsed<EditOp> {
  const p = collect<{ size: number; start: number }>({ size: parseSizeField('Size', f.size), start: parseSizeField('Start', f.start, { allowZero: true }) });
  if (!p.ok) return p;
  const change: Partial<Pick<Namespace, 'size' | 'mode' | 'align' | 'map' | 'start' | 'sectorSize'>> = {};
  if (p.value.size !== ns.size) change.size = p.value.size;
  if (p.value.start !== ns.start) change.start = p.value.start;
  if (f.mode !== ns.mode) change.mode = f.mode;
  if (f.align !== ns.align) change.align = f.align;
  if (f.map !== ns.map) change.map = f.map;
  if (f.mode === 'sector' && f.sectorSize !== ns.sectorSize) change.sectorSize = f.sectorSize as Namespace['sectorSize'];
  const keys = Object.keys(change);
  if (keys.length === 0) return bad('', `nothing to change: ${ns.id} already looks like this`);
  return ok({ op: 'reconfigureNamespace', args: [ns.id, change], label: `reconfigure ${ns.id} (${keys.join(', ')})` });
}

/** The next free id of the form `${prefix}${n}` ("nmem12", "region2", "mem4"). */
export function nextId(taken: readonly string[], prefix: string): string {
  const used = new Set(taken);
  let n = 0;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

/** namespaceX.Y for region X (the number at the end of the region id), Y the first unused. */
export function nextNamespaceId(m: Machine, regionId: string): string {
  const x = /(\d+)$/.exec(regionId)?.[1] ?? '0';
  return nextId((m.pmem?.namespaces ?? []).map((n) => n.id), `namespace${x}.`);
}

export interface AddNamespaceForm {
  region: string;
  size: string;
  start: string;
  mode: NamespaceMode;
  align: number;
  map: PfnMap;
}

export function addNamespaceOp(m: Machine, f: AddNamespaceForm): Parsed<EditOp> {
  const size = parseSizeField('Size', f.size);
  const start = f.start.trim() === '' ? ok<number | undefined>(undefined) : parseSizeField('Start', f.start, { allowZero: true });
  const p = collect<{ size: number; start: number | undefined }>({ size, start });
  if (!p.ok) return p;
  const id = nextNamespaceId(m, f.region);
  const ns = { id, region: f.region, size: p.value.size, mode: f.mode, align: f.align, map: f.map, sectorSize: 4096 as const, ...(p.value.start !== undefined ? { start: p.value.start } : {}) };
  return ok({ op: 'addNamespace', args: [ns], label: `add ${id}` });
}

// ── dax ───────────────────────────────────────────────────────────────────────────────────────

export interface DaxForm {
  mode: 'devdax' | 'system-ram';
  movable: boolean;
  online: boolean;
  memmapOnMemory: boolean;
}

export const daxFormOf = (d: DaxDevice): DaxForm => ({ mode: d.mode, movable: d.movable, online: d.online, memmapOnMemory: d.memmapOnMemory });

export function daxChange(d: DaxDevice, f: DaxForm): Parsed<EditOp> {
  const change: Partial<DaxForm> = {};
  for (const k of ['mode', 'movable', 'online', 'memmapOnMemory'] as const) if (f[k] !== d[k]) (change as Record<string, unknown>)[k] = f[k];
  if (Object.keys(change).length === 0) return bad('', `nothing to change: ${d.id} already looks like this`);
  return ok({ op: 'setDaxMode', args: [d.id, change], label: `daxctl ${d.id}` });
}

// ── CXL ───────────────────────────────────────────────────────────────────────────────────────

/** Keeps the targets already chosen and fills new positions with unused memdevs. */
export function resizeTargets(targets: readonly string[], ways: number, memdevs: readonly string[]): string[] {
  const out = targets.slice(0, ways);
  for (const d of memdevs) {
    if (out.length >= ways) break;
    if (!out.includes(d)) out.push(d);
  }
  while (out.length < ways) out.push('');
  return out;
}

export interface CxlRegionForm {
  ways: number;
  granularity: number;
  targets: string[];
  size: string;
  dax: CxlRegion['dax'];
  movable: boolean;
  /** '' = no node given (CFMWS default). */
  node: string;
}

export const cxlRegionFormOf = (r: CxlRegion): CxlRegionForm => ({
  ways: r.ways,
  granularity: r.granularity,
  targets: [...r.targets],
  size: sizeArg(r.size),
  dax: r.dax,
  movable: r.movable,
  node: r.node === undefined ? '' : String(r.node),
});

function parseTargets(targets: readonly string[], ways: number): Parsed<string[]> {
  const t = targets.slice(0, ways);
  const missing = t.findIndex((x) => !x);
  if (missing >= 0 || t.length < ways) return bad(`Position ${missing < 0 ? t.length : missing}`, 'choose a memdev for every interleave position');
  return ok(t);
}

/** setCxlInterleave with the fields that differ (the region is re-created: data is not kept). */
export function cxlRegionChange(r: CxlRegion, f: CxlRegionForm): Parsed<EditOp> {
  const p = collect<{ size: number; targets: string[] }>({ size: parseSizeField('Size', f.size), targets: parseTargets(f.targets, f.ways) });
  if (!p.ok) return p;
  const change: Partial<Pick<CxlRegion, 'ways' | 'granularity' | 'targets' | 'size' | 'dax' | 'movable' | 'node'>> = {};
  if (f.ways !== r.ways) change.ways = f.ways;
  if (f.granularity !== r.granularity) change.granularity = f.granularity;
  if (p.value.targets.join() !== r.targets.join()) change.targets = p.value.targets;
  if (p.value.size !== r.size) change.size = p.value.size;
  if (f.dax !== r.dax) change.dax = f.dax;
  if (f.movable !== r.movable) change.movable = f.movable;
  const node = f.node === '' ? undefined : Number(f.node);
  if (node !== r.node && node !== undefined) change.node = node;
  const keys = Object.keys(change);
  if (keys.length === 0) return bad('', `nothing to change: ${r.id} already looks like this`);
  return ok({ op: 'setCxlInterleave', args: [r.id, change], label: `cxl ${r.id} (${keys.join(', ')})` });
}

/** First 256 MiB-aligned HPA in a root decoder window that no region uses, for `size` bytes. */
export function freeHpa(m: Machine, decoderId: string, size: number): number | null {
  const d = m.cxl?.rootDecoders.find((x) => x.id === decoderId);
  if (!d) return null;
  const used = (m.cxl?.regions ?? []).filter((r) => r.rootDecoder === decoderId).sort((a, b) => a.start - b.start);
  let at = d.start;
  for (const r of used) {
    if (r.start - at >= size) break;
    at = Math.max(at, d.start + Math.ceil((r.start + r.size - d.start) / CXL_REGION_SIZE_UNIT) * CXL_REGION_SIZE_UNIT);
  }
  return at + size <= d.start + d.size ? at : null;
}

export interface AddCxlRegionForm {
  decoder: string;
  type: 'ram' | 'pmem';
  ways: number;
  granularity: number;
  targets: string[];
  size: string;
  start: string;
  dax: CxlRegion['dax'];
}

export function addCxlRegionOp(m: Machine, f: AddCxlRegionForm): Parsed<EditOp> {
  const p = collect<{ size: number; targets: string[] }>({ size: parseSizeField('Size', f.size), targets: parseTargets(f.targets, f.ways) });
  if (!p.ok) return p;
  let start: number;
  if (f.start.trim() === '') {
    const at = freeHpa(m, f.decoder, p.value.size);
    if (at === null) return bad('Size', `no free ${sizeArg(p.value.size)} left in the window of ${f.decoder}`);
    start = at;
  } else {
    const s = parseSizeField('Start', f.start, { allowZero: true });
    if (!s.ok) return s;
    start = s.value;
  }
  const id = nextId((m.cxl?.regions ?? []).map((r) => r.id), 'region');
  const region: CxlRegion = { id, rootDecoder: f.decoder, type: f.type, ways: f.ways, granularity: f.granularity, start, size: p.value.size, targets: p.value.targets, dax: f.dax, movable: true };
  return ok({ op: 'addCxlRegion', args: [region], label: `cxl create-region ${id}` });
}

export interface AddMemdevForm {
  ram: string;
  pmem: string;
  attach: string;
  sharing: 'private' | 'shared';
}

export function addMemdevOp(m: Machine, f: AddMemdevForm): Parsed<EditOp> {
  const p = collect<{ ram: number; pmem: number }>({ ram: parseSizeField('RAM', f.ram, { allowZero: true }), pmem: parseSizeField('pmem', f.pmem, { allowZero: true }) });
  if (!p.ok) return p;
  if (p.value.ram + p.value.pmem === 0) return bad('RAM', 'a memory device needs some capacity');
  if (!f.attach) return bad('Attached to', 'choose a host bridge or switch');
  const id = nextId((m.cxl?.memdevs ?? []).map((d) => d.id), 'mem');
  const dev = {
    id,
    ramBytes: p.value.ram,
    pmemBytes: p.value.pmem,
    partitionAlignBytes: 256 * MiB,
    attach: f.attach,
    linkGTs: 32,
    linkWidth: 8 as const,
    addedLatencyNs: 80,
    sharing: f.sharing,
    hosts: [],
  };
  return ok({ op: 'addCxlMemdev', args: [dev], label: `add ${id}` });
}

// ── memory blocks ─────────────────────────────────────────────────────────────────────────────

export interface BlocksForm {
  first: string;
  count: string;
  action: 'online' | 'offline';
  /** '' keeps each block's zone. */
  zone: '' | ZoneName;
}

export interface BlocksPlan {
  start: number;
  end: number;
  count: number;
  op: EditOp;
  summary: string;
}

/** memoryN blocks [first, first + count) → setBlocks at first × block size. */
export function planBlocks(m: Machine, f: BlocksForm): Parsed<BlocksPlan> {
  const bs = m.memoryBlockBytes;
  const maxBlock = Math.floor(Number.MAX_SAFE_INTEGER / bs);
  const p = collect<{ first: number; count: number }>({ first: parseCountField('First block', f.first, 0, maxBlock), count: parseCountField('Blocks', f.count, 1, 1_000_000) });
  if (!p.ok) return p;
  const start = p.value.first * bs;
  const end = start + p.value.count * bs;
  const state = f.action === 'online' && f.zone ? { online: true, zone: f.zone } : { online: f.action === 'online' };
  const last = p.value.first + p.value.count - 1;
  const names = p.value.count === 1 ? `memory${p.value.first}` : `memory${p.value.first}–memory${last}`;
  return ok({
    start,
    end,
    count: p.value.count,
    op: { op: 'setBlocks', args: [start, p.value.count, state], label: `${f.action} ${names}` },
    summary: `${f.action === 'online' ? `onlined ${names}${f.zone ? ` into ${f.zone}` : ''}` : `offlined ${names}`}`,
  });
}

/** The whole blocks a range covers: [first, first + count). */
export function blocksOf(m: Machine, start: number, size: number): { first: number; count: number } {
  const bs = m.memoryBlockBytes;
  const first = Math.ceil(start / bs);
  const last = Math.floor((start + size) / bs);
  return { first, count: Math.max(0, last - first) };
}

// ── selection → what the editor opens ─────────────────────────────────────────────────────────

export type EditorTarget =
  | { section: 'pmem'; kind: 'region' | 'namespace' | 'dimm'; id: string }
  | { section: 'dax'; kind: 'dax'; id: string }
  | { section: 'cxl'; kind: 'region' | 'memdev'; id: string }
  | { section: 'blocks'; kind: 'range'; id: string };

const PATH = /^\$\.(pmem\.regions|pmem\.namespaces|pmem\.dimms|dax|cxl\.regions|cxl\.memdevs|cxl\.rootDecoders|ranges)\[(\d+)\]/;

/**
 * What a selection (a map object's JSON path like "$.pmem.namespaces[1]", a range id, or a
 * rule's path like "$.cxl.regions[0].ways") points to in the editor; null when nothing.
 */
export function targetOfSelection(sel: Selection | null, m: Machine | null | undefined): EditorTarget | null {
  if (!sel || !m || sel.kind !== 'range') return null;
  const match = PATH.exec(sel.id);
  if (!match) {
    const r = m.ranges.find((x) => x.id === sel.id);
    return r ? rangeTarget(m, r) : null;
  }
  const i = Number(match[2]);
  switch (match[1]) {
    case 'pmem.regions': {
      const r = m.pmem?.regions[i];
      return r ? { section: 'pmem', kind: 'region', id: r.id } : null;
    }
    case 'pmem.namespaces': {
      const n = m.pmem?.namespaces[i];
      return n ? { section: 'pmem', kind: 'namespace', id: n.id } : null;
    }
    case 'pmem.dimms': {
      const d = m.pmem?.dimms[i];
      return d ? { section: 'pmem', kind: 'dimm', id: d.id } : null;
    }
    case 'dax': {
      const d = m.dax?.[i];
      return d ? { section: 'dax', kind: 'dax', id: d.id } : null;
    }
    case 'cxl.regions': {
      const r = m.cxl?.regions[i];
      return r ? { section: 'cxl', kind: 'region', id: r.id } : null;
    }
    case 'cxl.memdevs': {
      const d = m.cxl?.memdevs[i];
      return d ? { section: 'cxl', kind: 'memdev', id: d.id } : null;
    }
    case 'cxl.rootDecoders': {
      const d = m.cxl?.rootDecoders[i];
      const r = d && m.cxl?.regions.find((x) => x.rootDecoder === d.id);
      return r ? { section: 'cxl', kind: 'region', id: r.id } : null;
    }
    default: {
      const r = m.ranges[i];
      return r ? rangeTarget(m, r) : null;
    }
  }
}

function rangeTarget(m: Machine, r: Machine['ranges'][number]): EditorTarget | null {
  if (r.type === 'system-ram') return { section: 'blocks', kind: 'range', id: r.id };
  const region = m.pmem?.regions.find((x) => x.start < r.start + r.size && r.start < x.start + x.size);
  if (region) return { section: 'pmem', kind: 'region', id: region.id };
  const cxl = m.cxl?.regions.find((x) => x.start < r.start + r.size && r.start < x.start + x.size);
  return cxl ? { section: 'cxl', kind: 'region', id: cxl.id } : null;
}

// ── DIMMs and regions ─────────────────────────────────────────────────────────────────────────

export function addDimmOp(m: Machine, f: { node: string; capacity: string }): Parsed<EditOp> {
  const cap = parseSizeField('Capacity', f.capacity);
  if (!cap.ok) return cap;
  const id = nextId((m.pmem?.dimms ?? []).map((d) => d.id), 'nmem');
  return ok({ op: 'addDimm', args: [{ id, node: Number(f.node), capacity: cap.value, labelAreaBytes: 128 * KiB, labelSize: 256 }], label: `add ${id}` });
}

export interface AddRegionForm {
  provider: 'nfit' | 'e820' | 'ramdax';
  node: string;
  start: string;
  size: string;
  dimms: string[];
  dimmOffset: string;
}

export function addRegionOp(m: Machine, f: AddRegionForm): Parsed<EditOp> {
  const p = collect<{ start: number; size: number; dimmOffset: number }>({
    start: parseSizeField('Start', f.start, { allowZero: true }),
    size: parseSizeField('Size', f.size),
    dimmOffset: f.provider === 'nfit' ? parseSizeField('DPA offset', f.dimmOffset, { allowZero: true }) : ok(0),
  });
  if (!p.ok) return p;
  if (f.provider === 'nfit' && f.dimms.length === 0) return bad('DIMMs', 'an NFIT region interleaves at least one DIMM');
  const id = nextId((m.pmem?.regions ?? []).map((r) => r.id), 'region');
  const region = {
    id,
    provider: f.provider,
    start: p.value.start,
    size: p.value.size,
    dimms: f.provider === 'nfit' ? [...f.dimms] : [],
    dimmOffset: p.value.dimmOffset,
    node: Number(f.node),
    persistenceDomain: 'unknown' as const,
  };
  return ok({ op: 'addRegion', args: [region], label: `add ${id}` });
}

/** A size-only edit (resizeDimm, resizeRegion): refused locally when the size is unchanged. */
export function resizeOp(op: 'resizeDimm' | 'resizeRegion', id: string, current: number, text: string, field: string): Parsed<EditOp> {
  const s = parseSizeField(field, text);
  if (!s.ok) return s;
  if (s.value === current) return bad('', `nothing to change: ${id} is already ${sizeArg(current)}`);
  return ok({ op, args: [id, s.value], label: `resize ${id}` });
}
