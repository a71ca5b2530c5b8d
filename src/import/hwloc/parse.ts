// hwloc: XML (`lstopo --of xml`, versions 2 and 3) or the lstopo console text.
import type { ParseContext } from '../context';
import type { Fragment } from '../fragment';
import { emptyFragment } from '../fragment';
import { parseXml } from '../xml/tokenize';
import { readLstopoConsole } from './console';
import { readHwlocXml } from './xml';

export function parseHwloc(text: string, ctx: ParseContext): Fragment {
  const f = emptyFragment();
  if (text.trimStart().startsWith('<')) {
    const xml = parseXml(text, ctx.log, ctx.progress);
    if (!xml.ok) ctx.log.error(xml.error);
    else readHwlocXml(xml.root, ctx, f);
  } else readLstopoConsole(text, ctx, f);
  if (f.nodes.size === 0 && !ctx.log.hasErrors) ctx.log.error({ line: 1, message: 'no NUMA node found', expected: 'NUMANode objects (hwloc XML or lstopo output)' });
  return f;
}
