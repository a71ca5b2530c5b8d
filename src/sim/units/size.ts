// Sizes as the kernel tools write them: plain bytes or binary suffixes (K = KiB = 1024).
const SUFFIX: Record<string, number> = {
  '': 1, B: 1,
  K: 2 ** 10, KB: 2 ** 10, KIB: 2 ** 10,
  M: 2 ** 20, MB: 2 ** 20, MIB: 2 ** 20,
  G: 2 ** 30, GB: 2 ** 30, GIB: 2 ** 30,
  T: 2 ** 40, TB: 2 ** 40, TIB: 2 ** 40,
  P: 2 ** 50, PB: 2 ** 50, PIB: 2 ** 50,
};

export const KiB = 2 ** 10;
export const MiB = 2 ** 20;
export const GiB = 2 ** 30;
export const TiB = 2 ** 40;

/** Parses "4K", "2M", "1.5GiB", "4096", "0x1000". Throws a message naming the input on error. */
export function parseSize(text: string): number {
  const s = text.trim();
  if (/^0x[0-9a-f]+$/i.test(s)) return checkSafe(Number.parseInt(s, 16), text);
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(s);
  if (!m) throw new Error(`invalid size "${text}": expected bytes or a number with K, M, G, T (or KiB, MiB, GiB, TiB)`);
  const mult = SUFFIX[m[2].toUpperCase()];
  if (mult === undefined) throw new Error(`invalid size "${text}": unknown suffix "${m[2]}"`);
  const bytes = Number(m[1]) * mult;
  if (!Number.isInteger(bytes)) throw new Error(`invalid size "${text}": not a whole number of bytes`);
  return checkSafe(bytes, text);
}

function checkSafe(n: number, text: string): number {
  if (!Number.isSafeInteger(n)) throw new Error(`invalid size "${text}": larger than 2^53 bytes`);
  return n;
}

/** "4.00 GiB" style, the way `ndctl list -u` prints sizes. */
export function formatBytes(bytes: number, digits = 2): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${bytes} B` : `${v.toFixed(digits)} ${units[i]}`;
}

/** Shortest exact binary form: 4096 -> "4K", 3 GiB -> "3G"; used to print real tool commands. */
export function formatSizeArg(bytes: number): string {
  for (const [suffix, mult] of [['T', TiB], ['G', GiB], ['M', MiB], ['K', KiB]] as const) {
    if (bytes >= mult && bytes % mult === 0) return `${bytes / mult}${suffix}`;
  }
  return String(bytes);
}
