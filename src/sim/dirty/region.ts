// One VMA registered with userfaultfd write-protect, page by page, reproducing what the oracle
// recorded on Linux 6.18.44 (../shared/oracles/uffd/cases). Per page three bits:
//   A "written"   the PTE lacks the uffd-wp bit/marker (PAGE_IS_WRITTEN)
//   B "populated" the PTE maps a page
//   X "extra"     sparse: with B the zero page is mapped, without B a guard marker is installed
// giving  none (A, !B)  marker (!A, !B)  present (B, A = not protected)  zero page (B, X)  guard (!B, X).
// Per 2 MiB unit: a PTE table exists, the unit is PMD-mapped (THP or hugetlb), it is the huge zero page.
import {
  BLOCK_PAGE_SHIFT,
  BLOCK_PAGES,
  BLOCK_WORD_SHIFT,
  UNIT_PAGES,
  UNIT_SHIFT,
  WORD_SHIFT,
} from './constants';
import { regionConfig, thpEligible, usesMarkers, type RegionConfig } from './config';
import { KernelError } from './errors';
import {
  FAULT_ALLOC,
  FAULT_COW,
  FAULT_HANDLER_EINVAL,
  FAULT_NONE,
  FAULT_SEGV,
  FAULT_SPLIT,
  FAULT_THP,
  FAULT_WP,
  FAULT_ZERO_MAP,
} from './faults';
import {
  BLOCK_SLOW,
  clearA,
  countA,
  createPageStore,
  forEachWord,
  recountBlocks,
  setA,
  setB,
  storeBytes,
  testA,
  testB,
  type PageStore,
} from './pageStore';
import {
  createSparseLane,
  sparseBytes,
  sparseClear,
  sparseClearRange,
  sparseSet,
  sparseSetRange,
  sparseTest,
  sparseWord,
  type SparseLane,
} from './sparseLane';

// Local copies for the write fast path: an imported binding is re-read through its module on
// every access (4x slower random writes under tsx and vitest), a module-local const is not.
const FAST_BLOCK_SHIFT = BLOCK_PAGE_SHIFT;
const FAST_WORD_SHIFT = WORD_SHIFT;
const FAST_SLOW = BLOCK_SLOW;
const FAST_WP = FAULT_WP;
const FAST_WP_ALLOC = FAULT_WP | FAULT_ALLOC;

export const UNIT_PT = 1;
export const UNIT_HUGE = 2;
export const UNIT_HUGE_ZERO = 4;

export interface RegionCounters {
  /** Writes that hit a protected page: async faults resolved by the kernel, or sync messages. */
  wpFaults: number;
  /** Faults that allocated memory (page, page-cache page, THP, hugetlb page, zero-page COW). */
  allocFaults: number;
  /** Read faults that mapped the zero page or huge zero page. */
  zeroPageMaps: number;
  thpAllocs: number;
  thpSplits: number;
  /** PTE tables allocated in the region (4 KiB each: about 8 bytes per 4 KiB page). */
  pageTables: number;
  /** Pages passed through UFFDIO_WRITEPROTECT(MODE_WP): arming and `clear` work. */
  protectedPages: number;
}

/** Plain data: structuredClone it to snapshot, UffdWpRegion.fromState to resume. */
export interface UffdRegionState {
  config: RegionConfig;
  armed: boolean;
  store: PageStore;
  extra: SparseLane;
  units: Uint8Array;
  counters: RegionCounters;
}

function zeroCounters(): RegionCounters {
  return { wpFaults: 0, allocFaults: 0, zeroPageMaps: 0, thpAllocs: 0, thpSplits: 0, pageTables: 0, protectedPages: 0 };
}

export class UffdWpRegion {
  readonly state: UffdRegionState;
  readonly pages: number;
  readonly config: RegionConfig;
  readonly markers: boolean;
  readonly sync: boolean;
  readonly hugetlb: boolean;
  private readonly bits: Uint32Array;
  private readonly blocks: Uint16Array;
  private readonly counters: RegionCounters;

  private constructor(state: UffdRegionState) {
    this.state = state;
    this.config = state.config;
    this.pages = state.config.pages;
    this.markers = usesMarkers(state.config);
    this.sync = state.config.mode === 'sync';
    this.hugetlb = state.config.backing === 'hugetlb';
    this.bits = state.store.bits;
    this.blocks = state.store.blocks;
    this.counters = state.counters;
  }

