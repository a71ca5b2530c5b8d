// /sys/devices/system/node: nodeN/meminfo ("Node 8 MemTotal:  393216 kB") and single attribute
// files dumped as "path: value" lines (online, nodeN/distance, nodeN/cpulist,
// memory_side_cache/indexK/*, accessK/initiators/*, ../memory/block_size_bytes).
import type { ParseContext } from '../context';
import { snippet } from '../errors';
import type { Fragment, NodeFragment } from '../fragment';
import { MAX_NODE_ID, emptyFragment, nodeOf } from '../fragment';
import { meminfoLine } from '../meminfo/parse';
import type { Fact } from '../provenance';
import { at } from '../provenance';
import { eachLine, words } from '../text/lines';
import { parseCount, parseHex, parseIdList } from '../text/numbers';

const ACCESS: Record<string, 'readLatencyNs' | 'writeLatencyNs' | 'readBandwidthMiBps' | 'writeBandwidthMiBps'> = {
  read_latency: 'readLatencyNs',
  write_latency: 'writeLatencyNs',
  read_bandwidth: 'readBandwidthMiBps',
  write_bandwidth: 'writeBandwidthMiBps',
};

export function parseNodeMeminfo(text: string, ctx: ParseContext): Fragment {
  const f = emptyFragment();
  const { file, log } = ctx;
  let online: number[] | undefined;
  const distanceRows: { node: NodeFragment; values: number[]; line: number }[] = [];

  const meminfo = (raw: string, line: number): void => {
    const w = words(raw);
    const id = parseCount(w[1] ?? '');
    if (id === undefined || id > MAX_NODE_ID) {
      log.skip({ line, message: 'line ignored', expected: `"Node N Key: value kB" with N up to ${MAX_NODE_ID}`, found: snippet(raw) });
      return;
    }
    const r = meminfoLine(w.slice(2));
    if (typeof r === 'string') {
      log.skip({ line, message: 'line ignored', expected: r, found: snippet(raw) });
      return;
    }
    const [key, value] = r;
    const n = nodeOf(f, id, at(file, line));
    const field = key === 'MemTotal' ? 'managedBytes' : key === 'MemFree' ? 'freeBytes' : key === 'MemUsed' ? 'usedBytes' : undefined;
    if (!field) return;
    if (n[field]) log.warn({ line, message: `${key} of node ${id} given twice; the first is kept` });
    else n[field] = { value, src: at(file, line) };
  };

  const attribute = (raw: string, line: number): void => {
    const colon = raw.indexOf(': ');
    const path = colon < 0 ? raw.trim().replace(/:$/, '') : raw.slice(0, colon).trim();
    const value = colon < 0 ? '' : raw.slice(colon + 2).trim();
    const rel = path.replace(/^\/sys\/devices\/system\/node\//, '');
    if (path.endsWith('/memory/block_size_bytes')) {
      const v = parseHex(value);
      if (v === undefined || v === 0) log.skip({ line, message: 'block size ignored', expected: 'hex bytes such as 8000000', found: snippet(value) });
      else f.memoryBlockBytes = { value: v, src: at(file, line) };
      return;
    }
    if (rel === 'online' || rel === 'has_memory' || rel === 'has_cpu' || rel === 'possible') {
      const ids = parseIdList(value, MAX_NODE_ID + 1);
      if (!ids) return void log.skip({ line, message: `${rel} list ignored`, expected: 'a node list such as 0-3', found: snippet(value) });
      if (rel === 'online') {
        online = ids.filter((i) => i <= MAX_NODE_ID);
        for (const id of online) nodeOf(f, id, at(file, line));
      }
      return;
    }
    const m = /^node(\d{1,5})\/(.{1,200})$/.exec(rel);
    if (!m) return void log.skip({ line, message: 'attribute not used', found: snippet(path) });
    const id = Number(m[1]);
    if (id > MAX_NODE_ID) return void log.skip({ line, message: 'attribute ignored', expected: `a node id up to ${MAX_NODE_ID}`, found: m[1] });
    const attr = m[2];
    const n = nodeOf(f, id, at(file, line));
    if (attr === 'distance') {
      const values = words(value).map(parseCount);
      if (values.some((v) => v === undefined || v > 255)) return void log.skip({ line, message: 'distances ignored', expected: 'numbers from 0 to 255', found: snippet(value) });
      distanceRows.push({ node: n, values: values as number[], line });
      return;
    }
    if (attr === 'cpulist') {
      const cpus = parseIdList(value);
      if (!cpus) return void log.skip({ line, message: 'cpulist ignored', expected: 'a cpu list such as 0-3,8', found: snippet(value) });
      n.cpus = { value: cpus, src: at(file, line) };
      return;
    }
    const cache = /^memory_side_cache\/index(\d{1,2})\/size$/.exec(attr);
    if (cache) {
      const v = parseCount(value);
      if (v === undefined) return void log.skip({ line, message: 'cache size ignored', expected: 'bytes', found: snippet(value) });
      // Several levels: keep the largest (the one that fronts the far memory).
      if (!n.memorySideCacheBytes || v > n.memorySideCacheBytes.value) n.memorySideCacheBytes = { value: v, src: at(file, line) };
      return;
    }
    const access = /^access0\/initiators\/(read_latency|write_latency|read_bandwidth|write_bandwidth)$/.exec(attr);
    if (access) {
      const v = parseCount(value);
      if (v === undefined) return void log.skip({ line, message: 'access value ignored', expected: 'a whole number', found: snippet(value) });
      if (v === 0) return void log.warn({ line, message: `${access[1]} of node ${id} is 0 (firmware gave no HMAT figure); not used` });
      n.access ??= {};
      n.access[ACCESS[access[1]]] = { value: v, src: at(file, line) } satisfies Fact<number>;
      return;
    }
    if (/^(memory_side_cache|access\d)\//.test(attr)) return; // line size, indexing, initiator links: not used
    log.skip({ line, message: 'attribute not used', found: snippet(path) });
  };

  eachLine(
    text,
    (raw, line) => {
      const t = raw.trimStart();
      if (t === '') return;
      if (t.startsWith('Node ')) meminfo(t, line);
      else if (t.startsWith('/sys/') || t.startsWith('node')) attribute(t, line);
      else log.skip({ line, message: 'line not understood', expected: '"Node N Key: value kB" or "/sys/devices/system/node/…: value"', found: snippet(raw) });
    },
    ctx.progress,
  );

  // nodeN/distance lists distances to the online nodes in order.
  for (const { node, values, line } of distanceRows) {
    let cols = online;
    let src = at(file, line);
    if (!cols || cols.length !== values.length) {
      cols = values.map((_, i) => i);
      src = at(file, line, { inferred: 'columns taken as nodes 0..n-1 (no matching "online" list)' });
    }
    cols.forEach((to, i) => {
      node.distances.set(to, { value: values[i], src });
      nodeOf(f, to, at(file, line, { inferred: 'named by a distance row' }));
    });
  }
  return f;
}
