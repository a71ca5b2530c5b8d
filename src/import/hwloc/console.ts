// lstopo text output (`lstopo -v` / `lstopo-no-graphics` console, as in hwloc's tests):
//   "  NUMANode(HBM) L#3 (P#4 local=512MiB total=512MiB memorytier=0 DAXDevice=dax1.0 …)"
//   "Relative latency matrix (name NUMALatency kind 5) between 7 NUMANodes … by logical indexes:"
//   "Memory attribute #2 name `Bandwidth' flags 5" / "  NUMANode L#0 = 1000 from cpuset 0x… (Group L#0)"
//   "Memory tier #0 kinds 1 nodeset 0x00000014"
// The object tree comes from indentation. Sizes are whole units (MiB, GiB), so marked approximate.
import type { ParseContext } from '../context';
import { snippet } from '../errors';
import type { Fragment, NodeFragment } from '../fragment';
import { MAX_NODE_ID, nodeOf } from '../fragment';
import { at, inferred } from '../provenance';
import { eachLine, indentOf, words } from '../text/lines';
import { parseCount } from '../text/numbers';
import { parseLstopoSize } from '../text/sizes';
import { applyMemattr, isAccessMemattr, kindsToSubtype, parseBitmap, subtypeOf } from './common';

interface ConsoleObject {
  type: string;
  indent: number;
  line: number;
  logical?: number;
  os?: number;
  attrs: Map<string, string>;
  name?: string;
  subtype?: string;
  parent?: ConsoleObject;
  memcache?: number;
  /** OS indexes of the PUs below (filled as PU lines arrive; depth ≤ 64, so linear overall). */
  pus?: number[];
}

/** "NUMANode(HBM) L#3 (P#4 local=512MiB …) \"name\"" → parts; undefined if not an object line. */
export function objectLine(raw: string, line: number): ConsoleObject | undefined {
  const indent = indentOf(raw);
  let i = indent;
  const s = raw;
  const typeStart = i;
  while (i < s.length && /[A-Za-z0-9]/.test(s[i])) i++;
  const type = s.slice(typeStart, i);
  if (!/^[A-Z][A-Za-z0-9]{1,15}$/.test(type)) return undefined;
  const obj: ConsoleObject = { type, indent, line, attrs: new Map() };
  if (s[i] === '[') {
    const close = s.indexOf(']', i);
    if (close < 0 || close - i > 64) return undefined;
    i = close + 1;
  }
  if (s[i] === '(') {
    const close = s.indexOf(')', i);
    if (close < 0 || close - i > 64) return undefined;
    obj.subtype = s.slice(i + 1, close);
    i = close + 1;
  }
  if (s.startsWith(' L#', i)) {
    let j = i + 3;
    while (j < s.length && s[j] >= '0' && s[j] <= '9') j++;
    obj.logical = parseCount(s.slice(i + 3, j));
    i = j;
  }
  if (s.startsWith(' (', i)) {
    // Attributes: space-separated tokens, values may be "quoted (with parentheses)".
    i += 2;
    let tokenStart = i;
    let quoted = false;
    const tokens: string[] = [];
    for (; i < s.length; i++) {
      const c = s[i];
      if (c === '"') quoted = !quoted;
      else if (!quoted && (c === ' ' || c === ')')) {
        if (i > tokenStart) tokens.push(s.slice(tokenStart, i));
        tokenStart = i + 1;
        if (c === ')') break;
      }
    }
    if (i >= s.length) return undefined;
    i++;
    for (const t of tokens) {
      if (t.startsWith('P#')) obj.os = parseCount(t.slice(2));
      const eq = t.indexOf('=');
      if (eq > 0) obj.attrs.set(t.slice(0, eq), t.slice(eq + 1).replace(/^"|"$/g, ''));
    }
  }
  const rest = s.slice(i).trim();
  if (rest.startsWith('"') && rest.endsWith('"') && rest.length >= 2) obj.name = rest.slice(1, -1);
  else if (rest !== '') return undefined;
  return obj;
}

