// Memory blocks: the unit of online/offline and hot(un)plug. Size rule from
// arch/x86/mm/init_64.c probe_memory_block_size (see RULES.blockSize).
import { MAX_BLOCK_SIZE, MEM_SIZE_FOR_LARGE_BLOCK, SECTION_SIZE } from './constants';

export interface BlockSizeChoice {
  bytes: number;
  /** Which branch of probe_memory_block_size picked it. */
  reason: string;
}

/**
 * The block size x86_64 picks at boot. `bootMemEnd` is the end of boot memory (max_pfn), not
 * counting memory hot-plugged later. `advisedMaxBytes` is the CFMWS-based advice from a 2024
 * series (memory_block_advised_max_size); the CXL docs say v6.15 does not yet use CFMWS.
 */
export function kernelBlockSize(platform: 'bare-metal' | 'vm', bootMemEnd: number, advisedMaxBytes?: number): BlockSizeChoice {
  if (bootMemEnd < MEM_SIZE_FOR_LARGE_BLOCK) return { bytes: SECTION_SIZE, reason: 'boot memory ends below 64 GiB: 128 MiB blocks' };
  let bz: number;
  if (advisedMaxBytes) bz = Math.max(Math.min(advisedMaxBytes, MAX_BLOCK_SIZE), SECTION_SIZE);
  else if (platform === 'bare-metal') return { bytes: MAX_BLOCK_SIZE, reason: 'bare metal with >= 64 GiB: 2 GiB blocks' };
  else bz = MAX_BLOCK_SIZE;
  for (; bz > SECTION_SIZE; bz /= 2) if (bootMemEnd % bz === 0) break;
  return { bytes: bz, reason: `largest block up to ${advisedMaxBytes ? 'the advice' : '2 GiB'} that aligns to the end of boot memory` };
}

export interface BlockSpan {
  /** Index of the first whole block (phys_index). */
  first: number;
  count: number;
  start: number;
  end: number;
}

/** Whole blocks inside [start, end): what kmem keeps (ALIGN start up, ALIGN_DOWN end). */
export function wholeBlocks(start: number, end: number, blockBytes: number): BlockSpan | null {
  const s = Math.ceil(start / blockBytes) * blockBytes;
  const e = Math.floor(end / blockBytes) * blockBytes;
  if (e <= s) return null;
  return { first: s / blockBytes, count: (e - s) / blockBytes, start: s, end: e };
}

/** memmap of one block if memmap_on_memory carves it from the block (struct page per 4 KiB). */
export function memmapOnMemoryBytes(blockBytes: number): number {
  return (blockBytes / 4096) * 64;
}
