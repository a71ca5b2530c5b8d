// What one access did, as bit flags (a write to a marker both allocates and takes a WP fault).
// Costs are attached per flag in costs.ts.

export const FAULT_NONE = 0;
/** A page was allocated: anonymous zero-fill, page-cache page, hugetlb page, or a zero-page COW. */
export const FAULT_ALLOC = 1;
/** The write hit a write-protected entry. async: resolved by the kernel; sync: one message. */
export const FAULT_WP = 2;
/** The fault allocated a whole 2 MiB THP (not write-protected: all 512 pages read as written). */
export const FAULT_THP = 4;
/** A PMD-mapped THP was split into 512 PTEs (the uffd-wp bit is copied to each). */
export const FAULT_SPLIT = 8;
/** A read mapped the shared zero page (or the huge zero page). */
export const FAULT_ZERO_MAP = 16;
/** A write replaced a zero-page mapping with a private copy. */
export const FAULT_COW = 32;
/** Access to a guard page: the process gets SIGSEGV and nothing changes. */
export const FAULT_SEGV = 64;
/** Sync mode on hugetlb: the handler's 4 KiB UFFDIO_WRITEPROTECT fails with EINVAL. */
export const FAULT_HANDLER_EINVAL = 128;
