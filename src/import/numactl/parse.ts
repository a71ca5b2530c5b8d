// `numactl --hardware` text: node cpus/size/free lines and the distance table. Sizes are printed
// as whole "MB" that are really MiB (numactl shifts bytes right by 20), so they are marked ±1 MiB.
// Node ids can be sparse and CPU lists empty (CPU-less kmem/CXL nodes).
import type { ParseContext } from '../context';
import { snippet } from '../errors';
import type { Fragment } from '../fragment';
import { MAX_NODE_ID, emptyFragment, nodeOf } from '../fragment';
import { at } from '../provenance';
import { eachLine, words } from '../text/lines';
import { parseCount, parseIdList } from '../text/numbers';

const MIB = 2 ** 20;
const MAX_CPUS = 1 << 16;

export function parseNumactl(text: string, ctx: ParseContext): Fragment {
  const f = emptyFragment();
  const { file, log } = ctx;
  let columns: number[] | undefined; // node ids of the distance table header
  let inDistances = false;

  const nodeId = (s: string, line: number): number | undefined => {
    const id = parseCount(s);
    if (id === undefined || id > MAX_NODE_ID) {
      log.skip({ line, message: 'line ignored', expected: `a node id from 0 to ${MAX_NODE_ID}`, found: snippet(s) });
      return undefined;
    }
    return id;
  };

  eachLine(
    text,
    (raw, line) => {
      const w = words(raw);
      if (w.length === 0) return;
      if (w[0] === 'available:') {
        // "available: 3 nodes (0-1,3)"
        const list = raw.slice(raw.indexOf('(') + 1, raw.lastIndexOf(')'));
        const ids = raw.includes('(') ? parseIdList(list, MAX_NODE_ID + 1) : undefined;
        if (!ids) log.skip({ line, message: 'node list ignored', expected: 'available: N nodes (0-1,3)', found: snippet(raw) });
        else for (const id of ids) if (id <= MAX_NODE_ID) nodeOf(f, id, at(file, line));
        inDistances = false;
        return;
      }
      if (w[0] === 'node' && w[1] === 'distances:') {
        inDistances = true;
        columns = undefined;
        return;
      }
      if (inDistances && w[0] === 'node') {
        const ids = w.slice(1).map((s) => nodeId(s, line));
        if (ids.some((x) => x === undefined)) return;
        columns = ids as number[];
        return;
      }
      if (inDistances && w[0].endsWith(':')) {
        const from = nodeId(w[0].slice(0, -1), line);
        if (from === undefined) return;
        if (!columns) {
          log.skip({ line, message: 'distance row before the "node 0 1 …" header ignored' });
          return;
        }
        if (w.length - 1 !== columns.length) {
          log.skip({ line, message: `distance row ignored`, expected: `${columns.length} distances`, found: `${w.length - 1}` });
          return;
        }
        const n = nodeOf(f, from, at(file, line, { inferred: 'named in the distance table' }));
        for (let i = 0; i < columns.length; i++) {
          const d = parseCount(w[i + 1]);
          if (d === undefined || d > 255) {
            log.skip({ line, message: `distance to node ${columns[i]} ignored`, expected: 'a distance from 0 to 255', found: snippet(w[i + 1]) });
            continue;
          }
          if (n.distances.has(columns[i])) log.warn({ line, message: `distance ${from}→${columns[i]} given twice; the first is kept` });
          else n.distances.set(columns[i], { value: d, src: at(file, line) });
          nodeOf(f, columns[i], at(file, line, { inferred: 'named in the distance table' }));
        }
        return;
      }
      if (w[0] === 'node' && w.length >= 3) {
        const id = nodeId(w[1], line);
        if (id === undefined) return;
        inDistances = false;
        const n = nodeOf(f, id, at(file, line));
        const key = w[2];
        if (key === 'cpus:') {
          const cpus: number[] = [];
          for (const c of w.slice(3)) {
            const list = parseIdList(c, MAX_CPUS);
            if (!list) {
              log.skip({ line, message: `cpu ${snippet(c)} ignored`, expected: 'a cpu number' });
              continue;
            }
            cpus.push(...list);
          }
          if (n.cpus) log.warn({ line, message: `cpus of node ${id} given twice; the first list is kept` });
          else n.cpus = { value: cpus, src: at(file, line) };
          return;
        }
        if (key === 'size:' || key === 'free:') {
          const mb = w[3] !== undefined ? parseCount(w[3]) : undefined;
          const bytes = mb !== undefined ? mb * MIB : undefined;
          if (bytes === undefined || !Number.isSafeInteger(bytes) || w[4] !== 'MB') {
            log.skip({ line, message: `${key.slice(0, -1)} of node ${id} ignored`, expected: `"node ${id} ${key} <number> MB"`, found: snippet(raw) });
            return;
          }
          // numactl prints size >> 20: up to 1 MiB was cut off.
          const fact = { value: bytes, src: at(file, line, { approx: MIB, note: 'numactl prints whole MiB' }) };
          const field = key === 'size:' ? 'managedBytes' : 'freeBytes';
          if (n[field]) log.warn({ line, message: `${key.slice(0, -1)} of node ${id} given twice; the first is kept` });
          else n[field] = fact;
          return;
        }
      }
      if (raw.includes('No NUMA available')) {
        log.warn({ line, message: 'numactl reports no NUMA support: the machine is one node' });
        nodeOf(f, 0, at(file, line, { inferred: 'no NUMA: a single node 0' }));
        return;
      }
      log.skip({ line, message: 'line not understood', expected: 'numactl --hardware output ("node N cpus:", "node N size: X MB", "node distances:")', found: snippet(raw) });
    },
    ctx.progress,
  );
  return f;
}
