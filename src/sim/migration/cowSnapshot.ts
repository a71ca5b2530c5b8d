// Copy-on-write snapshot of a process whose memory is served from devdax onlined as System RAM
// (kmem), after the MemVerge RFC "Allow persistent data on DAX device being used as KMEM" (linux-mm,
// 2022; not merged): the snapshot holds a reference to every page and makes them copy-on-write
// "in about the same way a forked child would", so taking it copies nothing; afterwards each first
// write to a page copies it. First writes are found by a uffd-wp async region armed once (the same
// first-write-per-page semantics: QEMU's background snapshot uses uffd-wp this way).
import { UffdWpRegion } from '../dirty/region';
import { Prng } from '../engine/prng';
import { distinctPagesAfter, hotPages } from './analytic';
import { COW_PARAMS, PAGE_BYTES, type CowParams } from './params';
import { memoryPages } from './precopy';
import { lostWork, segment } from './segments';
import type { Segment } from './types';
import { randomWrites } from './writes';

export interface CowOptions {
  memoryBytes: number;
  writesPerS: number;
  hotSetFraction?: number;
  seed?: number;
  params?: Partial<CowParams>;
}

export interface CowSample {
  tS: number;
  /** Pages copied since the snapshot (page level) and F6's expectation. */
  copiedPages: number;
  expectedCopiedPages: number;
  /** Snapshot pages (persistent, on the DAX device) plus the copies the process now uses. */
  footprintBytes: number;
}

export interface CowResult {
  /** The process is stopped while every PTE is write-protected. */
  snapshotS: number;
  windowS: number;
  /** The snapshot keeps every page of the process on the DAX device: no extra memory at snapshot time. */
  persistentFootprintBytes: number;
  copiedPages: number;
  peakFootprintBytes: number;
  /** Time the process spends in copy-on-write faults over the window. */
  cowS: number;
  lostWorkS: number;
  samples: CowSample[];
  segments: Segment[];
  notes: string[];
}

export function cowSnapshot(o: CowOptions): CowResult {
  const p = { ...COW_PARAMS, ...o.params };
  const pages = memoryPages(o.memoryBytes);
  const hot = hotPages(o.memoryBytes, o.hotSetFraction ?? 1);
  if (!(p.windowS >= 0) || !(p.samples >= 1)) throw new RangeError('windowS must be >= 0 and samples >= 1');
  const snapshotS = pages * p.writeProtectNsPerPage * 1e-9;
  const perCopyS = p.cowFaultNs * 1e-9 + PAGE_BYTES / p.copyBandwidthBps;
  const region = UffdWpRegion.create({ pages, backing: 'anon', mode: 'async' });
  region.arm();
  const rng = new Prng(o.seed ?? 1);
  const n = Math.floor(p.samples);
  const stepS = p.windowS / n;
  const samples: CowSample[] = [{ tS: snapshotS, copiedPages: 0, expectedCopiedPages: 0, footprintBytes: o.memoryBytes }];
  const segments: Segment[] = [segment(0, snapshotS, 'snapshot', 0)];
  for (let i = 1; i <= n; i++) {
    const before = region.counts.wpFaults;
    randomWrites(rng, hot, o.writesPerS * stepS, (q) => region.write(q));
    const copied = region.counts.wpFaults - before;
    const tS = snapshotS + i * stepS;
    const total = region.counts.wpFaults;
    samples.push({ tS, copiedPages: total, expectedCopiedPages: distinctPagesAfter(hot, o.writesPerS, i * stepS), footprintBytes: o.memoryBytes + total * PAGE_BYTES });
    segments.push(segment(tS - stepS, stepS, 'cow', stepS > 0 ? Math.max(0, 1 - (copied * perCopyS) / stepS) : 1));
  }
  const copiedPages = region.counts.wpFaults;
  return {
    snapshotS,
    windowS: p.windowS,
    persistentFootprintBytes: o.memoryBytes,
    copiedPages,
    peakFootprintBytes: o.memoryBytes + copiedPages * PAGE_BYTES,
    cowS: copiedPages * perCopyS,
    lostWorkS: lostWork(segments),
    samples,
    segments,
    notes: [NOTE_COW],
  };
}

export const NOTE_COW =
  'CoW snapshot on DAX kmem follows an unmerged RFC (MemVerge, 2022), argued against on linux-mm; no kernel offers it. Snapshot time = write-protecting every page (UFFDIO_WRITEPROTECT per page measured on the oracle host, as a proxy for fork-style PTE copying); each copy = one allocating fault (measured) + 4 KiB at Optane read bandwidth. Writes over the window are not slowed by the copies they cause. The numactlX strawman named in the issue was not found in the sources available and is not modelled.';