  /** A freshly mapped, not yet armed region: every PTE empty (none reads as written). */
  static create(config: Partial<RegionConfig> = {}): UffdWpRegion {
    const c = regionConfig(config);
    const store = createPageStore(c.pages, true, false);
    store.blocks.fill(BLOCK_SLOW);
    recountBlocks(store, 0, c.pages);
    const units = new Uint8Array(Math.ceil(c.pages / UNIT_PAGES));
    return new UffdWpRegion({ config: c, armed: false, store, extra: createSparseLane(c.pages), units, counters: zeroCounters() });
  }

  static fromState(state: UffdRegionState): UffdWpRegion {
    return new UffdWpRegion(state);
  }

  snapshot(): UffdRegionState {
    return structuredClone(this.state);
  }

  /** The simulator's own memory for this region: typed arrays including summaries. */
  memoryBytes(): number {
    return storeBytes(this.state.store) + sparseBytes(this.state.extra) + this.state.units.byteLength;
  }

  /**
   * Prefault (untracked), then UFFDIO_REGISTER(MODE_WP) and UFFDIO_WRITEPROTECT over everything,
   * as the oracle's arm(). hugetlb ranges must be whole huge pages or registration fails.
   */
  arm(): void {
    if (this.state.armed) return;
    const { prefault } = this.config;
    if (prefault !== 'none') {
      for (let p = 0; p < this.pages; p++) {
        if (prefault === 'write') this.write(p);
        else this.read(p);
      }
    }
    Object.assign(this.counters, zeroCounters(), { pageTables: this.counters.pageTables });
    if (this.hugetlb && this.pages % UNIT_PAGES !== 0) throw new KernelError('UFFDIO_REGISTER(MODE_WP)', 'EINVAL');
    this.writeProtect(0, this.pages, true);
    this.state.armed = true;
  }

  /** A write of one byte to page p; returns FAULT_* flags. */
  write(p: number): number {
    const b = p >>> FAST_BLOCK_SHIFT;
    const bv = this.blocks[b];
    if ((bv & FAST_SLOW) === 0) {
      // Regular block: every page is a marker or a present 4 KiB page.
      const i = (p >>> FAST_WORD_SHIFT) << 1;
      const m = 1 << (p & 31);
      const w = this.bits[i];
      if ((w & m) !== 0) return 0; // FAULT_NONE
      this.bits[i] = w | m;
      this.blocks[b] = bv + 1;
      this.counters.wpFaults++;
      const q = this.bits[i + 1];
      if ((q & m) !== 0) return FAST_WP;
      this.bits[i + 1] = q | m; // a marker: the page is allocated, then the write resolves the WP fault
      this.counters.allocFaults++;
      return FAST_WP_ALLOC;
    }
    return this.writeSlow(p);
  }

  private writeSlow(p: number): number {
    const { store, extra, units } = this.state;
    const populated = testB(store, p);
    if (!populated && sparseTest(extra, p)) return FAULT_SEGV;
    const u = p >>> UNIT_SHIFT;
    if (this.hugetlb) return this.writeHugetlb(u);
    let flags = FAULT_NONE;
    const uf = units[u];
    if ((uf & UNIT_HUGE) !== 0) {
      if (testA(store, p)) {
        if ((uf & UNIT_HUGE_ZERO) === 0) return FAULT_NONE;
        // Unprotected huge zero page: the write fault allocates a THP (do_huge_zero_wp_pmd).
        sparseClearRange(extra, u << UNIT_SHIFT, (u + 1) << UNIT_SHIFT);
        units[u] = UNIT_HUGE;
        this.counters.allocFaults++;
        this.counters.thpAllocs++;
        return FAULT_ALLOC | FAULT_THP;
      }
      // Protected PMD: async splits it and resolves the fault on the PTE (the split copies the
      // uffd-wp bit to all 512); sync's handler un-protects 4 KiB, which splits it too.
      this.splitUnit(u);
      flags |= FAULT_SPLIT;
    } else if ((uf & UNIT_PT) === 0 && thpEligible(this.config, u)) {
      // No page table under this PMD: the fault allocates a THP, not write-protected.
      this.populateUnit(u, false);
      units[u] = UNIT_HUGE;
      this.counters.allocFaults++;
      this.counters.thpAllocs++;
      this.markSlow(p);
      return FAULT_ALLOC | FAULT_THP;
    }
    if (!testB(store, p)) {
      setB(store, p);
      this.ensurePageTable(u);
      this.counters.allocFaults++;
      flags |= FAULT_ALLOC;
    } else if (sparseTest(extra, p)) {
      sparseClear(extra, p); // copy-on-write of the zero page
      this.counters.allocFaults++;
      flags |= FAULT_COW;
    }
    if (setA(store, p)) {
      this.counters.wpFaults++;
      flags |= FAULT_WP;
    }
    return flags;
  }

