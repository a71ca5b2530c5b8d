// PAGEMAP_SCAN (Linux 6.7) over a tracked region: the written-page query with its max_pages,
// vec_len, walk_end and PM_SCAN_WP_MATCHING semantics, plus per-page categories and pagemap bits.
import {
  CHUNK_PAGE_SHIFT,
  PAGE_IS_FILE,
  PAGE_IS_GUARD,
  PAGE_IS_HUGE,
  PAGE_IS_PFNZERO,
  PAGE_IS_PRESENT,
  PAGE_IS_SOFT_DIRTY,
  PAGE_IS_SWAPPED,
  PAGE_IS_WPALLOWED,
  PAGE_IS_WRITTEN,
  UNIT_PAGES,
} from './constants';
import { KernelError } from './errors';
import { forEachRunA, forEachWord } from './pageStore';
import type { UffdWpRegion } from './region';
import { sparseTest } from './sparseLane';

export interface ScanOptions {
  /** Page range [from, to); default the whole region. */
  from?: number;
  to?: number;
  /** Stop after this many pages (0 or absent: no limit). */
  maxPages?: number;
  /** At most this many page_regions (absent: no limit). */
  vecLen?: number;
  /** PM_SCAN_WP_MATCHING: write-protect exactly the pages reported, atomically. */
  wpMatching?: boolean;
  /** PM_SCAN_CHECK_WPASYNC: fail with EPERM unless the VMA is WP-async. */
  checkWpAsync?: boolean;
}

export interface ScanResult {
  /** page_regions as [start, end) pairs, ascending; adjacent written pages form one region. */
  regions: number[];
  /** Pages reported. */
  pages: number;
  /** Where the walk stopped: `to` when it covered everything. */
  walkEnd: number;
}

/**
 * category_mask = return_mask = PAGE_IS_WRITTEN. The walk stops when vec is full (walk_end = start
 * of the first region that did not fit) or max_pages is reached (walk_end = first written page not
 * reported), as in fs/proc/task_mmu.c pagemap_scan_output() and the oracle's scan_limits case.
 */
export function scanWritten(r: UffdWpRegion, opts: ScanOptions = {}): ScanResult {
  const from = opts.from ?? 0;
  const to = opts.to ?? r.pages;
  if (opts.checkWpAsync && r.config.mode !== 'async') throw new KernelError('ioctl(PAGEMAP_SCAN)', 'EPERM');
  const maxPages = opts.maxPages && opts.maxPages > 0 ? opts.maxPages : Infinity;
  const vecLen = opts.vecLen ?? Infinity;
  const regions: number[] = [];
  let found = 0;
  let walkEnd = to;
  forEachRunA(r.state.store, from, to, (start, end) => {
    if (found >= maxPages || regions.length / 2 >= vecLen) {
      walkEnd = start;
      return false;
    }
    const take = Math.min(end - start, maxPages - found);
    regions.push(start, start + take);
    found += take;
    if (take < end - start) {
      walkEnd = start + take;
      return false;
    }
  });
  if (r.hugetlb && opts.wpMatching && walkEnd % UNIT_PAGES !== 0 && walkEnd < to) {
    // A huge page cannot be partly re-protected: the kernel backs the partial one out.
    const cut = Math.floor(walkEnd / UNIT_PAGES) * UNIT_PAGES;
    const last = regions.length - 2;
    found -= regions[last + 1] - Math.max(cut, regions[last]);
    if (cut <= regions[last]) regions.length = last;
    else regions[last + 1] = cut;
    walkEnd = cut;
  }
  // Without WP-async the kernel skips the protection silently (no CHECK_WPASYNC asked).
  if (opts.wpMatching && r.config.mode === 'async') {
    for (let i = 0; i < regions.length; i += 2) reprotectRange(r, regions[i], regions[i + 1]);
  }
  return { regions, pages: found, walkEnd };
}

/**
 * PM_SCAN_WP_MATCHING applied to [from, to): every page gets the uffd-wp bit or a marker, guard pages
 * too. Over a whole region it is "scanclear" without building the region list.
 */
