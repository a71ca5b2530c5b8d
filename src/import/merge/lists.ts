// Merging device lists (namespaces, regions, dax devices, cxl objects…) from several files: items
// with the same name are one object; fields one file lacks are filled from another, and differing
// figures become conflicts (the first file's value stays).
import type { Conflict } from '../machine';
import type { Fact, Source } from '../provenance';
import { disagree } from './figures';

function isFact(v: unknown): v is Fact<unknown> {
  return typeof v === 'object' && v !== null && 'value' in v && 'src' in v;
}

/** Merges `items` (in file order) by `key`; returns one item per key, first-seen order. */
export function mergeByKey<T extends { src: Source }>(kind: string, items: T[], key: (t: T) => string, conflicts: Conflict[]): T[] {
  const out = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    const prev = out.get(k);
    if (!prev) {
      out.set(k, { ...item });
      continue;
    }
    if (prev.src.file === item.src.file) {
      // The same file listing an object twice (e.g. a duplicated line): keep the first.
      continue;
    }
    const target = prev as Record<string, unknown>;
    for (const [field, v] of Object.entries(item)) {
      if (field === 'src' || v === undefined) continue;
      const mine = target[field];
      if (mine === undefined) target[field] = v;
      else if (isFact(mine) && isFact(v) && disagree(mine, v)) conflicts.push({ what: `${kind} ${k} ${field}`, chosen: mine, others: [v], rule: 'the first file given' });
    }
  }
  return [...out.values()];
}
