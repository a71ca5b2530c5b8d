// The bits of C library parsing the oracle relies on (strtol, atol, isspace), reproduced so that a
// trace the oracle accepts is accepted here with the same numbers, and one it rejects is rejected.

export function isCSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\v' || ch === '\f' || ch === '\r';
}

/** strtol(s + start, &end, 10): value and end index (end === start when no digits were read). */
export function strtol(s: string, start = 0): { value: number; end: number } {
  let i = start;
  while (isCSpace(s[i])) i++;
  let sign = 1;
  if (s[i] === '+' || s[i] === '-') {
    if (s[i] === '-') sign = -1;
    i++;
  }
  const digitsFrom = i;
  let value = 0;
  while (i < s.length && s[i] >= '0' && s[i] <= '9') {
    value = value * 10 + (s.charCodeAt(i) - 48);
    i++;
  }
  if (i === digitsFrom) return { value: 0, end: start };
  return { value: sign * value, end: i };
}

/** atol / atoi: strtol without the end pointer. */
export function atol(s: string): number {
  return strtol(s).value;
}
