// The oracle's output lines (print_pages, print_cats, do_pagemap, arm's "# armed" line), written in
// chunks so that a 1 TiB region's page list never has to be one JS string.
import { CATEGORY_NAMES } from './constants';
import type { CategoryRun, PagemapBits } from './regionScan';
import type { TraceConfig } from './trace';

const CHUNK = 1 << 16;

/** Buffers text and hands it to `sink` in pieces of about 64 KiB. */
export class ChunkWriter {
  private buf: string[] = [];
  private size = 0;
  private readonly sink: (text: string) => void;
  constructor(sink: (text: string) => void) {
    this.sink = sink;
  }
  write(text: string): void {
    this.buf.push(text);
    this.size += text.length;
    if (this.size >= CHUNK) this.flush();
  }
  line(text: string): void {
    this.write(text + '\n');
  }
  flush(): void {
    if (this.size === 0 && this.buf.length === 0) return;
    this.sink(this.buf.join(''));
    this.buf = [];
    this.size = 0;
  }
}

/** `tag#seq extra written=N ranges=[...] pages=[...]`; regions are [start, end) pairs. */
export function writePagesLine(out: ChunkWriter, tag: string, seq: number, extra: string, regions: number[]): void {
  let count = 0;
  for (let i = 0; i < regions.length; i += 2) count += regions[i + 1] - regions[i];
  out.write(`${tag}#${seq}${extra} written=${count} ranges=[`);
  let first = true;
  for (let i = 0; i < regions.length; ) {
    const a = regions[i];
    let e = regions[i + 1];
    i += 2;
    while (i < regions.length && regions[i] === e) {
      e = regions[i + 1];
      i += 2;
    }
    out.write(`${first ? '' : ','}${a === e - 1 ? a : `${a}-${e - 1}`}`);
    first = false;
  }
  out.write('] pages=[');
  first = true;
  for (let i = 0; i < regions.length; i += 2) {
    for (let p = regions[i]; p < regions[i + 1]; p++) {
      out.write(first ? `${p}` : `,${p}`);
      first = false;
    }
  }
  out.line(']');
}

export function categoryNames(categories: number): string {
  const names = CATEGORY_NAMES.filter((_, bit) => (categories & (1 << bit)) !== 0);
  return names.length ? names.join('|') : 'none';
}

/** `cats#N regions=R [a-b:NAME|NAME] ...` */
export function writeCatsLine(out: ChunkWriter, seq: number, runs: CategoryRun[]): void {
  out.write(`cats#${seq} regions=${runs.length}`);
  for (const r of runs) out.write(` [${r.start}-${r.end - 1}:${categoryNames(r.categories)}]`);
  out.line('');
}

/** `pagemap A-B: i:PSFWXD ...` with '-' for clear bits. */
export function writePagemapLine(out: ChunkWriter, first: number, last: number, entry: (p: number) => PagemapBits): void {
  out.write(`pagemap ${first}-${last}:`);
  for (let p = first; p <= last; p++) {
    const e = entry(p);
    out.write(
      ` ${p}:${e.present ? 'P' : '-'}${e.swapped ? 'S' : '-'}${e.file ? 'F' : '-'}${e.uffdWp ? 'W' : '-'}${e.exclusive ? 'X' : '-'}${e.softDirty ? 'D' : '-'}`,
    );
  }
  out.line('');
}

export function armedLine(c: TraceConfig, featuresRequested: number): string {
  return (
    `# armed pages=${c.pages} backing=${c.backing} thp=${c.thp} mode=${c.mode} unpopulated=${c.unpopulated} ` +
    `prefault=${c.prefault} features_requested=0x${featuresRequested.toString(16)}`
  );
}
