// The pfn/dax info block of an fsdax or devdax namespace: where data starts and how many 4 KiB
// pages it serves. Mirrors nd_pfn_init() in linux drivers/nvdimm/pfn_devs.c (v5.5+) and
// write_pfn_sb() in ndctl/namespace.c: with --map=dev the struct page array (64 B per page,
// MAX_STRUCT_PAGE_SIZE) sits on the device between the 8 KiB reserve and the data.
import {
  INFO_BLOCK_OFFSET,
  INFO_BLOCK_RESERVE,
  MEMREMAP_COMPAT_ALIGN,
  PAGE_SIZE,
  STRUCT_PAGE_SIZE,
} from '../constants';
import type { PfnMap } from '../schema-pmem';

export interface InfoBlockInput {
  /** SPA of the namespace (only its alignment matters). */
  start: number;
  size: number;
  /** --align: 4K, 2M, 16M or 1G. */
  align: number;
  map: PfnMap;
}

export interface InfoBlock {
  signature: 'NVDIMM_PFN_INFO' | 'NVDIMM_DAX_INFO';
  /** Offset of the first data byte from the namespace start (pfn_sb.dataoff). */
  dataOffsetBytes: number;
  /** Data pages (pfn_sb.npfns). */
  npfns: number;
  /** Tail cut so the end is aligned (pfn_sb.end_trunc). */
  endTruncBytes: number;
  /** max(align, memremap_compat_align): what dataoff and the end are aligned to. */
  effectiveAlignBytes: number;
  /** PFN_MODE_PMEM (2, map=dev) or PFN_MODE_RAM (1, map=mem). */
  pfnMode: 1 | 2;
  infoBlockOffsetBytes: number;
  reservedBytes: number;
  /** struct page bytes for the data pages, wherever they live. */
  structPageBytes: number;
  structPageLocation: 'device' | 'ram';
  usableBytes: number;
  /** Bytes of the namespace that are not usable data: size - usable. */
  metadataBytes: number;
}

const alignUp = (x: number, a: number) => Math.ceil(x / a) * a;
const alignDown = (x: number, a: number) => Math.floor(x / a) * a;

/**
 * Computes the info block the kernel would write. Throws RangeError when the kernel would refuse
 * (misaligned start, or no room left for data). Sizes up to 2^53 are exact: every intermediate
 * value is an integer below that bound.
 */
export function computeInfoBlock(input: InfoBlockInput, mode: 'fsdax' | 'devdax' = 'fsdax'): InfoBlock {
  const { start, size, align, map } = input;
  if (start % MEMREMAP_COMPAT_ALIGN !== 0) throw new RangeError(`start ${start.toString(16)} is not aligned to ${MEMREMAP_COMPAT_ALIGN} bytes`);
  const effectiveAlign = Math.max(align, MEMREMAP_COMPAT_ALIGN);
  // npfns is first an upper bound (everything after the 8 KiB reserve) that sizes the memmap.
  const maxPfns = Math.floor((size - INFO_BLOCK_RESERVE) / PAGE_SIZE);
  const endTrunc = start + size - alignDown(start + size, effectiveAlign);
  const dataOffset =
    map === 'dev'
      ? alignUp(start + INFO_BLOCK_RESERVE + STRUCT_PAGE_SIZE * maxPfns, effectiveAlign) - start
      : alignUp(start + INFO_BLOCK_RESERVE, effectiveAlign) - start;
  if (dataOffset >= size - endTrunc) throw new RangeError('unable to satisfy requested alignment: no data left after the info block and memmap');
  const npfns = Math.floor((size - dataOffset - endTrunc) / PAGE_SIZE);
  const usable = npfns * PAGE_SIZE;
  return {
    signature: mode === 'devdax' ? 'NVDIMM_DAX_INFO' : 'NVDIMM_PFN_INFO',
    dataOffsetBytes: dataOffset,
    npfns,
    endTruncBytes: endTrunc,
    effectiveAlignBytes: effectiveAlign,
    pfnMode: map === 'dev' ? 2 : 1,
    infoBlockOffsetBytes: INFO_BLOCK_OFFSET,
    reservedBytes: INFO_BLOCK_RESERVE,
    structPageBytes: STRUCT_PAGE_SIZE * npfns,
    structPageLocation: map === 'dev' ? 'device' : 'ram',
    usableBytes: usable,
    metadataBytes: size - usable,
  };
}