  /** hugetlb cannot split: the whole 2 MiB page is allocated and un-protected together. */
  private writeHugetlb(u: number): number {
    const { store } = this.state;
    const first = u << UNIT_SHIFT;
    let flags = FAULT_NONE;
    if (!testB(store, first)) {
      this.populateUnit(u, false);
      this.counters.allocFaults++;
      flags |= FAULT_ALLOC;
    }
    if (!testA(store, first)) {
      this.counters.wpFaults++;
      if (this.sync) return flags | FAULT_WP | FAULT_HANDLER_EINVAL;
      this.setUnitWritten(u, true);
      flags |= FAULT_WP;
    }
    return flags;
  }

  /** A read of one byte from page p; reads never change write protection. */
  read(p: number): number {
    const { store, extra, units } = this.state;
    if (testB(store, p)) return FAULT_NONE;
    if (sparseTest(extra, p)) return FAULT_SEGV;
    const u = p >>> UNIT_SHIFT;
    if (this.hugetlb) {
      this.populateUnit(u, false);
      this.counters.allocFaults++;
      return FAULT_ALLOC;
    }
    if ((units[u] & UNIT_HUGE) !== 0) return FAULT_NONE;
    this.markSlow(p);
    if ((units[u] & UNIT_PT) === 0 && thpEligible(this.config, u)) {
      this.populateUnit(u, true); // the huge zero page, mapped writable-but-unprotected
      units[u] = UNIT_HUGE | UNIT_HUGE_ZERO;
      this.counters.zeroPageMaps++;
      return FAULT_ZERO_MAP;
    }
    setB(store, p);
    this.ensurePageTable(u);
    if (this.config.backing === 'memfd') {
      this.counters.allocFaults++; // shmem reads allocate page-cache pages (FILE|PRESENT)
      return FAULT_ALLOC;
    }
    sparseSet(extra, p); // anonymous: the shared zero page, keeping the marker's uffd-wp bit
    this.counters.zeroPageMaps++;
    return FAULT_ZERO_MAP;
  }

  /**
   * UFFDIO_WRITEPROTECT over pages [from, to). Protecting sets the uffd-wp bit on present pages and
   * installs markers in empty PTEs when markers are in use (allocating page tables); guard markers
   * are left alone. Un-protecting clears the bit everywhere (markers become empty PTEs).
   */
  writeProtect(from: number, to: number, protect: boolean): void {
    if (this.hugetlb && (from % UNIT_PAGES !== 0 || to % UNIT_PAGES !== 0)) {
      throw new KernelError('UFFDIO_WRITEPROTECT', 'EINVAL');
    }
    this.splitPartialUnits(from, to);
    if (protect && this.markers && !this.hugetlb) {
      for (let u = from >>> UNIT_SHIFT; u <= (to - 1) >>> UNIT_SHIFT; u++) this.ensurePageTable(u);
    }
    const { bits } = this;
    const extra = this.state.extra;
    const markers = this.markers;
    forEachWord(this.state.store, from, to, (wi, mask) => {
      const a = bits[wi << 1] | 0;
      const b = bits[(wi << 1) + 1] | 0;
      const x = sparseWord(extra, wi);
      const next = protect ? (a & ~b & x) | (markers ? 0 : a & ~b & ~x) : -1;
      bits[wi << 1] = (a & ~mask) | (next & mask);
    });
    if (protect) this.counters.protectedPages += to - from;
    this.refresh(from, to);
  }

  /** `clear`: protect the whole region (a new tracking round). */
  clear(): void {
    this.writeProtect(0, this.pages, true);
  }

  // ---- queries -------------------------------------------------------------------------------

