// madvise() on a tracked region: MADV_DONTNEED zaps PTEs, MADV_GUARD_INSTALL installs guard markers.
import { UNIT_PAGES, UNIT_SHIFT } from './constants';
import { KernelError } from './errors';
import { forEachWord } from './pageStore';
import { UNIT_HUGE, type UffdWpRegion } from './region';
import { sparseSetWord, sparseWord } from './sparseLane';

/** Drops PMD mappings of units wholly inside [from, to): the PMD becomes empty (no page table). */
function zapWholeHugeUnits(r: UffdWpRegion, from: number, to: number): void {
  const units = r.state.units;
  for (let u = Math.ceil(from / UNIT_PAGES); (u + 1) * UNIT_PAGES <= to; u++) {
    if ((units[u] & UNIT_HUGE) !== 0) units[u] = 0;
  }
}

/**
 * MADV_DONTNEED on pages [from, to). Anonymous: the PTEs (markers included) become empty, so the
 * pages read as written until the next clear (the oracle's dontneed_anon). shmem and hugetlb keep
 * a marker where the page was protected (memfd_shared). Guard markers survive. hugetlb needs a
 * huge-page-aligned start and rounds the end down (madvise_dontneed_free_valid_vma).
 */
export function madviseDontneed(r: UffdWpRegion, from: number, to: number): void {
  if (r.hugetlb) {
    if (from % UNIT_PAGES !== 0) throw new KernelError('madvise(MADV_DONTNEED)', 'EINVAL');
    to = Math.floor(to / UNIT_PAGES) * UNIT_PAGES;
  }
  if (to <= from) return;
  if (!r.hugetlb) {
    r.splitPartialUnits(from, to);
    zapWholeHugeUnits(r, from, to);
  }
  const { bits } = r.state.store;
  const extra = r.state.extra;
  const anon = r.config.backing === 'anon';
  forEachWord(r.state.store, from, to, (wi, mask) => {
    const a = bits[wi << 1] | 0;
    const b = bits[(wi << 1) + 1] | 0;
    const x = sparseWord(extra, wi);
    const guard = ~b & x;
    const zap = mask & ~guard;
    if (anon) bits[wi << 1] = a | zap;
    bits[(wi << 1) + 1] = b & ~zap;
    if (x !== 0) sparseSetWord(extra, wi, x & ~(zap & b)); // zero-page mappings go, guard bits stay
  });
  r.refresh(from, to);
}

/**
 * MADV_GUARD_INSTALL (Linux 6.13+) on pages [from, to): zaps the range and puts a guard marker in
 * every PTE. A guard page reads WRITTEN|SWAPPED|GUARD; `clear` leaves it alone, `scanclear`
 * protects it (guard_regions). Guard regions are not allowed on hugetlb.
 */
export function madviseGuardInstall(r: UffdWpRegion, from: number, to: number): void {
  if (r.hugetlb) throw new KernelError('madvise(MADV_GUARD_INSTALL)', 'EINVAL');
  if (to <= from) return;
  r.splitPartialUnits(from, to);
  zapWholeHugeUnits(r, from, to);
  for (let u = from >>> UNIT_SHIFT; u <= (to - 1) >>> UNIT_SHIFT; u++) r.ensurePageTable(u);
  const { bits } = r.state.store;
  const extra = r.state.extra;
  forEachWord(r.state.store, from, to, (wi, mask) => {
    const a = bits[wi << 1] | 0;
    const b = bits[(wi << 1) + 1] | 0;
    const x = sparseWord(extra, wi);
    const fresh = mask & ~(~b & x); // pages not already guarded
    bits[wi << 1] = a | fresh;
    bits[(wi << 1) + 1] = b & ~mask;
    sparseSetWord(extra, wi, x | mask);
  });
  r.refresh(from, to);
}
