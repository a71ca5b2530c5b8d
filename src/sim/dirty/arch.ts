// Which dirty trackers each architecture's kernel can offer, and the kernel profile a trace runs on.
import {
  ORACLE_KERNEL_FEATURES,
  UFFD_FEATURE_PAGEFAULT_FLAG_WP,
  UFFD_FEATURE_WP_ASYNC,
  UFFD_FEATURE_WP_HUGETLBFS_SHMEM,
  UFFD_FEATURE_WP_UNPOPULATED,
} from './constants';

export type Arch = 'x86_64' | 'arm64' | 'ppc64' | 's390' | 'riscv64';
/** yes: in mainline; no: not selectable; proposed: patches posted, merge not verified. */
export type Availability = 'yes' | 'no' | 'proposed';

export interface ArchInfo {
  arch: Arch;
  /** HAVE_ARCH_SOFT_DIRTY: CONFIG_MEM_SOFT_DIRTY can be enabled. */
  softDirty: Availability;
  /** HAVE_ARCH_USERFAULTFD_WP: uffd-wp, and with PTE markers WP_ASYNC and PAGEMAP_SCAN's WRITTEN. */
  uffdWp: Availability;
  note: string;
  sources: string[];
}

export const ARCHES: Record<Arch, ArchInfo> = {
  x86_64: {
    arch: 'x86_64',
    softDirty: 'yes',
    uffdWp: 'yes',
    note: 'Both: soft-dirty in PTE bit 11 (_PAGE_SOFTW3), uffd-wp in bit 10 (_PAGE_SOFTW2); uffd-wp since 5.7.',
    sources: ['torvalds/linux:arch/x86/include/asm/pgtable_types.h', 'torvalds/linux:arch/x86/Kconfig'],
  },
  arm64: {
    arch: 'arm64',
    softDirty: 'no',
    uffdWp: 'yes',
    note:
      'uffd-wp since 6.10 in the freed software bit 58; soft-dirty (bit 63 in an RFC) was dropped to keep the last software bit in reserve. CRIU pre-dump needs soft-dirty, so it is unavailable.',
    sources: [
      'torvalds/linux:arch/arm64/include/asm/pgtable-prot.h',
      'Ryan Roberts, "[PATCH v1 0/5] arm64/mm: uffd write-protect and soft-dirty tracking", 2024-04-19',
      'checkpoint-restore/criu#2676',
    ],
  },
  ppc64: {
    arch: 'ppc64',
    softDirty: 'yes',
    uffdWp: 'no',
    note: 'Book3S-64 selects HAVE_ARCH_SOFT_DIRTY; no HAVE_ARCH_USERFAULTFD_WP, so no uffd-wp and no WP_ASYNC.',
    sources: ['torvalds/linux:arch/powerpc/platforms/Kconfig.cputype', '../shared/reference/dirty-tracking.md §1'],
  },
  s390: {
    arch: 's390',
    softDirty: 'yes',
    uffdWp: 'no',
    note: 'Selects HAVE_ARCH_SOFT_DIRTY; no HAVE_ARCH_USERFAULTFD_WP.',
    sources: ['torvalds/linux:arch/s390/Kconfig', '../shared/reference/dirty-tracking.md §1'],
  },
  riscv64: {
    arch: 'riscv64',
    softDirty: 'proposed',
    uffdWp: 'proposed',
    note: 'Patches gate both on the Svrsw60t59b extension (two more software PTE bits); merge status not verified.',
    sources: ['../shared/reference/dirty-tracking.md §1', 'lkml: riscv Kconfig "HAVE_ARCH_USERFAULTFD_WP if 64BIT && MMU && USERFAULTFD && RISCV_ISA_SVRSW60T59B"'],
  },
};

export interface KernelProfile {
  arch: Arch;
  release: string;
  /** CONFIG_MEM_SOFT_DIRTY=y: clear_refs 4 works and pagemap bit 55 is meaningful. */
  softDirty: boolean;
  /** uffd-wp usable (HAVE_ARCH_USERFAULTFD_WP and PTE markers). */
  uffdWp: boolean;
  /** What UFFDIO_API offers. */
  features: number;
}

/** The machine the oracle ran on: Linux 6.18.44 x86_64 built without CONFIG_MEM_SOFT_DIRTY. */
export const ORACLE_KERNEL: KernelProfile = {
  arch: 'x86_64',
  release: '6.18.44',
  softDirty: false,
  uffdWp: true,
  features: ORACLE_KERNEL_FEATURES,
};

const WP_FEATURES =
  UFFD_FEATURE_PAGEFAULT_FLAG_WP | UFFD_FEATURE_WP_HUGETLBFS_SHMEM | UFFD_FEATURE_WP_UNPOPULATED | UFFD_FEATURE_WP_ASYNC;

/**
 * A kernel like the oracle's on another architecture. `softDirty` asks for CONFIG_MEM_SOFT_DIRTY=y,
 * which only architectures with HAVE_ARCH_SOFT_DIRTY allow. Without uffd-wp, userfaultfd_api()
 * hides the WP feature bits.
 */
export function kernelProfile(arch: Arch, opts: { softDirty?: boolean } = {}): KernelProfile {
  const info = ARCHES[arch];
  if (opts.softDirty && info.softDirty !== 'yes') {
    throw new Error(`${arch} has no soft-dirty: HAVE_ARCH_SOFT_DIRTY is ${info.softDirty === 'no' ? 'not selected' : 'only proposed'}`);
  }
  const uffdWp = info.uffdWp === 'yes';
  return {
    arch,
    release: ORACLE_KERNEL.release,
    softDirty: opts.softDirty ?? false,
    uffdWp,
    features: uffdWp ? ORACLE_KERNEL_FEATURES : ORACLE_KERNEL_FEATURES & ~WP_FEATURES,
  };
}