export function readLstopoConsole(text: string, ctx: ParseContext, f: Fragment): void {
  const { file, log } = ctx;
  const stack: ConsoleObject[] = [];
  const objects: ConsoleObject[] = [];
  const byLogical = new Map<number, NodeFragment>();
  const allPus: number[] = [];
  let matrix: { cols?: number[]; byOs: boolean; line: number } | undefined;
  let attrName: string | undefined;

  eachLine(
    text,
    (raw, line) => {
      const t = raw.trim();
      if (t === '') return;
      if (/^(Special )?depth -?\d{1,3}:/.test(t) || t === 'Topology not from this system') {
        matrix = undefined;
        return;
      }
      if (t.includes('matrix') && t.includes('NUMANode')) {
        matrix = t.includes('latency') || t.includes('NUMALatency') ? { byOs: t.includes('OS indexes'), line } : undefined;
        if (!matrix) log.skip({ line, message: 'matrix other than NUMA latency not used' });
        attrName = undefined;
        return;
      }
      if (matrix) {
        const w = words(t);
        if (w[0] === 'index') {
          const cols = w.slice(1).map(parseCount);
          if (cols.some((c) => c === undefined)) matrix = undefined;
          else matrix.cols = cols as number[];
          return;
        }
        if (matrix.cols && w.length === matrix.cols.length + 1) {
          distanceRow(w, line, matrix.cols, matrix.byOs);
          return;
        }
        matrix = undefined;
      }
      const ma = /^Memory attribute #\d{1,3} name `([A-Za-z0-9_-]{1,64})' flags \d{1,6}$/.exec(t);
      if (ma) {
        attrName = ma[1];
        return;
      }
      const mv = /^NUMANode L#(\d{1,5}) = (\d{1,19})(?: from cpuset (0x[0-9a-f,x]{1,2000}))?/.exec(t);
      if (mv && attrName !== undefined) {
        memattrValue(attrName, mv, line);
        return;
      }
      const tier = /^Memory tier #(\d{1,4}) kinds (\d{1,6}) nodeset (0x[0-9a-f,x]{1,2000})$/.exec(t);
      if (tier) {
        memtier(Number(tier[1]), Number(tier[2]), tier[3], line);
        return;
      }
      if (t.startsWith('Topology infos:')) {
        const m = /PageSizes=(\d{1,12})/.exec(t);
        const size = m ? parseCount(m[1]) : undefined;
        if (size) f.pageSizeBytes = { value: size, src: at(file, line, { note: 'first of lstopo PageSizes' }) };
        return;
      }
      const obj = objectLine(raw, line);
      if (!obj) {
        log.skip({ line, message: 'line not understood', expected: 'an lstopo object line such as "NUMANode L#0 (P#0 local=…)"', found: snippet(raw) });
        return;
      }
      attrName = undefined;
      while (stack.length && stack[stack.length - 1].indent >= obj.indent) stack.pop();
      if (stack.length >= 64) return void log.skip({ line, message: 'nested deeper than 64 levels; ignored' });
      // Memory children (NUMANode, MemCache) hang off the object whose CPUs they serve.
      const above = stack[stack.length - 1];
      if (above?.type === 'MemCache') {
        obj.memcache = parseLstopoSize(above.attrs.get('size') ?? '')?.bytes;
        obj.parent = above.parent;
      } else if (above) obj.parent = above;
      if (obj.type === 'PU' && obj.os !== undefined) {
        allPus.push(obj.os);
        for (const a of stack) (a.pus ??= []).push(obj.os);
      }
      stack.push(obj);
      objects.push(obj);
      if (obj.type === 'NUMANode') numaNode(obj);
      if (obj.type === 'OSDev' && obj.name && /^dax\d{1,6}\.\d{1,6}$/.test(obj.name)) daxDevice(obj);
    },
    ctx.progress,
  );

  // A node's CPUs: the PUs below the object it hangs off (its parent's cpuset in hwloc terms).
  for (const o of objects) {
    if (o.type !== 'NUMANode' || o.os === undefined) continue;
    const node = f.nodes.get(o.os);
    if (!node || node.cpus) continue;
    const parent = o.parent;
    const cpus = puList(parent);
    node.cpus = { value: cpus, src: inferred(at(file, o.line), `PUs below ${parent ? `${parent.type} on line ${parent.line}` : 'the machine'}`) };
  }

  function numaNode(o: ConsoleObject): void {
    if (o.os === undefined || o.os > MAX_NODE_ID) {
      log.skip({ line: o.line, message: 'NUMANode without a valid P# ignored', expected: `P#0 to P#${MAX_NODE_ID}` });
      return;
    }
    if (f.nodes.has(o.os)) return void log.warn({ line: o.line, message: `NUMANode P#${o.os} appears twice; the first is kept` });
    const node = nodeOf(f, o.os, at(file, o.line));
    if (o.logical !== undefined) byLogical.set(o.logical, node);
    const local = o.attrs.get('local');
    const size = local ? parseLstopoSize(local) : undefined;
    if (size) node.managedBytes = { value: size.bytes, src: at(file, o.line, { note: `lstopo local=${local}`, ...(size.approx ? { approx: size.approx } : {}) }) };
    const kind = subtypeOf(o.subtype, o.attrs.get('DAXType'));
    if (kind) node.kind = { value: kind, src: at(file, o.line) };
    const dt = o.attrs.get('DAXType');
    if (dt) node.daxType = { value: dt, src: at(file, o.line) };
    const tier = parseCount(o.attrs.get('memorytier') ?? o.attrs.get('MemoryTier') ?? '');
    if (tier !== undefined) node.memoryTier = { value: tier, src: at(file, o.line) };
    if (o.memcache) node.memorySideCacheBytes = { value: o.memcache, src: at(file, o.line - 1, { note: 'MemCache size (lstopo, whole GiB)' }) };
  }

  function daxDevice(o: ConsoleObject): void {
    const d: Fragment['daxDevices'][number] = { dev: o.name as string, src: at(file, o.line) };
    const type = o.attrs.get('DAXType') ?? o.subtype;
    if (type) d.backing = { value: type, src: at(file, o.line, { note: 'hwloc DAXType' }) };
    const size = parseLstopoSize(o.attrs.get('Size') ?? '');
    if (size) d.sizeBytes = { value: size.bytes, src: at(file, o.line, { note: 'hwloc Size', ...(size.approx ? { approx: size.approx } : {}) }) };
    f.daxDevices.push(d);
  }

  function distanceRow(w: string[], line: number, cols: number[], byOs: boolean): void {
    const rowKey = parseCount(w[0]);
    const from = rowKey === undefined ? undefined : byOs ? f.nodes.get(rowKey) : byLogical.get(rowKey);
    if (!from) return void log.skip({ line, message: 'distance row for an unknown NUMANode ignored' });
    cols.forEach((c, i) => {
      const to = byOs ? f.nodes.get(c) : byLogical.get(c);
      const v = parseCount(w[i + 1]);
      if (!to || v === undefined || v > 255) return void log.skip({ line, message: `distance in column ${c} ignored`, found: snippet(w[i + 1]) });
      from.distances.set(to.id, { value: v, src: at(file, line, { note: byOs ? 'lstopo latency matrix' : 'lstopo latency matrix, logical indexes mapped to P#' }) });
    });
  }

  function memattrValue(name: string, m: RegExpExecArray, line: number): void {
    if (!isAccessMemattr(name)) return;
    const node = byLogical.get(Number(m[1]));
    const value = parseCount(m[2]);
    if (!node || value === undefined) return void log.skip({ line, message: `memattr ${name} value for an unknown node ignored` });
    const initiator = m[3] ? parseBitmap(m[3]) : undefined;
    const local = node.cpus?.value ?? cpusOf(node.id);
    if (initiator && local && initiator.length === local.length && initiator.every((x, i) => x === local[i]))
      applyMemattr(node, name, value, at(file, line, { note: `lstopo memory attribute ${name}` }));
  }

  function cpusOf(id: number): number[] | undefined {
    const o = objects.find((x) => x.type === 'NUMANode' && x.os === id);
    if (!o) return undefined;
    return puList(o.parent);
  }

  /** CPUs below `parent` (the whole machine when there is none), sorted. */
  function puList(parent: ConsoleObject | undefined): number[] {
    return [...(parent ? (parent.pus ?? []) : allPus)].sort((a, b) => a - b);
  }

  function memtier(rank: number, kinds: number, nodeset: string, line: number): void {
    const nodes = parseBitmap(nodeset);
    if (!nodes) return void log.skip({ line, message: 'memory tier ignored', expected: 'a nodeset bitmap', found: snippet(nodeset) });
    f.memoryTiers.push({ rank, kinds, nodes, src: at(file, line) });
    const sub = kindsToSubtype(kinds);
    for (const id of nodes) {
      const node = f.nodes.get(id);
      if (!node) continue;
      node.memoryTier ??= { value: rank, src: at(file, line) };
      if (sub && !node.kind) node.kind = { value: sub, src: at(file, line, { inferred: `memory tier kinds ${kinds}` }) };
    }
  }
}

