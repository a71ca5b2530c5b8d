// lsmem in all its forms (table with any -o columns and --split, -r, -P, -J, -b, --summary).
// RANGE gives exact addresses; sizes printed as "2.9G" are roundings, so totals are computed from
// RANGE when present and the printed summary is only a cross-check.
import type { ParseContext } from '../context';
import { snippet } from '../errors';
import type { Fragment, MemoryRangeFact } from '../fragment';
import { emptyFragment, nodeOf } from '../fragment';
import { isJsonObject, parseJson } from '../json/parse';
import type { Fact } from '../provenance';
import { at } from '../provenance';
import { eachLine } from '../text/lines';
import { parseCount } from '../text/numbers';
import type { SizeReading } from '../text/sizes';
import { parseLetterSize } from '../text/sizes';
import type { LsmemRow } from './rows';
import { readRow } from './rows';
import type { HeaderColumn } from './table';
import { pairCells, readHeader, rowCells, summaryLine } from './table';

export function parseLsmem(text: string, ctx: ParseContext): Fragment {
  const t = text.trimStart();
  const rows: LsmemRow[] = [];
  const summary = new Map<string, { value: string; line: number }>();
  if (t.startsWith('{')) readJson(text, ctx, rows);
  else readText(text, ctx, rows, summary);
  return finish(rows, summary, ctx);
}

function readText(text: string, ctx: ParseContext, rows: LsmemRow[], summary: Map<string, { value: string; line: number }>): void {
  const { file, log } = ctx;
  let header: HeaderColumn[] | undefined;
  eachLine(
    text,
    (raw, line) => {
      if (raw.trim() === '') return;
      const s = summaryLine(raw);
      if (s) {
        summary.set(s[0], { value: s[1], line });
        return;
      }
      const h = readHeader(raw);
      if (h) {
        header = h;
        return;
      }
      const cells = raw.includes('="') ? pairCells(raw) : header ? rowCells(raw, header) : undefined;
      if (!cells) {
        log.skip({ line, message: 'line not understood', expected: header ? `a row matching the header (${header.map((c) => c.name).join(' ')})` : 'an lsmem header line (RANGE SIZE STATE …)', found: snippet(raw) });
        return;
      }
      const row = readRow(cells, at(file, line), log);
      if (row) rows.push(row);
    },
    ctx.progress,
  );
}

function readJson(text: string, ctx: ParseContext, rows: LsmemRow[]): void {
  const { file, log } = ctx;
  const parsed = parseJson(text, log, ctx.progress);
  if (!parsed.ok) {
    log.error(parsed.error);
    return;
  }
  for (const doc of parsed.docs) {
    const list = isJsonObject(doc.value) ? doc.value.memory : undefined;
    if (!Array.isArray(list)) {
      log.error({ line: doc.line, jsonPath: doc.path, message: 'not lsmem -J output', expected: 'an object with a "memory" array' });
      continue;
    }
    list.forEach((item, i) => {
      const path = `${doc.path}.memory[${i}]`;
      const line = parsed.where.line(list, i);
      if (!isJsonObject(item)) return void log.skip({ line, jsonPath: path, message: 'entry ignored', expected: 'an object' });
      const cells = new Map<string, string>();
      for (const [k, v] of Object.entries(item)) {
        if (v === null || typeof v === 'object') continue;
        cells.set(k.toUpperCase().replace(/_/g, '-'), typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v));
      }
      const row = readRow(cells, { file, line, jsonPath: path }, log);
      if (row) rows.push(row);
    });
  }
}

/** A printed summary size: bytes (-b) or "2G". */
function summarySize(v: string): SizeReading | undefined {
  const n = parseCount(v);
  return n !== undefined ? { bytes: n, approx: 0 } : parseLetterSize(v);
}

