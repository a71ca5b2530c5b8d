// Live update instead of migration: the VM's memory is an unlinked memfd preserved across kexec
// by LUO ("memfd-v1": the same physical pages are handed over, nothing is copied), so the only cost
// is the live update's blackout, from the blackout timeline of the live update model.
import { trackerSize } from '../kho/tracker';
import { BLACKOUT_PARAMS, blackoutTimeline, type BlackoutInput, type BlackoutParams, type BlackoutTimeline } from '../luo/blackout';
import { PAGE_BYTES } from './params';
import { memoryPages } from './precopy';
import { lostWork, segment } from './segments';
import type { Segment } from './types';

export interface LiveUpdateOptions {
  memoryBytes: number;
  /** Pages per memfd folio: 1 (order 0) or 512 (2 MiB shmem THP). */
  folioPages?: 1 | 512;
  /** Share of the memfd populated; preserve fills the holes (memfd_pin_folios allocates them). */
  populatedFraction?: number;
  /** Other preserved files of the session (vfio, iommufd ...), each a fixed per-file cost. */
  extraFiles?: number;
  /** Tracker format counted by kho_finalize: 6.19 bitmaps, or the later radix tree (no bitmaps). */
  trackerFormat?: '6.19' | 'radix';
  blackoutParams?: BlackoutParams;
}

export interface LiveUpdateResult {
  input: BlackoutInput;
  timeline: BlackoutTimeline;
  downtimeS: number;
  totalS: number;
  lostWorkS: number;
  segments: Segment[];
  notes: string[];
}

/** What one preserved memfd holding the VM's memory puts into the blackout timeline. */
export function memfdBlackoutInput(o: LiveUpdateOptions): BlackoutInput {
  const pages = memoryPages(o.memoryBytes);
  const folioPages = o.folioPages ?? 1;
  const populated = o.populatedFraction ?? 1;
  if (!(populated >= 0 && populated <= 1)) throw new RangeError(`populatedFraction must be in [0, 1], got ${populated}`);
  const folios = Math.ceil(pages / folioPages);
  // 16-byte memfd_luo_folio_ser per folio in a vmalloc array, listed by 511-entry chunk pages.
  const arrayPages = Math.ceil((folios * 16) / PAGE_BYTES);
  const chunkPages = Math.ceil(arrayPages / 511);
  const order = Math.log2(folioPages);
  const runs = [{ pfn: 0, count: folios, order }];
  return {
    sessions: 1,
    files: 1 + (o.extraFiles ?? 0),
    folios,
    holePages: Math.round(pages * (1 - populated)),
    preservedBlocks: folios + arrayPages + chunkPages + 1,
    trackerBitmaps: (o.trackerFormat ?? '6.19') === 'radix' ? 0 : trackerSize(runs, '6.19').bitmaps,
  };
}

export function liveUpdateHandover(o: LiveUpdateOptions): LiveUpdateResult {
  const input = memfdBlackoutInput(o);
  const timeline = blackoutTimeline(input, o.blackoutParams ?? BLACKOUT_PARAMS);
  const segments = timeline.phases.map((p) =>
    segment(p.startNs * 1e-9, p.durationNs * 1e-9, p.inBlackout ? 'blackout' : p.id === 'preserve' ? 'preserve' : 'finish', p.inBlackout ? 0 : 1),
  );
  return {
    input,
    timeline,
    downtimeS: timeline.blackout.durationNs * 1e-9,
    totalS: timeline.totalNs * 1e-9,
    lostWorkS: lostWork(segments),
    segments,
    notes: [timeline.note, NOTE_LIVE_UPDATE],
  };
}

export const NOTE_LIVE_UPDATE =
  'Live update: the memfd is assumed physically contiguous for the tracker size (a best case); preserve runs while the VM runs and its CPU cost is not charged to the VM; restarting the VM process on the new kernel (QEMU, vCPU state) after retrieve is not part of the LUO timeline and is not added.';
