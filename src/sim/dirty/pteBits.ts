// The page-table entry's software bits on x86_64 and arm64: which one soft-dirty and uffd-wp use,
// and why arm64 had room for only one of them. Data for the architecture view; every fact names
// the kernel source it was read from (stored copies of torvalds/linux and the arm64 patch series).

export interface PteBit {
  /** Bit number in the 64-bit entry. */
  bit: number;
  /** The kernel's name for it. */
  name: string;
  /** What uses it. */
  use: string;
}

export interface ArchPteBits {
  arch: 'x86_64' | 'arm64';
  /** Bits the hardware leaves to software in a present leaf entry. */
  softwareBits: PteBit[];
  /** soft-dirty: bit in a present PTE and in a swap/marker entry; null when the arch has none. */
  softDirty: { pte: number; swap: number; macro: string } | null;
  uffdWp: { pte: number; swap: number; macro: string; since: string };
  summary: string;
  sources: string[];
}

export const PTE_SOFTWARE_BITS: Record<'x86_64' | 'arm64', ArchPteBits> = {
  x86_64: {
    arch: 'x86_64',
    softwareBits: [
      { bit: 9, name: '_PAGE_BIT_SOFTW1', use: '_PAGE_BIT_SPECIAL (also CPA_TEST)' },
      { bit: 10, name: '_PAGE_BIT_SOFTW2', use: '_PAGE_BIT_UFFD_WP: userfaultfd write-protected' },
      { bit: 11, name: '_PAGE_BIT_SOFTW3', use: '_PAGE_BIT_SOFT_DIRTY: software dirty tracking (kernel mappings: _PAGE_BIT_KERNEL_4K)' },
      { bit: 57, name: '_PAGE_BIT_SOFTW4', use: '_PAGE_BIT_DEVMAP (removed in 2025)' },
      { bit: 58, name: '_PAGE_BIT_SOFTW5', use: '_PAGE_BIT_SAVED_DIRTY on x86_64 (shadow stacks)' },
    ],
    softDirty: { pte: 11, swap: 1, macro: '_PAGE_SOFT_DIRTY / _PAGE_SWP_SOFT_DIRTY = _PAGE_RW' },
    uffdWp: { pte: 10, swap: 2, macro: '_PAGE_UFFD_WP / _PAGE_SWP_UFFD_WP = _PAGE_USER', since: 'Linux 5.7' },
    summary:
      'x86_64 has five software bits (9-11, 57, 58), so soft-dirty (bit 11) and uffd-wp (bit 10) coexist. ' +
      'In non-present entries (swap, uffd-wp markers) they move to bits 1 and 2, which the swap format leaves free.',
    sources: [
      'torvalds/linux:arch/x86/include/asm/pgtable_types.h (_PAGE_BIT_SOFTW1..3, _PAGE_BIT_UFFD_WP, _PAGE_BIT_SOFT_DIRTY, _PAGE_SWP_SOFT_DIRTY, _PAGE_SWP_UFFD_WP)',
      'x86 shadow-stack series, pgtable_types.h hunk "_PAGE_BIT_SOFTW4 57 / _PAGE_BIT_SOFTW5 58" (lkml copy in the stored index)',
      'x86/mm "_PAGE_SWP_SOFT_DIRTY _PAGE_RW": "bit 7 is used for thp migration, so we borrow bit 1 for soft dirty tracking"',
    ],
  },
  arm64: {
    arch: 'arm64',
    softwareBits: [
      { bit: 55, name: 'PTE_DIRTY', use: 'software dirty bit (hardware DBM uses bit 51, PTE_WRITE)' },
      { bit: 56, name: 'PTE_SPECIAL', use: 'special mapping' },
      { bit: 57, name: 'PTE_DEVMAP', use: 'device map (removed in 2025)' },
      { bit: 58, name: 'PTE_UFFD_WP', use: 'uffd-wp since 6.10; before that PTE_PROT_NONE' },
      { bit: 63, name: '(none)', use: 'documented IGNORED; confirmed reserved for software, kept spare' },
    ],
    softDirty: null,
    uffdWp: { pte: 58, swap: 3, macro: 'PTE_UFFD_WP / PTE_SWP_UFFD_WP', since: 'Linux 6.10' },
    summary:
      'arm64 leaves software bits 55-58 and, it turned out, 63. All of 55-58 were taken until 2024, when Ryan Roberts removed ' +
      'PTE_PROT_NONE (bit 58, meaningful only in invalid entries; PROT_NONE is now PTE_PRESENT_INVALID overlaying PTE_NG, bit 11), freeing bit 58. ' +
      'uffd-wp took it. Soft-dirty could have had bit 63 (RFC patch, swap bit 61), but those were the last two software bits: ' +
      'the series kept 63 in reserve because "soft-dirty is only used for CRIU ... their use case could be solved with the more generic uffd-wp". ' +
      'An "extended SW bits" area in struct ptdesc was tried and dropped (40% slower fork, no atomic read with the PTE).',
    sources: [
      'torvalds/linux:arch/arm64/include/asm/pgtable-prot.h (PTE_DIRTY 55, PTE_SPECIAL 56, PTE_DEVMAP 57, PTE_UFFD_WP 58, PTE_SWP_UFFD_WP 3)',
      'Ryan Roberts, "[PATCH v1 0/5] arm64/mm: uffd write-protect and soft-dirty tracking", linux-kselftest, 2024-04-19',
      'Ryan Roberts, "[RFC PATCH v1 3/5] arm64/mm: Add soft-dirty page tracking support" (PTE_SOFT_DIRTY bit 63, PTE_SWP_SOFT_DIRTY bit 61)',
      'Ryan Roberts, "[PATCH v4 4/4] arm64/mm: Add uffd write-protect support": "Let\'s use the newly-free PTE SW bit (58)"',
      'arm64 for-next/core merge for 6.10: "arm64/mm: Remove PTE_PROT_NONE bit", "Move PTE_PRESENT_INVALID to overlay PTE_NG", "Add uffd write-protect support"',
    ],
  },
};
