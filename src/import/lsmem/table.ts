// The lsmem text forms: aligned table (default), raw (-r), key="value" pairs (-P), and the summary
// lines. Cells can be empty (REMOVABLE for offline blocks, NODE without NUMA), so an aligned row
// with fewer words than columns is matched to the header by position.
import { LSMEM_COLUMNS } from './rows';

export interface HeaderColumn {
  name: string;
  start: number;
  end: number;
}

/** Words with their [start, end) columns. */
export function spans(line: string): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
    if (i >= line.length) break;
    const start = i;
    while (i < line.length && line[i] !== ' ' && line[i] !== '\t') i++;
    out.push({ text: line.slice(start, i), start, end: i });
  }
  return out;
}

/** The header line, if this is one: every word a known lsmem column. */
export function readHeader(line: string): HeaderColumn[] | undefined {
  const w = spans(line);
  if (w.length === 0 || w.length > 2 * LSMEM_COLUMNS.length) return undefined;
  const cols = w.map((s) => ({ name: s.text.toUpperCase().replace(/_/g, '-'), start: s.start, end: s.end }));
  if (!cols.every((c) => LSMEM_COLUMNS.includes(c.name))) return undefined;
  if (!cols.some((c) => c.name === 'RANGE' || c.name === 'BLOCK')) return undefined;
  return cols;
}

/** Cells of a table row by column name, or undefined if the row cannot be matched to the header. */
export function rowCells(line: string, header: HeaderColumn[]): Map<string, string> | undefined {
  const w = spans(line);
  const cells = new Map<string, string>();
  if (w.length === header.length) {
    header.forEach((h, i) => cells.set(h.name, w[i].text));
    return cells;
  }
  // lsmem -r: single spaces, empty cells leave two spaces in a row.
  const raw = line.split(' ');
  if (raw.length === header.length && !line.includes('\t')) {
    header.forEach((h, i) => raw[i] && cells.set(h.name, raw[i]));
    return cells;
  }
  if (w.length > header.length) return undefined;
  // Aligned with blanks: give each word to the header column it overlaps most (or is nearest to).
  for (const word of w) {
    let best = -1;
    let bestScore = -Infinity;
    header.forEach((h, i) => {
      const overlap = Math.min(h.end, word.end) - Math.max(h.start, word.start);
      const score = overlap > 0 ? overlap : -Math.min(Math.abs(h.start - word.end), Math.abs(word.start - h.end));
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    });
    const name = header[best].name;
    if (cells.has(name)) return undefined;
    cells.set(name, word.text);
  }
  return cells;
}

/** `lsmem -P`: RANGE="0x…" SIZE="128M" … → cells. Hand-written scanner: linear on any input. */
export function pairCells(line: string): Map<string, string> | undefined {
  const cells = new Map<string, string>();
  let i = 0;
  while (i < line.length) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (i >= line.length) break;
    const eq = line.indexOf('="', i);
    if (eq < 0) return undefined;
    const key = line.slice(i, eq).toUpperCase().replace(/_/g, '-');
    const close = line.indexOf('"', eq + 2);
    if (close < 0 || !LSMEM_COLUMNS.includes(key)) return undefined;
    cells.set(key, line.slice(eq + 2, close));
    i = close + 1;
  }
  return cells.size ? cells : undefined;
}

export const SUMMARY_KEYS: Record<string, 'block' | 'online' | 'offline' | 'memmap'> = {
  'Memory block size:': 'block',
  'Total online memory:': 'online',
  'Total offline memory:': 'offline',
  'Memmap on memory parameter:': 'memmap',
};

/** "Memory block size:   2G" → ['block', '2G']. */
export function summaryLine(line: string): [string, string] | undefined {
  const t = line.trim();
  for (const [label, key] of Object.entries(SUMMARY_KEYS)) if (t.startsWith(label)) return [key, t.slice(label.length).trim()];
  return undefined;
}
