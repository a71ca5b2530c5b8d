// Sector mode: the Block Translation Table. Arena layout from linux drivers/nvdimm/btt.c
// (create_arenas, alloc_arena) and btt.h: arenas of at most 512 GiB, each with an info block
// and its copy, a log of nfree (256 lanes) entries, a 4-byte map entry per block, and data.
import { PAGE_SIZE } from '../constants';

const BTT_PG_SIZE = PAGE_SIZE;
const ARENA_MIN_SIZE = 2 ** 24;
const ARENA_MAX_SIZE = 2 ** 39;
/** BTT_DEFAULT_NFREE = ND_MAX_LANES. */
const NFREE = 256;
const MAP_ENT_SIZE = 4;
/** 4 log entries of 16 bytes per lane (log_group). */
const LOG_GROUP_SIZE = 64;
const INT_LBASIZE_ALIGNMENT = 64;
/** BTT v1.1 starts after a 4 KiB offset in the namespace (nd_btt initial_offset). */
export const BTT_INITIAL_OFFSET = 4096;

export interface BttLayout {
  arenas: number;
  /** Logical blocks exposed to the block layer. */
  externalBlocks: number;
  sectorSize: number;
  usableBytes: number;
  metadataBytes: number;
  /** Offset of the first data block of the first arena from the namespace start. */
  dataOffsetBytes: number;
}

const roundUp = (x: number, a: number) => Math.ceil(x / a) * a;

export function computeBtt(size: number, sectorSize = 4096): BttLayout {
  const internalLbaSize = roundUp(sectorSize, INT_LBASIZE_ALIGNMENT);
  let remaining = size - BTT_INITIAL_OFFSET;
  let blocks = 0;
  let arenas = 0;
  while (remaining > 0) {
    const arenaSize = Math.min(ARENA_MAX_SIZE, remaining);
    remaining -= arenaSize;
    if (arenaSize < ARENA_MIN_SIZE) break;
    let available = arenaSize - (arenaSize % BTT_PG_SIZE);
    available -= 2 * BTT_PG_SIZE; // info block and its copy
    available -= roundUp(NFREE * LOG_GROUP_SIZE, BTT_PG_SIZE);
    const internalNlba = Math.floor((available - BTT_PG_SIZE) / (internalLbaSize + MAP_ENT_SIZE));
    blocks += internalNlba - NFREE;
    arenas++;
  }
  const usable = blocks * sectorSize;
  return {
    arenas,
    externalBlocks: blocks,
    sectorSize,
    usableBytes: usable,
    metadataBytes: size - usable,
    dataOffsetBytes: arenas ? BTT_INITIAL_OFFSET + BTT_PG_SIZE : 0,
  };
}