export function reprotectRange(r: UffdWpRegion, from: number, to: number): void {
  r.splitPartialUnits(from, to);
  for (let u = Math.floor(from / UNIT_PAGES); u * UNIT_PAGES < to; u++) r.ensurePageTable(u);
  const { bits } = r.state.store;
  forEachWord(r.state.store, from, to, (wi, mask) => {
    bits[wi << 1] &= ~mask;
  });
  r.refresh(from, to);
}

/** PAGEMAP_SCAN categories of page p (no filter, all categories returned: the oracle's `cats`). */
export function pageCategories(r: UffdWpRegion, p: number, softDirty?: (p: number) => boolean): number {
  let c = r.config.mode === 'async' ? PAGE_IS_WPALLOWED : 0;
  const written = r.isWritten(p);
  const extra = sparseTest(r.state.extra, p);
  if (r.isPopulated(p)) {
    c |= PAGE_IS_PRESENT;
    if (written) c |= PAGE_IS_WRITTEN;
    if (r.config.backing === 'memfd') c |= PAGE_IS_FILE;
    if (extra) c |= PAGE_IS_PFNZERO;
    if (r.isHugeMapped(p)) c |= PAGE_IS_HUGE;
  } else if (extra) {
    c |= PAGE_IS_SWAPPED | PAGE_IS_GUARD | (written ? PAGE_IS_WRITTEN : 0);
  } else {
    // uffd-wp marker (a non-present swap-format entry) or an empty PTE, which reads as written
    c |= written ? PAGE_IS_WRITTEN : PAGE_IS_SWAPPED;
    if (r.hugetlb) c |= PAGE_IS_HUGE;
  }
  if (softDirty?.(p)) c |= PAGE_IS_SOFT_DIRTY;
  return c;
}

export interface CategoryRun {
  start: number;
  /** Exclusive. */
  end: number;
  categories: number;
}

/** Maximal runs of equal categories over [from, to), as PAGEMAP_SCAN merges page_regions. */
export function categoryRuns(
  r: UffdWpRegion,
  from = 0,
  to = r.pages,
  softDirty?: (p: number) => boolean,
): CategoryRun[] {
  const runs: CategoryRun[] = [];
  const { bits } = r.state.store;
  let cur = -1;
  let start = from;
  for (let p = from; p < to; ) {
    let n = 1;
    // A word whose bits are all equal in every lane has one category for its 32 pages.
    if ((p & 31) === 0 && p + 32 <= to && !softDirty && !r.state.extra.chunks[p >>> CHUNK_PAGE_SHIFT]) {
      const a = bits[(p >>> 5) << 1] | 0;
      const b = bits[((p >>> 5) << 1) + 1] | 0;
      if ((a === 0 || a === -1) && (b === 0 || b === -1)) n = 32;
    }
    const c = pageCategories(r, p, softDirty);
    if (c !== cur) {
      if (cur >= 0) runs.push({ start, end: p, categories: cur });
      cur = c;
      start = p;
    }
    p += n;
  }
  if (cur >= 0) runs.push({ start, end: to, categories: cur });
  return runs;
}

/** /proc/PID/pagemap bits of page p (only those the oracle prints). */
export interface PagemapBits {
  present: boolean;
  swapped: boolean;
  file: boolean;
  uffdWp: boolean;
  exclusive: boolean;
  softDirty: boolean;
}

export function pagemapEntry(r: UffdWpRegion, p: number, softDirty?: (p: number) => boolean): PagemapBits {
  const populated = r.isPopulated(p);
  const written = r.isWritten(p);
  const extra = sparseTest(r.state.extra, p);
  return {
    present: populated,
    // markers and guard markers are swap-format entries; hugetlb markers report no PM_SWAP
    swapped: !populated && (extra || (!written && !r.hugetlb)),
    file: populated && !extra && r.config.backing === 'memfd',
    uffdWp: !written,
    // the zero page is not a "normal" page, so it is neither FILE nor exclusively mapped
    exclusive: populated && !extra,
    softDirty: softDirty?.(p) ?? false,
  };
}
