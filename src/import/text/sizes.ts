// Human-readable sizes as the tools print them. src/sim/units parseSize rejects "4.00 GiB (4.29 GB)"
// and fractional sizes, and these are roundings anyway, so each parser here also returns how far
// off the printed figure may be (`approx`, in bytes).
import { parseCount } from './numbers';

export interface SizeReading {
  bytes: number;
  /** Largest possible error of `bytes`, from the rounding the tool applied. 0 = exact. */
  approx: number;
}

const BINARY: Record<string, number> = { B: 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40, P: 2 ** 50, E: 2 ** 60 };
const DECIMAL: Record<string, number> = { B: 1, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** "123" or "123.45": digits and up to `maxDecimals` decimals; returns [value, decimals]. */
function decimalNumber(s: string, maxDecimals: number): [number, number] | undefined {
  const dot = s.indexOf('.');
  const int = dot < 0 ? s : s.slice(0, dot);
  const frac = dot < 0 ? '' : s.slice(dot + 1);
  if (parseCount(int) === undefined || int.length > 16) return undefined;
  if (dot >= 0 && (frac.length === 0 || frac.length > maxDecimals || parseCount(frac) === undefined)) return undefined;
  return [Number(s), frac.length];
}

function finish(bytes: number, approx: number): SizeReading | undefined {
  const b = Math.round(bytes);
  return Number.isSafeInteger(b) && b >= 0 ? { bytes: b, approx: Math.ceil(approx) } : undefined;
}

/**
 * util-linux size_to_human_string (lsmem): "2G", "2.9G", "768M", "0B" — binary units, one decimal,
 * rounded, so any such figure is within 0.05 of its unit.
 */
export function parseLetterSize(s: string): SizeReading | undefined {
  const t = s.trim();
  if (t.length < 1 || t.length > 24) return undefined;
  const last = t[t.length - 1].toUpperCase();
  const unit = BINARY[last];
  const numText = unit ? t.slice(0, -1) : t;
  const n = decimalNumber(numText, 2);
  if (!n) return undefined;
  const mult = unit ?? 1;
  return finish(n[0] * mult, mult === 1 ? 0 : 0.05 * mult);
}

/** lstopo: "2935MiB", "96GiB", "4096KiB", "512 B" — truncated to a whole unit. */
export function parseLstopoSize(s: string): SizeReading | undefined {
  const t = s.trim();
  const m = /^(\d{1,16})\s?([KMGTPE]i)?B$/.exec(t);
  if (!m) return undefined;
  const mult = m[2] ? BINARY[m[2][0]] : 1;
  return finish(Number(m[1]) * mult, mult === 1 ? 0 : mult);
}

/**
 * ndctl/daxctl/cxl `-u`: "249.00 GiB (267.36 GB)" or "512.00 MiB (536.87 MB)" (util/json.c
 * display_size: both figures rounded to 1/100). The two roundings bound the true size; we return
 * the exact binary figure when it lies inside both bounds, else the middle of the overlap.
 */
export function parseToolHumanSize(s: string): SizeReading | undefined {
  const t = s.trim();
  const m = /^(\d{1,12}(?:\.\d{1,3})?) ?([KMGTPE]i)?B(?: \((\d{1,12}(?:\.\d{1,3})?) ?([KMGTPE])?B\))?$/.exec(t);
  if (!m) return undefined;
  const iec = bounds(m[1], m[2] ? BINARY[m[2][0]] : 1);
  let lo = iec.lo;
  let hi = iec.hi;
  if (m[3]) {
    const jedec = bounds(m[3], m[4] ? DECIMAL[m[4]] : 1);
    lo = Math.max(lo, jedec.lo);
    hi = Math.min(hi, jedec.hi);
    if (hi < lo) return undefined; // the two figures contradict each other
  }
  const exact = iec.value;
  const est = Number.isInteger(exact) && exact >= lo && exact <= hi ? exact : Math.round((lo + hi) / 2);
  return finish(est, Math.max(est - lo, hi - est));
}

function bounds(num: string, mult: number): { value: number; lo: number; hi: number } {
  const dot = num.indexOf('.');
  const decimals = dot < 0 ? 0 : num.length - dot - 1;
  const half = mult === 1 ? 0 : (0.5 * mult) / 10 ** decimals;
  const value = Number(num) * mult;
  return { value, lo: Math.max(0, value - half), hi: value + half };
}

/** "/proc/meminfo"-style "16303552 kB" (kB is KiB there). */
export function parseKbValue(num: string, unit: string | undefined): number | undefined {
  const v = parseCount(num);
  if (v === undefined) return undefined;
  if (unit === undefined || unit === '') return v;
  if (unit.toLowerCase() !== 'kb') return undefined;
  const b = v * 1024;
  return Number.isSafeInteger(b) ? b : undefined;
}
