// /proc/meminfo: machine-wide "Key:   value kB" lines. No node breakdown; combine.ts only assumes
// a single node 0 from it when no other file names any node.
import type { ParseContext } from '../context';
import { snippet } from '../errors';
import type { Fragment } from '../fragment';
import { emptyFragment } from '../fragment';
import { at } from '../provenance';
import { eachLine, words } from '../text/lines';
import { parseKbValue } from '../text/sizes';

/** "MemTotal:  16303552 kB" → ["MemTotal", bytes] (counts such as HugePages_Total stay counts). */
export function meminfoLine(w: string[]): [string, number] | string {
  if (w.length < 2 || w.length > 3 || !w[0].endsWith(':')) return '"Key: value [kB]"';
  const key = w[0].slice(0, -1);
  if (!/^[A-Za-z][A-Za-z0-9_()]{0,39}$/.test(key)) return 'a meminfo key such as MemTotal';
  const v = parseKbValue(w[1], w[2]);
  if (v === undefined) return 'a whole number, optionally followed by kB';
  return [key, v];
}

export function parseMeminfo(text: string, ctx: ParseContext): Fragment {
  const f = emptyFragment();
  const { file, log } = ctx;
  eachLine(
    text,
    (raw, line) => {
      const w = words(raw);
      if (w.length === 0) return;
      const r = meminfoLine(w);
      if (typeof r === 'string') {
        log.skip({ line, message: 'line ignored', expected: r, found: snippet(raw) });
        return;
      }
      const [key, value] = r;
      if (f.meminfo.has(key)) log.warn({ line, message: `${key} given twice; the first is kept` });
      else f.meminfo.set(key, { value, src: at(file, line) });
    },
    ctx.progress,
  );
  return f;
}
