// Kernel constants the model uses, each with the file it comes from (see docs/memory-map.md).
import { KiB, MiB, GiB } from '../units/size';

export const PAGE_SIZE = 4 * KiB;
/** MAX_STRUCT_PAGE_SIZE in ndctl and drivers/nvdimm/pfn.h: room reserved per 4 KiB page. */
export const STRUCT_PAGE_SIZE = 64;
/** drivers/nvdimm/pfn_devs.c: the first 8 KiB of an fsdax/devdax namespace are reserved. */
export const INFO_BLOCK_RESERVE = 8 * KiB;
/** The pfn/dax info block sits at offset 4 KiB. */
export const INFO_BLOCK_OFFSET = 4 * KiB;
/** memremap_compat_align() default (SUBSECTION_SIZE) on x86: the kernel's own start rule. */
export const MEMREMAP_COMPAT_ALIGN = 2 * MiB;
/** ndctl create-namespace: fsdax/devdax start must be 16 MiB aligned ("cross-arch compatible"). */
export const PMEM_START_ALIGN = 16 * MiB;
/** Label storage area of an Optane DIMM, and of a ramdax carve-out (LABEL_AREA_SIZE). */
export const LABEL_AREA_SIZE = 128 * KiB;
/** x86_64 sparsemem section (MIN_MEMORY_BLOCK_SIZE). */
export const SECTION_SIZE = 128 * MiB;
/** arch/x86/mm/init_64.c */
export const MAX_BLOCK_SIZE = 2 * GiB;
export const MEM_SIZE_FOR_LARGE_BLOCK = 64 * GiB;
/** pageblock on x86 with 4 KiB pages (order 9). memmap_on_memory needs whole pageblocks. */
export const PAGEBLOCK_SIZE = 2 * MiB;
/** drivers/cxl/core/region.c alloc_hpa: region size is a multiple of 256 MiB x ways. */
export const CXL_REGION_SIZE_UNIT = 256 * MiB;
/** include/linux/memory-tiers.h */
export const MEMTIER_CHUNK_BITS = 7;
export const MEMTIER_ADISTANCE_DRAM = (4 << MEMTIER_CHUNK_BITS) + (1 << (MEMTIER_CHUNK_BITS - 1));
/** drivers/dax/kmem.c: MEMTIER_DEFAULT_DAX_ADISTANCE = 5 x DRAM. */
export const MEMTIER_DEFAULT_DAX_ADISTANCE = MEMTIER_ADISTANCE_DRAM * 5;
/** Namespace alignments ndctl lists for fsdax/devdax on x86 (ndctl list -C), plus 16M seen in write-infoblock. */
export const PMEM_ALIGNMENTS = [4 * KiB, 2 * MiB, 16 * MiB, 1 * GiB] as const;
