// hwloc XML (`lstopo --of xml`): version 2 (hwloc 2.x, e.g. Debian 12) and version 3, with a best
// effort for 1.x. Differences handled (hwloc/topology-xml.c):
//  - v3 adds id="objN" (v2 has only gp_index) and moves topology infos after the root object;
//  - memory attributes: <memattr name flags><memattr_value target_obj_gp_index value
//    initiator_cpuset|initiator_obj_gp_index/></memattr> (since 2.3);
//  - memory tiers: v2.10+ sets info MemoryTier on NUMA nodes, v3 writes <memtier kinds nodeset/>;
//  - distances: <distances2 type="NUMANode" indexing="os"><indexes/><u64values/></distances2>
//    (v2/v3), <distances><latency value/></distances> relative to latency_base (v1).
import type { ParseContext } from '../context';
import { snippet } from '../errors';
import type { DaxDeviceInfo, Fragment, NodeFragment } from '../fragment';
import { MAX_NODE_ID, nodeOf } from '../fragment';
import { at, inferred } from '../provenance';
import { parseCount } from '../text/numbers';
import { parseLstopoSize } from '../text/sizes';
import type { XmlElement } from '../xml/tokenize';
import { applyMemattr, isAccessMemattr, kindsToSubtype, parseBitmap, subtypeOf } from './common';

interface ObjInfo {
  type: string;
  el: XmlElement;
  cpus?: number[];
  parent?: ObjInfo;
  /** OS indexes of the PUs below (filled during the walk; nesting is bounded, so linear overall). */
  pus?: number[];
}