function finish(allRows: LsmemRow[], summary: Map<string, { value: string; line: number }>, ctx: ParseContext): Fragment {
  const f = emptyFragment();
  const { file, log } = ctx;
  let rows = allRows;

  // Block size: exact from RANGE size / number of blocks; the summary line is a rounded cross-check.
  let block: Fact<number> | undefined;
  for (const r of rows) {
    if (r.start === undefined || r.end === undefined || r.firstBlock === undefined || r.lastBlock === undefined) continue;
    const size = (r.end - r.start + 1) / (r.lastBlock - r.firstBlock + 1);
    if (!block) block = { value: size, src: { ...r.src, note: 'RANGE size / number of blocks' } };
    else if (block.value !== size) log.warn({ line: r.src.line, message: `this row implies ${size}-byte blocks, an earlier row ${block.value}` });
  }
  if (block && !(Number.isSafeInteger(block.value) && block.value > 0)) block = undefined;
  const sb = summary.get('block');
  if (sb) {
    const s = summarySize(sb.value);
    if (!s || s.bytes === 0) log.skip({ line: sb.line, message: 'block size ignored', expected: 'a size such as 128M', found: snippet(sb.value) });
    else if (block && Math.abs(block.value - s.bytes) > s.approx) log.warn({ line: sb.line, message: `block size ${sb.value} disagrees with the rows (${block.value} bytes); the rows are used` });
    else if (!block) {
      // Block sizes are powers of two: snap the rounded figure when it is within its rounding.
      const pow = 2 ** Math.round(Math.log2(s.bytes));
      const exact = Math.abs(pow - s.bytes) <= s.approx;
      block = { value: exact ? pow : s.bytes, src: at(file, sb.line, exact ? {} : { approx: s.approx }) };
    }
  }
  if (block) f.memoryBlockBytes = block;

  // Rows → ranges; sizes from RANGE, else from BLOCK × block size. A row overlapping an earlier
  // one (a repeated line) would count memory twice: it is skipped.
  rows = dropOverlaps(rows, block?.value, log);
  const totals = { online: { bytes: 0, approx: 0, known: true, lines: [] as number[] }, offline: { bytes: 0, approx: 0, known: true, lines: [] as number[] } };
  const perNode = new Map<number, { bytes: number; approx: number; lines: number[] }>();
  for (const r of rows) {
    let start = r.start;
    let size: SizeReading | undefined;
    let inferred: string | undefined;
    if (r.start !== undefined && r.end !== undefined) size = { bytes: r.end - r.start + 1, approx: 0 };
    else if (r.firstBlock !== undefined && r.lastBlock !== undefined && block) {
      start = r.firstBlock * block.value;
      size = { bytes: (r.lastBlock - r.firstBlock + 1) * block.value, approx: 0 };
      inferred = 'address from BLOCK × block size';
    } else size = r.size;
    if (!size || !Number.isSafeInteger(size.bytes) || (start !== undefined && !Number.isSafeInteger(start + size.bytes))) {
      log.skip({ line: r.src.line, message: 'row ignored: its size is unknown (no RANGE, no block size)' });
      continue;
    }
    const line = r.src.line ?? 0;
    const bucket = r.state === 'online' ? totals.online : r.state ? totals.offline : undefined;
    if (bucket) {
      bucket.bytes += size.bytes;
      bucket.approx += size.approx;
      bucket.lines.push(line);
    } else totals.online.known = totals.offline.known = false;
    if (r.node !== undefined) {
      nodeOf(f, r.node, r.src);
      const p = perNode.get(r.node) ?? { bytes: 0, approx: 0, lines: [] };
      p.bytes += size.bytes;
      p.approx += size.approx;
      p.lines.push(line);
      perNode.set(r.node, p);
    }
    if (start === undefined || size.bytes === 0) {
      log.skip({ line: r.src.line, message: 'row has no address (add the RANGE column); counted in totals only' });
      continue;
    }
    const range: MemoryRangeFact = { src: inferred ? { ...r.src, inferred } : r.src, start, sizeBytes: size.bytes };
    if (r.state) range.state = r.state;
    if (r.removable !== undefined) range.removable = r.removable;
    if (r.firstBlock !== undefined) range.firstBlock = r.firstBlock;
    if (r.lastBlock !== undefined) range.lastBlock = r.lastBlock;
    if (r.node !== undefined) range.node = r.node;
    if (r.zones) range.zones = r.zones;
    f.memoryRanges.push(range);
  }
  const linesNote = (lines: number[]): string => (lines.length <= 8 ? `lines ${lines.join(', ')}` : `${lines.length} rows`);
  for (const [id, p] of perNode) {
    const n = f.nodes.get(id);
    if (n) n.capacityBytes = { value: p.bytes, src: at(file, p.lines[0], { note: `sum of lsmem rows, ${linesNote(p.lines)}`, ...(p.approx ? { approx: p.approx } : {}) }) };
  }
  for (const key of ['online', 'offline'] as const) {
    const t = totals[key];
    const printed = summary.get(key);
    const s = printed ? summarySize(printed.value) : undefined;
    if (printed && !s) log.skip({ line: printed.line, message: `total ${key} ignored`, expected: 'a size such as 4G', found: snippet(printed.value) });
    const fromRows = t.known && rows.length > 0 && t.lines.length + (key === 'online' ? totals.offline.lines.length : totals.online.lines.length) > 0;
    if (fromRows) {
      const field: Fact<number> = { value: t.bytes, src: at(file, t.lines[0] ?? rows[0].src.line, { note: t.lines.length ? `sum of ${key} rows, ${linesNote(t.lines)}` : `no ${key} rows`, ...(t.approx ? { approx: t.approx } : {}) }) };
      if (s && Math.abs(s.bytes - t.bytes) > s.approx + t.approx)
        log.warn({ line: printed?.line, message: `"Total ${key} memory: ${printed?.value}" disagrees with the rows (${t.bytes} bytes); the rows are used` });
      f[key === 'online' ? 'onlineBytes' : 'offlineBytes'] = field;
    } else if (s && printed) {
      f[key === 'online' ? 'onlineBytes' : 'offlineBytes'] = { value: s.bytes, src: at(file, printed.line, s.approx ? { approx: s.approx } : {}) };
    }
  }
  if (rows.length === 0 && summary.size === 0) log.error({ line: 1, message: 'no lsmem rows or summary found', expected: 'a header (RANGE SIZE STATE …) and rows, -P pairs, -J JSON or the summary lines' });
  return f;
}

