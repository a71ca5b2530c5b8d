// Virtual time is kept in integer nanoseconds (a double holds exact integers up to 2^53 ns ≈ 104 days).
export const NS = 1;
export const US = 1_000;
export const MS = 1_000_000;
export const S = 1_000_000_000;

const UNIT: Record<string, number> = { ns: NS, us: US, 'µs': US, ms: MS, s: S, m: 60 * S, min: 60 * S, h: 3600 * S };

/** Parses "300ms", "2s", "1.5us", "250ns", "1h". A bare number is nanoseconds. */
export function parseDuration(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ns|us|µs|ms|s|m|min|h)?\s*$/.exec(text);
  if (!m) throw new Error(`invalid duration "${text}": expected a number with ns, us, ms, s, min or h (e.g. 300ms)`);
  const ns = Math.round(Number(m[1]) * UNIT[m[2] ?? 'ns']);
  if (!Number.isSafeInteger(ns)) throw new Error(`invalid duration "${text}": too long`);
  return ns;
}

/** Human form with the largest unit that keeps the value >= 1: 1500000 -> "1.5 ms". */
export function formatDuration(ns: number): string {
  const abs = Math.abs(ns);
  const [div, unit] =
    abs >= 3600 * S ? [3600 * S, 'h'] : abs >= 60 * S ? [60 * S, 'min'] : abs >= S ? [S, 's'] : abs >= MS ? [MS, 'ms'] : abs >= US ? [US, 'µs'] : [1, 'ns'];
  const v = ns / div;
  return `${Number.isInteger(v) ? v : Number(v.toPrecision(4))} ${unit}`;
}
