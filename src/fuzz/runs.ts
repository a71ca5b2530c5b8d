// How many cases each fuzz property runs: 1,000 in CI, FUZZ_RUNS for `npm run fuzz`.
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
/** The longest one case may take before it counts as a hang. */
export const CASE_LIMIT_MS = 1000;

/** Runs `fn` and fails when it takes longer than CASE_LIMIT_MS (a hang on hostile input). */
export function withinLimit<T>(what: string, fn: () => T): T {
  const t0 = performance.now();
  const out = fn();
  const ms = performance.now() - t0;
  if (ms > CASE_LIMIT_MS) throw new Error(`${what} took ${ms.toFixed(0)} ms on one input (limit ${CASE_LIMIT_MS} ms)`);
  return out;
}
