// The region the oracle maps and arms, described by the same keys as its `config` line.
import {
  MAX_PAGES,
  UFFD_FEATURE_WP_ASYNC,
  UFFD_FEATURE_WP_HUGETLBFS_SHMEM,
  UFFD_FEATURE_WP_UNPOPULATED,
  UNIT_PAGES,
} from './constants';

/** anon: MAP_PRIVATE|MAP_ANONYMOUS; memfd: MAP_SHARED memfd (shmem); hugetlb: MAP_HUGETLB 2 MiB pages. */
export type Backing = 'anon' | 'memfd' | 'hugetlb';
/** async: UFFD_FEATURE_WP_ASYNC, the kernel resolves WP faults; sync: a handler thread gets a message. */
export type TrackMode = 'async' | 'sync';
/** Touch every page before arming: not at all, by reading, or by writing. */
export type Prefault = 'none' | 'read' | 'write';

export interface RegionConfig {
  /** Region size in 4 KiB pages. */
  pages: number;
  backing: Backing;
  /** MADV_HUGEPAGE (THP enabled=madvise on the recorded host) instead of MADV_NOHUGEPAGE. */
  thp: boolean;
  mode: TrackMode;
  /** Request UFFD_FEATURE_WP_UNPOPULATED (async mode forces it on). */
  unpopulated: boolean;
  prefault: Prefault;
}

export const DEFAULT_REGION_CONFIG: RegionConfig = {
  pages: 64,
  backing: 'anon',
  thp: false,
  mode: 'async',
  unpopulated: true,
  prefault: 'none',
};

/** Fills defaults and rejects sizes the model cannot hold. */
export function regionConfig(partial: Partial<RegionConfig> = {}): RegionConfig {
  const c = { ...DEFAULT_REGION_CONFIG, ...partial };
  if (!Number.isInteger(c.pages) || c.pages < 1 || c.pages > MAX_PAGES) {
    throw new RangeError(`pages must be an integer in 1..${MAX_PAGES}, got ${c.pages}`);
  }
  return c;
}

/**
 * Whether empty PTEs get a uffd-wp marker when protected: always for file-backed memory (shmem,
 * hugetlbfs), and for anonymous memory with WP_UNPOPULATED, which WP_ASYNC forces
 * (fs/userfaultfd.c: "WP_ASYNC relies on WP_UNPOPULATED, choose it unconditionally").
 */
export function usesMarkers(c: RegionConfig): boolean {
  return c.backing !== 'anon' || c.mode === 'async' || c.unpopulated;
}

/** The UFFDIO_API features the oracle requests for this config (printed as features_requested). */
export function featuresRequested(c: RegionConfig): number {
  let want = 0;
  if (c.mode === 'async') want |= UFFD_FEATURE_WP_ASYNC;
  if (c.unpopulated) want |= UFFD_FEATURE_WP_UNPOPULATED;
  if (c.backing !== 'anon') want |= UFFD_FEATURE_WP_HUGETLBFS_SHMEM;
  return want;
}

/** A 2 MiB unit can hold a THP: anonymous, MADV_HUGEPAGE, and wholly inside the (2 MiB aligned) region. */
export function thpEligible(c: RegionConfig, unit: number): boolean {
  return c.backing === 'anon' && c.thp && (unit + 1) * UNIT_PAGES <= c.pages;
}
