// Line iteration over large inputs without building an array of every line, with progress reports.

/** How often (in characters) line-based parsers report progress. */
export const PROGRESS_STEP = 1 << 20;

export type LineFn = (line: string, lineNo: number) => void;

/**
 * Calls `fn` for each line (1-based numbers, trailing "\r" removed) and `progress` with the
 * number of characters consumed about every PROGRESS_STEP characters.
 */
export function eachLine(text: string, fn: LineFn, progress?: (done: number) => void): number {
  const n = text.length;
  let pos = 0;
  let lineNo = 0;
  let nextReport = PROGRESS_STEP;
  while (pos < n) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = n;
    lineNo++;
    const stop = end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    fn(text.slice(pos, stop), lineNo);
    pos = end + 1;
    if (progress && pos >= nextReport) {
      progress(Math.min(pos, n));
      nextReport = pos + PROGRESS_STEP;
    }
  }
  return lineNo;
}

/** Splits on runs of spaces and tabs (no regex, so hostile lines cost linear time). */
export function words(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    while (i < n && isBlank(line.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isBlank(line.charCodeAt(i))) i++;
    out.push(line.slice(start, i));
  }
  return out;
}

export function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** Index of the first non-blank character (line.length if none). */
export function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && isBlank(line.charCodeAt(i))) i++;
  return i;
}

/** A line made only of dots (or "…"): the elision mark documentation puts in shortened output. */
export function isElision(line: string): boolean {
  const t = line.trim();
  return t === '…' || (t.length >= 3 && t.length <= 16 && /^\.+$/.test(t));
}
