// Sizes and kernel UAPI numbers shared by the dirty-tracking model. Values are the ones in
// include/uapi/linux/fs.h and include/uapi/linux/userfaultfd.h (as redefined by the oracle,
// ../shared/oracles/uffd/uffd_oracle.c) and Documentation/admin-guide/mm/pagemap.rst.

/** One modelled page is a 4 KiB base page. */
export const PAGE_SIZE = 4096;
/** A PMD maps 2 MiB = 512 base pages (x86_64, arm64 with 4 KiB granule): THP and hugetlb unit. */
export const UNIT_SHIFT = 9;
export const UNIT_PAGES = 1 << UNIT_SHIFT;
/** Bitmaps hold 32 pages per Uint32 word. */
export const WORD_SHIFT = 5;
/** A summary block covers 64 words = 2048 pages (8 MiB of address space). */
export const BLOCK_WORD_SHIFT = 6;
export const BLOCK_PAGE_SHIFT = WORD_SHIFT + BLOCK_WORD_SHIFT;
export const BLOCK_PAGES = 1 << BLOCK_PAGE_SHIFT;
/** Sparse per-page extras (zero page, guard marker) are kept in chunks of 65536 pages. */
export const CHUNK_PAGE_SHIFT = 16;
/** One PTE table page (4 KiB) holds 512 entries of 8 bytes: page-table cost of arming. */
export const PTE_TABLE_BYTES = 4096;
/** Largest region the simulator accepts (4 TiB); the bench uses 1 TiB = 2^28 pages. */
export const MAX_PAGES = 2 ** 30;

/** PAGEMAP_SCAN categories (struct page_region.categories). */
export const PAGE_IS_WPALLOWED = 1 << 0;
export const PAGE_IS_WRITTEN = 1 << 1;
export const PAGE_IS_FILE = 1 << 2;
export const PAGE_IS_PRESENT = 1 << 3;
export const PAGE_IS_SWAPPED = 1 << 4;
export const PAGE_IS_PFNZERO = 1 << 5;
export const PAGE_IS_HUGE = 1 << 6;
export const PAGE_IS_SOFT_DIRTY = 1 << 7;
export const PAGE_IS_GUARD = 1 << 8;
/** Category names in bit order, as the oracle prints them. */
export const CATEGORY_NAMES = [
  'WPALLOWED', 'WRITTEN', 'FILE', 'PRESENT', 'SWAPPED', 'PFNZERO', 'HUGE', 'SOFT_DIRTY', 'GUARD',
] as const;

/** /proc/PID/pagemap entry bits the oracle prints (pagemap.rst). */
export const PM_SOFT_DIRTY_BIT = 55;
export const PM_MMAP_EXCLUSIVE_BIT = 56;
export const PM_UFFD_WP_BIT = 57;
export const PM_FILE_BIT = 61;
export const PM_SWAP_BIT = 62;
export const PM_PRESENT_BIT = 63;

/** UFFDIO_API feature bits requested by the oracle. */
export const UFFD_FEATURE_PAGEFAULT_FLAG_WP = 1 << 0;
export const UFFD_FEATURE_WP_HUGETLBFS_SHMEM = 1 << 12;
export const UFFD_FEATURE_WP_UNPOPULATED = 1 << 13;
export const UFFD_FEATURE_WP_ASYNC = 1 << 15;
/** What the recorded kernel (6.18.44 x86_64) offered: bits 0-16. */
export const ORACLE_KERNEL_FEATURES = 0x1ffff;

/** errno values the model can raise, with glibc's strerror text (the oracle prints both). */
export const ERRNO = {
  EPERM: { code: 1, text: 'Operation not permitted' },
  ENOMEM: { code: 12, text: 'Cannot allocate memory' },
  EINVAL: { code: 22, text: 'Invalid argument' },
  EOPNOTSUPP: { code: 95, text: 'Operation not supported' },
} as const;
export type ErrnoName = keyof typeof ERRNO;
