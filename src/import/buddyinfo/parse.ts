// /proc/buddyinfo: "Node 0, zone   Normal   3   5 …" — free blocks per order. Free pages of a zone
// are the sum of count × 2^order.
import type { ParseContext } from '../context';
import { snippet } from '../errors';
import type { Fragment } from '../fragment';
import { emptyFragment, nodeOf, zoneOf } from '../fragment';
import { at } from '../provenance';
import { eachLine, words } from '../text/lines';
import { parseCount } from '../text/numbers';
import { parseZoneHeader } from '../zoneinfo/parse';

/** Linux MAX_PAGE_ORDER is 10 (11 orders) on x86; some configs go higher. */
const MAX_ORDERS = 16;

export function parseBuddyinfo(text: string, ctx: ParseContext): Fragment {
  const f = emptyFragment();
  const { file, log } = ctx;
  eachLine(
    text,
    (raw, line) => {
      if (raw.trim() === '') return;
      if (!raw.startsWith('Node')) {
        log.skip({ line, message: 'line not understood', expected: '"Node N, zone NAME count count …"', found: snippet(raw) });
        return;
      }
      const h = parseZoneHeader(raw);
      if (typeof h === 'string') {
        log.skip({ line, message: 'line ignored', expected: h, found: snippet(raw) });
        return;
      }
      const [id, name, rest] = h;
      const counts: number[] = [];
      for (const w of words(rest)) {
        const n = parseCount(w);
        if (n === undefined) {
          log.skip({ line, message: `zone ${name} of node ${id} ignored`, expected: 'free block counts', found: snippet(w) });
          return;
        }
        counts.push(n);
      }
      if (counts.length === 0 || counts.length > MAX_ORDERS) {
        log.skip({ line, message: `zone ${name} of node ${id} ignored`, expected: `1 to ${MAX_ORDERS} free block counts`, found: `${counts.length}` });
        return;
      }
      let pages = 0;
      counts.forEach((n, order) => (pages += n * 2 ** order));
      if (!Number.isSafeInteger(pages)) {
        log.skip({ line, message: `zone ${name} of node ${id} ignored: free pages beyond 2^53` });
        return;
      }
      const node = nodeOf(f, id, at(file, line));
      if (node.zones.has(name)) {
        log.warn({ line, message: `zone ${name} of node ${id} appears twice; the first is kept` });
        return;
      }
      const z = zoneOf(node, name, at(file, line));
      z.freeBlocksByOrder = { value: counts, src: at(file, line) };
      z.freePages = { value: pages, src: at(file, line, { note: 'sum of free blocks × 2^order' }) };
    },
    ctx.progress,
  );
  return f;
}