  isWritten(p: number): boolean {
    return testA(this.state.store, p);
  }
  isPopulated(p: number): boolean {
    return testB(this.state.store, p);
  }
  /** The zero page is mapped here (4 KiB or as part of the huge zero page). */
  isZeroPage(p: number): boolean {
    return testB(this.state.store, p) && sparseTest(this.state.extra, p);
  }
  isGuard(p: number): boolean {
    return !testB(this.state.store, p) && sparseTest(this.state.extra, p);
  }
  /** The page is mapped by a PMD: a THP not yet split, the huge zero page, or a hugetlb page. */
  isHugeMapped(p: number): boolean {
    return this.hugetlb || (this.state.units[p >>> UNIT_SHIFT] & UNIT_HUGE) !== 0;
  }
  writtenCount(from = 0, to = this.pages): number {
    return countA(this.state.store, from, to);
  }
  get counts(): Readonly<RegionCounters> {
    return this.counters;
  }

  // ---- building blocks for madvise and PAGEMAP_SCAN (regionMadvise.ts, regionScan.ts) --------

  /** Re-derives block counts and SLOW flags after a bulk change of pages [from, to). */
  refresh(from: number, to: number): void {
    if (to <= from) return;
    recountBlocks(this.state.store, from, to);
    const { bits, blocks } = this;
    const { extra, units, store } = this.state;
    for (let b = from >>> BLOCK_PAGE_SHIFT; b <= (to - 1) >>> BLOCK_PAGE_SHIFT; b++) {
      let slow = this.hugetlb;
      for (let u = (b * BLOCK_PAGES) >>> UNIT_SHIFT; !slow && u < Math.min(units.length, ((b + 1) * BLOCK_PAGES) >>> UNIT_SHIFT); u++) {
        if ((units[u] & UNIT_HUGE) !== 0) slow = true;
      }
      const w0 = b << BLOCK_WORD_SHIFT;
      const w1 = Math.min(w0 + (1 << BLOCK_WORD_SHIFT), store.words);
      for (let w = w0; !slow && w < w1; w++) {
        if ((bits[w << 1] & ~bits[(w << 1) + 1]) !== 0 || sparseWord(extra, w) !== 0) slow = true;
      }
      blocks[b] = slow ? blocks[b] | BLOCK_SLOW : blocks[b] & ~BLOCK_SLOW;
    }
  }

  markSlow(p: number): void {
    this.blocks[p >>> BLOCK_PAGE_SHIFT] |= BLOCK_SLOW;
  }

  ensurePageTable(u: number): void {
    const units = this.state.units;
    if ((units[u] & (UNIT_PT | UNIT_HUGE)) === 0) {
      units[u] |= UNIT_PT;
      this.counters.pageTables++;
    }
  }

  /** PMD split into 512 PTEs; per-page bits already hold the copied state. */
  splitUnit(u: number): void {
    const units = this.state.units;
    if (this.hugetlb || (units[u] & UNIT_HUGE) === 0) return;
    units[u] = UNIT_PT;
    this.counters.pageTables++;
    this.counters.thpSplits++;
  }

  /** Splits THPs that [from, to) covers only partly (a PMD cannot be half protected or zapped). */
  splitPartialUnits(from: number, to: number): void {
    const u0 = from >>> UNIT_SHIFT;
    const u1 = (to - 1) >>> UNIT_SHIFT;
    if (from % UNIT_PAGES !== 0) this.splitUnit(u0);
    if (to % UNIT_PAGES !== 0) this.splitUnit(u1);
  }

  /** Maps every page of unit u (zero: the zero page), leaving protection bits as they are. */
  populateUnit(u: number, zero: boolean): void {
    const { store, extra } = this.state;
    const from = u << UNIT_SHIFT;
    const to = Math.min(from + UNIT_PAGES, this.pages);
    forEachWord(store, from, to, (wi, mask) => {
      store.bits[(wi << 1) + 1] |= mask;
    });
    if (zero) sparseSetRange(extra, from, to);
    this.markSlow(from);
  }

  /** Sets or clears "written" for every page of unit u (PMD-level protection change). */
  setUnitWritten(u: number, written: boolean): void {
    const { store } = this.state;
    const from = u << UNIT_SHIFT;
    const to = Math.min(from + UNIT_PAGES, this.pages);
    for (let p = from; p < to; p++) {
      if (written) setA(store, p);
      else clearA(store, p);
    }
  }
}
