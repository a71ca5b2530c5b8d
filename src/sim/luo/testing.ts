// Helpers shared by the tests (no test-runner imports, so the app build can include it).
import { runLuoScript } from './script';
import type { LuoOptions } from './system';

/** Runs a script and returns its output lines. */
export function luo(script: string, opts: LuoOptions): string[] {
  return runLuoScript(script, opts).lines;
}

/** A script with one operation per array element (lets tests build long scripts). */
export function lines(...ops: (string | string[])[]): string {
  return ops.flat().join('\n');
}

export function repeat(n: number, f: (i: number) => string | string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = f(i);
    if (Array.isArray(r)) out.push(...r);
    else out.push(r);
  }
  return out;
}
