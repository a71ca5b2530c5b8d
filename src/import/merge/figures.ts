// Choosing one figure among what several files say, keeping the others and recording a conflict
// when they disagree beyond the rounding each source admits.
import type { Conflict } from '../machine';
import type { Fact, Figure } from '../provenance';

/** True when two facts say different things (numbers beyond their combined rounding, arrays by content). */
export function disagree(a: Fact<unknown>, b: Fact<unknown>): boolean {
  if (typeof a.value === 'number' && typeof b.value === 'number') return Math.abs(a.value - b.value) > (a.src.approx ?? 0) + (b.src.approx ?? 0);
  if (Array.isArray(a.value) && Array.isArray(b.value)) return a.value.length !== b.value.length || a.value.some((x, i) => x !== (b.value as unknown[])[i]);
  return a.value !== b.value;
}

/**
 * The first defined candidate wins (candidates come in order of preference); the others that
 * disagree with it are kept on the figure and reported as one conflict.
 */
export function choose<T>(what: string, rule: string, candidates: (Fact<T> | undefined)[], conflicts: Conflict[]): Figure<T> | undefined {
  const present = candidates.filter((c): c is Fact<T> => c !== undefined);
  if (present.length === 0) return undefined;
  const [chosen, ...rest] = present;
  const others = rest.filter((o) => disagree(chosen, o));
  if (others.length === 0) return { value: chosen.value, src: chosen.src };
  conflicts.push({ what, chosen, others, rule });
  return { value: chosen.value, src: chosen.src, others };
}