export function readHwlocXml(root: XmlElement, ctx: ParseContext, f: Fragment): void {
  const { file, log } = ctx;
  if (root.name !== 'topology') {
    log.error({ line: root.line, message: 'not an hwloc topology', expected: '<topology> as the root element', found: `<${root.name}>` });
    return;
  }
  const version = root.attrs.get('version');
  const major = version ? Number.parseInt(version, 10) : 1;
  if (!version) log.warn({ line: root.line, message: 'no version attribute: read as hwloc 1.x XML (best effort)' });
  else if (!(major >= 2 && major <= 3)) log.warn({ line: root.line, message: `XML version ${snippet(version)}: read as version 3` });

  const byGp = new Map<string, ObjInfo>();
  const numa: { info: ObjInfo; node: NodeFragment }[] = [];

  const visit = (el: XmlElement, parent: ObjInfo | undefined, cache: number | undefined): void => {
    const type = el.attrs.get('type') ?? '?';
    const info: ObjInfo = { type, el, ...(parent ? { parent } : {}) };
    const cpuset = el.attrs.get('cpuset');
    if (cpuset !== undefined) {
      const cpus = parseBitmap(cpuset);
      if (cpus) info.cpus = cpus;
      else log.skip({ line: el.line, message: `cpuset of ${type} ignored`, expected: 'an hwloc bitmap such as 0x000000ff', found: snippet(cpuset) });
    }
    const gp = el.attrs.get('gp_index') ?? el.attrs.get('id')?.replace(/^obj/, '');
    if (gp) byGp.set(gp, info);
    let memcache = cache;
    if (type === 'MemCache') {
      const size = parseCount(el.attrs.get('cache_size') ?? '');
      if (size) memcache = size;
    }
    if (type === 'PU') {
      const os = parseCount(el.attrs.get('os_index') ?? '');
      if (os !== undefined) for (let a = parent; a; a = a.parent) (a.pus ??= []).push(os);
    }
    if (type === 'OSDev' && /^dax\d{1,6}\.\d{1,6}$/.test(el.attrs.get('name') ?? '')) daxDevice(el);
    if (type === 'NUMANode') {
      const node = readNumaNode(el, memcache);
      if (node) numa.push({ info, node });
    }
    for (const child of el.children) {
      if (child.name === 'object') visit(child, type === 'MemCache' || type === 'NUMANode' ? parent : info, type === 'MemCache' ? memcache : undefined);
      else if (child.name === 'distances' && major < 2) v1Distances(child);
    }
  };

  const readNumaNode = (el: XmlElement, memcache: number | undefined): NodeFragment | undefined => {
    const os = parseCount(el.attrs.get('os_index') ?? '');
    if (os === undefined || os > MAX_NODE_ID) {
      log.skip({ line: el.line, message: 'NUMANode ignored', expected: `os_index from 0 to ${MAX_NODE_ID}`, found: snippet(el.attrs.get('os_index') ?? 'nothing') });
      return undefined;
    }
    if (f.nodes.has(os)) {
      log.warn({ line: el.line, message: `NUMANode ${os} appears twice; the first is kept` });
      return undefined;
    }
    const node = nodeOf(f, os, at(file, el.line));
    const mem = el.attrs.get('local_memory');
    if (mem !== undefined) {
      const v = parseCount(mem);
      if (v === undefined) log.skip({ line: el.line, message: `local_memory of node ${os} ignored`, expected: 'bytes', found: snippet(mem) });
      else node.managedBytes = { value: v, src: at(file, el.line, { note: 'hwloc local_memory (the node MemTotal)' }) };
    }
    const infos = new Map<string, string>();
    for (const c of el.children) {
      if (c.name === 'info' && c.attrs.has('name')) infos.set(c.attrs.get('name') ?? '', c.attrs.get('value') ?? '');
      if (c.name === 'page_type') {
        const size = parseCount(c.attrs.get('size') ?? '');
        if (size && (!f.pageSizeBytes || size < f.pageSizeBytes.value)) f.pageSizeBytes = { value: size, src: at(file, c.line, { note: 'smallest hwloc page_type' }) };
      }
    }
    const subtype = subtypeOf(el.attrs.get('subtype') ?? infos.get('Type'), infos.get('DAXType'));
    if (subtype) node.kind = { value: subtype, src: at(file, el.line, el.attrs.has('subtype') ? {} : { note: 'from DAXType' }) };
    const daxType = infos.get('DAXType');
    if (daxType) node.daxType = { value: daxType, src: at(file, el.line) };
    const tier = infos.get('MemoryTier');
    if (tier !== undefined) {
      const t = parseCount(tier);
      if (t !== undefined) node.memoryTier = { value: t, src: at(file, el.line, { note: 'hwloc info MemoryTier' }) };
    }
    if (memcache) node.memorySideCacheBytes = { value: memcache, src: at(file, el.line, { note: 'MemCache above this node' }) };
    return node;
  };

  /** OS device "daxX.Y" (Memory/NVM/SPM/CXLMem): a dax device with its DAXType and Size info. */
  const daxDevice = (el: XmlElement): void => {
    const infos = new Map(el.children.filter((c) => c.name === 'info').map((c) => [c.attrs.get('name') ?? '', c.attrs.get('value') ?? '']));
    const dev: DaxDeviceInfo = { dev: el.attrs.get('name') ?? '?', src: at(file, el.line) };
    const type = infos.get('DAXType') ?? el.attrs.get('subtype');
    if (type) dev.backing = { value: type, src: at(file, el.line, { note: 'hwloc DAXType' }) };
    const size = parseLstopoSize(infos.get('Size') ?? '');
    if (size) dev.sizeBytes = { value: size.bytes, src: at(file, el.line, { note: 'hwloc Size info', ...(size.approx ? { approx: size.approx } : {}) }) };
    f.daxDevices.push(dev);
  };

  /** hwloc 1.x: values relative to latency_base, objects in document order. */
  const v1Distances = (d: XmlElement): void => {
    const n = parseCount(d.attrs.get('nbobjs') ?? '');
    const base = Number(d.attrs.get('latency_base') ?? '1');
    const values = d.children.filter((c) => c.name === 'latency').map((c) => Number(c.attrs.get('value')));
    if (!n || n > MAX_NODE_ID || values.length !== n * n || !values.every(Number.isFinite) || !Number.isFinite(base)) {
      log.skip({ line: d.line, message: 'hwloc 1.x distance matrix ignored', expected: 'nbobjs² latency values' });
      return;
    }
    pendingV1.push({ n, base, values, line: d.line });
  };
  const pendingV1: { n: number; base: number; values: number[]; line: number }[] = [];

  const top = root.children.find((c) => c.name === 'object');
  if (!top) {
    log.error({ line: root.line, message: 'topology has no objects', expected: '<object type="Machine"> inside <topology>' });
    return;
  }
  visit(top, undefined, undefined);

  // CPUs of a NUMA node: its cpuset, else the PUs below its parent (memory children share the parent's CPUs).
  for (const { info, node } of numa) {
    let cpus = info.cpus;
    let src = at(file, info.el.line, { note: 'NUMANode cpuset' });
    if (!cpus && info.parent) {
      const parent = info.parent;
      cpus = [...(parent.pus ?? [])].sort((a, b) => a - b);
      src = inferred(src, 'PUs below the parent object');
    }
    if (cpus) node.cpus = { value: cpus, src };
  }

  for (const el of root.children) {
    if (el.name === 'distances2') distances2(el);
    else if (el.name === 'distances2hetero') log.skip({ line: el.line, message: 'heterogeneous distance matrix not used' });
    else if (el.name === 'memattr') memattr(el);
    else if (el.name === 'memtier') memtier(el);
  }
  for (const d of pendingV1) {
    const ids = numa.map((x) => x.node.id);
    if (ids.length !== d.n) {
      log.skip({ line: d.line, message: `hwloc 1.x distance matrix has ${d.n} objects but there are ${ids.length} NUMA nodes; ignored` });
      continue;
    }
    ids.forEach((from, i) =>
      ids.forEach((to, j) => {
        const v = Math.round(d.values[i * d.n + j] * d.base);
        if (v >= 0 && v <= 255) numa[i].node.distances.set(to, { value: v, src: at(file, d.line, { inferred: 'relative latency × latency_base' }) });
        void from;
      }),
    );
  }

  function distances2(el: XmlElement): void {
    if (el.attrs.get('type') !== 'NUMANode') return;
    const name = el.attrs.get('name');
    const kind = parseCount(el.attrs.get('kind') ?? '') ?? 0;
    // kind bit 4 = HWLOC_DISTANCES_KIND_MEANS_LATENCY; a bandwidth matrix is not a SLIT distance.
    if (name ? name !== 'NUMALatency' : !(kind & 4)) return;
    const n = parseCount(el.attrs.get('nbobjs') ?? '');
    const idx: number[] = [];
    const vals: number[] = [];
    for (const c of el.children) {
      const target = c.name === 'indexes' ? idx : c.name === 'u64values' ? vals : undefined;
      if (!target) continue;
      for (const w of c.text.split(/\s+/)) {
        if (w === '') continue;
        const v = parseCount(w);
        if (v === undefined || target.length >= 1024 * 1024) return void log.skip({ line: c.line, message: 'distance matrix ignored', expected: 'whole numbers', found: snippet(w) });
        target.push(v);
      }
    }
    if (!n || n > 1024 || idx.length !== n || vals.length !== n * n || el.attrs.get('indexing') === 'gp') {
      log.skip({ line: el.line, message: 'distance matrix ignored', expected: `nbobjs (${n ?? '?'}) OS indexes and nbobjs² values` });
      return;
    }
    idx.forEach((from, i) => {
      const node = f.nodes.get(from);
      if (!node) return;
      idx.forEach((to, j) => {
        const v = vals[i * n + j];
        if (v <= 255) node.distances.set(to, { value: v, src: at(file, el.line, { note: `distances2 ${name ?? ''}`.trim() }) });
      });
    });
  }

  function memattr(el: XmlElement): void {
    const name = el.attrs.get('name') ?? '';
    if (!isAccessMemattr(name)) return;
    for (const v of el.children) {
      if (v.name !== 'memattr_value' || v.attrs.get('target_obj_type') !== 'NUMANode') continue;
      const target = byGp.get(v.attrs.get('target_obj_gp_index') ?? '');
      const value = parseCount(v.attrs.get('value') ?? '');
      const os = target ? parseCount(target.el.attrs.get('os_index') ?? '') : undefined;
      const node = os !== undefined ? f.nodes.get(os) : undefined;
      if (!node || value === undefined) {
        log.skip({ line: v.line, message: `memattr ${name} value ignored: unknown target or value` });
        continue;
      }
      // Only the value seen from the node's own CPUs describes the memory itself.
      const ic = v.attrs.get('initiator_cpuset');
      const io = v.attrs.get('initiator_obj_gp_index');
      const initiator = ic !== undefined ? parseBitmap(ic) : io !== undefined ? byGp.get(io)?.cpus : undefined;
      const local = node.cpus?.value ?? target?.cpus;
      if (initiator && local && sameSet(initiator, local)) applyMemattr(node, name, value, at(file, v.line, { note: `hwloc memattr ${name}` }));
    }
  }

  function memtier(el: XmlElement): void {
    const kinds = parseCount(el.attrs.get('kinds') ?? '');
    const nodes = parseBitmap(el.attrs.get('nodeset') ?? '');
    if (!nodes) return void log.skip({ line: el.line, message: 'memtier ignored', expected: 'a nodeset bitmap' });
    const rank = f.memoryTiers.length;
    f.memoryTiers.push({ rank, src: at(file, el.line), nodes, ...(kinds !== undefined ? { kinds } : {}) });
    for (const id of nodes) {
      const node = f.nodes.get(id);
      if (!node) continue;
      node.memoryTier ??= { value: rank, src: at(file, el.line, { note: `memtier #${rank} (order in the file)` }) };
      const sub = kinds !== undefined ? kindsToSubtype(kinds) : undefined;
      if (sub && !node.kind) node.kind = { value: sub, src: at(file, el.line, { inferred: `memtier kinds ${kinds}` }) };
    }
  }
}

function sameSet(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

