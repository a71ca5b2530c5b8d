// Sessions grouped, searched and windowed: the mainline view stays usable with thousands of
// sessions (the kernel selftests use 2000) by drawing groups with counts and rendering only the
// rows of the session list that are on screen.

export interface SessionRow {
  id: number;
  name: string;
  dir: 'outgoing' | 'incoming';
  status: string;
  fdOpen: boolean;
  files: { token: number; handler: string; state: string }[];
}

/** Session statuses in lifecycle order, with the side of the kexec they belong to. */
export const SESSION_STATUSES = [
  { status: 'active', dir: 'outgoing' },
  { status: 'frozen', dir: 'outgoing' },
  { status: 'deserialized', dir: 'incoming' },
  { status: 'retrieved', dir: 'incoming' },
  { status: 'finished', dir: 'incoming' },
  { status: 'leaked', dir: 'incoming' },
] as const;

export const FILE_STATES = ['preserved', 'frozen', 'deserialized', 'retrieved', 'retrieve-failed'] as const;

/** Every status with its count (zero included), in lifecycle order; unknown statuses at the end. */
export function statusGroups(byStatus: Partial<Record<string, number>>): { status: string; dir: string; count: number }[] {
  const known: { status: string; dir: string; count: number }[] = SESSION_STATUSES.map((s) => ({ status: s.status, dir: s.dir, count: byStatus[s.status] ?? 0 }));
  for (const [status, count] of Object.entries(byStatus)) if (!known.some((k) => k.status === status)) known.push({ status, dir: '?', count: count ?? 0 });
  return known;
}

/**
 * Sessions matching a query: every word must match the name (substring, case-insensitive), the
 * direction ("in", "out", "incoming", "outgoing") or the status (prefix). Keeps the input order.
 */
export function filterSessions<T extends Pick<SessionRow, 'name' | 'dir' | 'status'>>(list: T[], query: string): T[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return list;
  return list.filter((s) => {
    const name = s.name.toLowerCase();
    return words.every((w) => name.includes(w) || (w.length >= 2 && (s.dir.startsWith(w) || (w === 'in' && s.dir === 'incoming') || s.status.startsWith(w))));
  });
}

/** Rows [first, end) to render for a scroll position, with `overscan` rows either side. */
export function visibleRows(scrollTop: number, viewportHeight: number, rowHeight: number, total: number, overscan = 4): { first: number; end: number } {
  if (total <= 0 || rowHeight <= 0) return { first: 0, end: 0 };
  const top = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const bottom = Math.min(total, Math.ceil((scrollTop + Math.max(0, viewportHeight)) / rowHeight) + overscan);
  const first = Math.min(top, Math.max(0, total - 1));
  return { first, end: Math.max(first, bottom) };
}

/** scrollTop that brings row `index` into a viewport, moving as little as possible. */
export function scrollToRow(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewportHeight) return top + rowHeight - viewportHeight;
  return scrollTop;
}

/** Files per state. */
export function fileStateCounts(files: { state: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of files) out[f.state] = (out[f.state] ?? 0) + 1;
  return out;
}

/** The next free token of a session (one more than the largest used, 1 for none). */
export function nextToken(files: { token: number }[]): number {
  let max = 0;
  for (const f of files) max = Math.max(max, f.token);
  return max + 1;
}

/** The first name `base<N>` not in use (N from 0). */
export function nextSessionName(names: Iterable<string>, base = 'vm'): string {
  const used = new Set(names);
  for (let i = 0; ; i++) if (!used.has(`${base}${i}`)) return `${base}${i}`;
}

/** One-line summary of a session's files: "2 files: 1 preserved, 1 frozen". */
export function filesSummary(files: { state: string }[]): string {
  if (!files.length) return 'no files';
  const counts = fileStateCounts(files);
  return `${files.length} file${files.length === 1 ? '' : 's'}: ${Object.entries(counts)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ')}`;
}
