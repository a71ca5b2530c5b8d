// Number parsing that refuses anything a double cannot hold exactly, so hostile or corrupted
// figures become located issues instead of silently rounded values.

/** A decimal integer with optional sign, e.g. "4095"; undefined if malformed or beyond 2^53. */
export function parseDecimal(s: string): number | undefined {
  if (s.length === 0 || s.length > 17) return undefined;
  let i = s[0] === '-' || s[0] === '+' ? 1 : 0;
  if (i === s.length) return undefined;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  const v = Number(s);
  return Number.isSafeInteger(v) ? v : undefined;
}

/** A non-negative decimal integer. */
export function parseCount(s: string): number | undefined {
  const v = parseDecimal(s);
  return v !== undefined && v >= 0 && s[0] !== '-' ? v : undefined;
}

/** Hex with or without "0x" (as /proc/iomem and sysfs print it); undefined beyond 2^53. */
export function parseHex(s: string): number | undefined {
  let t = s;
  if (t.startsWith('0x') || t.startsWith('0X')) t = t.slice(2);
  // Leading zeros are common ("0x0000000100000000"); strip them before the length check.
  let z = 0;
  while (z < t.length - 1 && t[z] === '0') z++;
  t = t.slice(z);
  if (t.length === 0 || t.length > 14) return undefined;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i) | 0x20;
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return undefined;
  }
  const v = Number.parseInt(t, 16);
  return Number.isSafeInteger(v) ? v : undefined;
}

/** Decimal or 0x-hex, as used for node ids, sizes and addresses in JSON strings. */
export function parseIntLike(s: string): number | undefined {
  const t = s.trim();
  return t.startsWith('0x') || t.startsWith('0X') ? parseHex(t) : parseCount(t);
}

/** Ranges like "0-1,3" or "0-3,8-11" (numactl "available:", sysfs cpulist); undefined if malformed or over `max` ids. */
export function parseIdList(s: string, max = 1 << 16): number[] | undefined {
  const t = s.trim();
  if (t === '') return [];
  const out: number[] = [];
  for (const part of t.split(',')) {
    const dash = part.indexOf('-');
    const lo = parseCount(dash < 0 ? part : part.slice(0, dash));
    const hi = dash < 0 ? lo : parseCount(part.slice(dash + 1));
    if (lo === undefined || hi === undefined || hi < lo || hi - lo >= max || out.length + hi - lo >= max) return undefined;
    for (let v = lo; v <= hi; v++) out.push(v);
  }
  return out;
}
