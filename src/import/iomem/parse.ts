// /proc/iomem: "start-end : name", nested by two-space indentation. Memory resources (System RAM,
// Reserved, Persistent Memory (legacy), Soft Reserved, CXL Window) become physical ranges; dax
// devices nested under them become dax devices with their size. Read as non-root, every address
// is 0 — that is reported once instead of importing a map of zeros.
import type { ParseContext } from '../context';
import { snippet } from '../errors';
import type { Fragment } from '../fragment';
import { emptyFragment } from '../fragment';
import { at } from '../provenance';
import { eachLine, indentOf, isElision } from '../text/lines';
import { parseHex } from '../text/numbers';

const MAX_DEPTH = 32;

export function parseIomem(text: string, ctx: ParseContext): Fragment {
  const f = emptyFragment();
  const { file, log } = ctx;
  const stack: { indent: number; name: string }[] = [];
  let zeros = 0;
  let zeroLine = 0;

  eachLine(
    text,
    (raw, line) => {
      if (raw.trim() === '') return;
      if (isElision(raw)) {
        log.skip({ line, message: 'elided output ("...") skipped; the listing is incomplete' });
        return;
      }
      const indent = indentOf(raw);
      const sep = raw.indexOf(' : ', indent);
      const dash = raw.indexOf('-', indent);
      const start = dash > 0 && dash < sep ? parseHex(raw.slice(indent, dash)) : undefined;
      const end = dash > 0 && dash < sep ? parseHex(raw.slice(dash + 1, sep)) : undefined;
      const name = sep > 0 ? raw.slice(sep + 3).trim() : '';
      if (start === undefined || end === undefined || end < start || name === '' || name.length > 128) {
        log.skip({ line, message: 'line not understood', expected: '"start-end : name" with hex addresses up to 2^53', found: snippet(raw) });
        return;
      }
      if (start === 0 && end === 0) {
        if (zeros++ === 0) zeroLine = line;
        return;
      }
      while (stack.length && stack[stack.length - 1].indent >= indent) stack.pop();
      if (stack.length >= MAX_DEPTH) {
        log.skip({ line, message: `nested deeper than ${MAX_DEPTH} levels; ignored` });
        return;
      }
      const parent = stack[stack.length - 1]?.name;
      f.physicalRanges.push({ src: at(file, line), start, end, name, depth: stack.length, ...(parent ? { parent } : {}) });
      stack.push({ indent, name });
      if (/^dax\d{1,6}\.\d{1,6}$/.test(name)) {
        f.daxDevices.push({
          dev: name,
          src: at(file, line),
          sizeBytes: { value: end - start + 1, src: at(file, line, { note: 'end - start + 1' }) },
          mappings: [{ startAddress: start, sizeBytes: end - start + 1 }],
          ...(backingOf(parent) ? { backing: { value: backingOf(parent) as string, src: at(file, line, { note: `nested under "${parent}"` }) } } : {}),
        });
      }
    },
    ctx.progress,
  );
  if (zeros) log.warn({ line: zeroLine, message: `${zeros} resources show address 0-0: /proc/iomem was read without root, so addresses are hidden` });
  return f;
}

/** What a dax device nested in iomem sits on, from its parent resource name. */
function backingOf(parent: string | undefined): string | undefined {
  if (!parent) return undefined;
  if (parent.startsWith('Persistent Memory')) return 'pmem';
  if (parent === 'Soft Reserved') return 'hmem';
  if (parent.startsWith('CXL Window')) return 'cxl';
  return undefined;
}