/** Address span of a row, when it has one (RANGE, or BLOCK with a known block size). */
function spanOf(r: LsmemRow, block: number | undefined): [number, number] | undefined {
  if (r.start !== undefined && r.end !== undefined) return [r.start, r.end + 1];
  if (r.firstBlock !== undefined && r.lastBlock !== undefined && block) return [r.firstBlock * block, (r.lastBlock + 1) * block];
  return undefined;
}

/** Sorts rows by address and skips those overlapping an earlier one (sort + sweep: n log n on any input). */
function dropOverlaps(rows: LsmemRow[], block: number | undefined, log: ParseContext['log']): LsmemRow[] {
  const placed = rows.map((r, i) => ({ r, i, span: spanOf(r, block) }));
  const withSpan = placed.filter((p) => p.span).sort((a, b) => (a.span as number[])[0] - (b.span as number[])[0] || a.i - b.i);
  const keep = new Set<number>();
  let end = -1;
  let endLine: number | undefined;
  for (const p of withSpan) {
    const [s, e] = p.span as [number, number];
    if (s < end) {
      log.skip({ line: p.r.src.line, jsonPath: p.r.src.jsonPath, message: `row overlaps the row on line ${endLine ?? '?'}; skipped so its memory is not counted twice` });
      continue;
    }
    keep.add(p.i);
    end = e;
    endLine = p.r.src.line;
  }
  return [...withSpan.filter((p) => keep.has(p.i)).map((p) => p.r), ...placed.filter((p) => !p.span).map((p) => p.r)];
}
