// Kernel constants used by the KHO model (4 KiB pages, x86-64). Sources are listed in
// docs/live-update.md; the short keys (S-…) are those of the reference file.

export const PAGE_SHIFT = 12;
export const PAGE_SIZE = 1 << PAGE_SHIFT;
/** MAX_PAGE_ORDER on x86-64 (4 MiB folios at most); kho_alloc_preserve refuses larger with -E2BIG. */
export const MAX_PAGE_ORDER = 10;
/** CMA_MIN_ALIGNMENT_BYTES = pageblock size, 2 MiB on x86-64 (pageblock_order 9). Scratch sizes round up to it. */
export const CMA_MIN_ALIGNMENT_BYTES = 2 * 1024 * 1024;
/** ARCH_LOW_ADDRESS_LIMIT on x86-64: the lowmem scratch region lies below 4 GiB. */
export const ARCH_LOW_ADDRESS_LIMIT = 4 * 1024 ** 3;
/** Default scratch_scale: 200 % of memblock kernel reservations (kexec_handover.c). */
export const DEFAULT_SCRATCH_SCALE = 200;

/** Which KHO implementation: 6.16 (notifiers, 512-byte bitmaps), 6.19 (page bitmaps), post-6.19 radix tree. */
export type KhoVersion = '6.16' | '6.19' | 'radix';

export const KHO_FDT_COMPATIBLE: Record<KhoVersion, string> = {
  '6.16': 'kho-v1',
  '6.19': 'kho-v1',
  radix: 'kho-v2',
};

/** Name of the property carrying a sub-FDT address: "fdt" up to 6.19, "preserved-data" later (S-KHO-RADIX). */
export const KHO_SUBTREE_PROP: Record<KhoVersion, string> = {
  '6.16': 'fdt',
  '6.19': 'fdt',
  radix: 'preserved-data',
};

/** page->private magic written by the next kernel for every preserved head page ('KHOP'). */
export const KHO_PAGE_MAGIC = 0x4b484f50;

/** 6.16 / 6.19 tracker: bitmap bytes per (order, bitmap) pair; chunk entries per 4 KiB chunk page. */
export const BITMAP_BYTES: Record<'6.16' | '6.19', number> = { '6.16': 512, '6.19': PAGE_SIZE };
/** (4096 - 16-byte header) / 16-byte {phys_start, bitmap PA} entries = 255. */
export const CHUNK_ENTRIES = (PAGE_SIZE - 16) / 16;

/** Radix tree (post-6.19): key bits, table fan-out and leaf bitmap width. */
export const KHO_ORDER_0_LOG2 = 52;
export const KHO_TABLE_SIZE_LOG2 = 9;
export const KHO_BITMAP_SIZE_LOG2 = 15;
export const KHO_TREE_MAX_DEPTH = 6;

/** kho_vmalloc_chunk: next PA + 511 physical addresses in one page. */
export const VMALLOC_CHUNK_ENTRIES = 511;

export function pagesFor(bytes: number): number {
  return Math.ceil(bytes / PAGE_SIZE);
}

/** get_order(size): smallest order whose 2^order pages hold size bytes. */
export function getOrder(bytes: number): number {
  let order = 0;
  while (PAGE_SIZE * 2 ** order < bytes) order++;
  return order;
}
