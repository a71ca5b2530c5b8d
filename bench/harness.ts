// Shared shape of a benchmark area: a function returning named figures.
export type Figures = Record<string, number>;
export type BenchArea = (progress: (msg: string) => void) => Promise<Figures>;

/** Median of a list of samples. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Round for printing: 4 significant digits is all a benchmark figure carries. */
export function round(x: number): number {
  return Number(x.toPrecision(4));
}
