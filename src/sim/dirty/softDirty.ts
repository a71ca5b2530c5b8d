// Soft-dirty (CONFIG_MEM_SOFT_DIRTY): writing "4" to /proc/PID/clear_refs clears the bit on every
// PTE/PMD and VM_SOFTDIRTY on every VMA; pagemap bit 55 then reports a page if its PTE was dirtied
// since, or if its VMA carries VM_SOFTDIRTY (new and expanded VMAs do, until the next clear).
// Its false positives come from that VMA flag (merge, remap), from mremap marking moved PTEs and
// from THP granularity (the bit lives on the PMD: one write dirties 512 pages). It never misses a
// write; a zapped PTE loses its bit (MADV_DONTNEED), which is why zapping is outside that promise.
// Sources: Documentation/admin-guide/mm/soft-dirty.rst; ../shared/reference/dirty-tracking.md §1.
import { UNIT_PAGES, UNIT_SHIFT } from './constants';
import { popcount32 } from './bits';
import {
  countA,
  createPageStore,
  forEachRunA,
  forEachWord,
  recountBlocks,
  setA,
  setB,
  storeBytes,
  testA,
  testB,
  type PageStore,
} from './pageStore';
import { UNIT_HUGE, UNIT_PT } from './region';

export interface SoftDirtyCounters {
  /** Writes that faulted because clear_refs had write-protected the PTE/PMD. */
  wpFaults: number;
  /** clear_refs writes so far. */
  clears: number;
  /** Page-table entries walked by clear_refs (its cost driver: it walks the whole mm). */
  entriesCleared: number;
}

/** Plain data: structuredClone it to snapshot. */
export interface SoftDirtyState {
  pages: number;
  /** Anonymous memory with MADV_HUGEPAGE: faults on an empty 2 MiB unit map a THP. */
  thp: boolean;
  /** Lane A: soft-dirty bit of the page's PTE (or PMD); lane B: populated. */
  store: PageStore;
  units: Uint8Array;
  /** VMA i covers [vmaStarts[i], vmaStarts[i + 1]) (the last one ends at pages). */
  vmaStarts: number[];
  /** 1 when VMA i carries VM_SOFTDIRTY: every page in it reads soft-dirty. */
  vmaSoftDirty: number[];
  counters: SoftDirtyCounters;
}

export class SoftDirtyTracker {
  readonly state: SoftDirtyState;
  readonly pages: number;
  private readonly bits: Uint32Array;

  private constructor(state: SoftDirtyState) {
    this.state = state;
    this.pages = state.pages;
    this.bits = state.store.bits;
  }

  /** A new mapping: one VMA, VM_SOFTDIRTY set (soft-dirty.rst: new regions are soft dirty). */
  static create(opts: { pages: number; thp?: boolean }): SoftDirtyTracker {
    return new SoftDirtyTracker({
      pages: opts.pages,
      thp: opts.thp ?? false,
      store: createPageStore(opts.pages, false, false),
      units: new Uint8Array(Math.ceil(opts.pages / UNIT_PAGES)),
      vmaStarts: [0],
      vmaSoftDirty: [1],
      counters: { wpFaults: 0, clears: 0, entriesCleared: 0 },
    });
  }

  static fromState(state: SoftDirtyState): SoftDirtyTracker {
    return new SoftDirtyTracker(state);
  }

  snapshot(): SoftDirtyState {
    return structuredClone(this.state);
  }

  memoryBytes(): number {
    return storeBytes(this.state.store) + this.state.units.byteLength + this.state.vmaStarts.length * 16;
  }

  /** echo 4 > /proc/PID/clear_refs: all bits and all VM_SOFTDIRTY flags cleared, PTEs write-protected. */
  clearRefs(): void {
    const s = this.state;
    this.state.counters.entriesCleared += countPopulated(s.store);
    forEachWord(s.store, 0, this.pages, (wi) => {
      this.bits[wi << 1] = 0;
    });
    s.store.blocks.fill(0);
    s.vmaSoftDirty.fill(0);
    s.counters.clears++;
  }

  /**
   * A write to page p. `huge` says whether the page is PMD-mapped when the process's mapping is
   * decided elsewhere (a uffd-wp region in the same process); without it the tracker applies its own
   * THP rule (a fault on an empty, THP-eligible unit maps a THP that stays whole).
   */
  write(p: number, huge?: boolean): void {
    if ((this.bits[(p >>> 5) << 1] & (1 << (p & 31))) !== 0) return; // already dirty
    const s = this.state;
    const u = p >>> UNIT_SHIFT;
    let pmd = huge;
    if (pmd === undefined) {
      pmd = (s.units[u] & UNIT_HUGE) !== 0;
      if (!pmd && (s.units[u] & UNIT_PT) === 0 && this.thpEligible(u)) {
        s.units[u] = UNIT_HUGE;
        pmd = true;
      }
    }
    if (pmd) {
      const first = u << UNIT_SHIFT;
      if (testB(s.store, first)) s.counters.wpFaults++;
      const to = Math.min(first + UNIT_PAGES, this.pages);
      for (let q = first; q < to; q++) {
        setB(s.store, q);
        setA(s.store, q);
      }
      return;
    }
    if (testB(s.store, p)) s.counters.wpFaults++;
    else this.ensurePageTable(u);
    setB(s.store, p);
    setA(s.store, p);
  }

  /** A read: maps a page (the zero page or huge zero page), never dirties it. */
  read(p: number, huge?: boolean): void {
    const s = this.state;
    if (testB(s.store, p)) return;
    const u = p >>> UNIT_SHIFT;
    const pmd = huge ?? ((s.units[u] & UNIT_PT) === 0 && this.thpEligible(u));
    if (pmd) {
      if (huge === undefined) s.units[u] = UNIT_HUGE;
      const first = u << UNIT_SHIFT;
      for (let q = first; q < Math.min(first + UNIT_PAGES, this.pages); q++) setB(s.store, q);
      return;
    }
    this.ensurePageTable(u);
    setB(s.store, p);
  }

  /** MADV_DONTNEED on [from, to): the PTEs and their soft-dirty bits are gone. */
  zap(from: number, to: number): void {
    const s = this.state;
    this.splitPartial(from, to);
    for (let u = Math.ceil(from / UNIT_PAGES); (u + 1) * UNIT_PAGES <= to; u++) {
      if ((s.units[u] & UNIT_HUGE) !== 0) s.units[u] = 0;
    }
    forEachWord(s.store, from, to, (wi, mask) => {
      this.bits[wi << 1] &= ~mask;
      this.bits[(wi << 1) + 1] &= ~mask;
    });
    recountBlocks(s.store, from, to);
  }

  /**
   * munmap + mmap at the same place: a new VMA over [from, to) with no PTEs and VM_SOFTDIRTY.
   * With `merge` (an anonymous mapping next to compatible ones) it merges with its neighbours and
   * the whole merged VMA reads soft-dirty: the VMA-merge false positive.
   */
  remapNew(from: number, to: number, merge = true): void {
    this.zap(from, to);
    // unmapping frees the page tables of units it covers wholly
    for (let u = Math.ceil(from / UNIT_PAGES); (u + 1) * UNIT_PAGES <= to; u++) this.state.units[u] = 0;
    const i = this.splitVmaAt(from);
    const j = this.splitVmaAt(to);
    const s = this.state;
    s.vmaStarts.splice(i, j - i, from);
    s.vmaSoftDirty.splice(i, j - i, 1);
    if (merge) {
      let k = i;
      if (k + 1 < s.vmaStarts.length) this.mergeWithNext(k);
      if (k > 0) {
        this.mergeWithNext(k - 1);
        k--;
      }
      s.vmaSoftDirty[k] = 1;
    }
  }

  /** mremap moving [from, to) (page identity kept): move_ptes() marks every moved PTE soft-dirty. */
  mremap(from: number, to: number): void {
    const s = this.state;
    forEachWord(s.store, from, to, (wi, mask) => {
      this.bits[wi << 1] |= this.bits[(wi << 1) + 1] & mask;
    });
    recountBlocks(s.store, from, to);
  }

  /** pagemap bit 55 for page p. */
  isDirty(p: number): boolean {
    return testA(this.state.store, p) || this.state.vmaSoftDirty[this.vmaIndex(p)] === 1;
  }

  /** Pages that read soft-dirty in [from, to). */
  dirtyCount(from = 0, to = this.pages): number {
    let n = 0;
    this.forEachVma(from, to, (a, b, flagged) => {
      n += flagged ? b - a : countA(this.state.store, a, b);
    });
    return n;
  }

  /** Visits maximal runs [start, end) of soft-dirty pages in [from, to). */
  forEachDirtyRun(from: number, to: number, visit: (start: number, end: number) => void): void {
    let openStart = -1;
    let openEnd = -1;
    const emit = (a: number, b: number) => {
      if (a === openEnd) openEnd = b;
      else {
        if (openStart >= 0) visit(openStart, openEnd);
        openStart = a;
        openEnd = b;
      }
    };
    this.forEachVma(from, to, (a, b, flagged) => {
      if (flagged) emit(a, b);
      else forEachRunA(this.state.store, a, b, emit);
    });
    if (openStart >= 0) visit(openStart, openEnd);
  }

  isPopulated(p: number): boolean {
    return testB(this.state.store, p);
  }
  isHugeMapped(p: number): boolean {
    return (this.state.units[p >>> UNIT_SHIFT] & UNIT_HUGE) !== 0;
  }
  get counts(): Readonly<SoftDirtyCounters> {
    return this.state.counters;
  }

  // ---- internals ------------------------------------------------------------------------------

  private thpEligible(u: number): boolean {
    if (!this.state.thp || (u + 1) * UNIT_PAGES > this.pages) return false;
    return this.vmaIndex(u * UNIT_PAGES) === this.vmaIndex((u + 1) * UNIT_PAGES - 1);
  }

  private ensurePageTable(u: number): void {
    if ((this.state.units[u] & UNIT_HUGE) === 0) this.state.units[u] |= UNIT_PT;
  }

  private splitPartial(from: number, to: number): void {
    const units = this.state.units;
    for (const u of [from >>> UNIT_SHIFT, (to - 1) >>> UNIT_SHIFT]) {
      const covered = u * UNIT_PAGES >= from && (u + 1) * UNIT_PAGES <= to;
      if (!covered && (units[u] & UNIT_HUGE) !== 0) units[u] = UNIT_PT; // split copies the bit to all 512
    }
  }

  private vmaIndex(p: number): number {
    const starts = this.state.vmaStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= p) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Makes p a VMA boundary (if inside the region) and returns the index of the VMA starting there. */
  private splitVmaAt(p: number): number {
    const s = this.state;
    if (p >= this.pages) return s.vmaStarts.length;
    const i = this.vmaIndex(p);
    if (s.vmaStarts[i] === p) return i;
    s.vmaStarts.splice(i + 1, 0, p);
    s.vmaSoftDirty.splice(i + 1, 0, s.vmaSoftDirty[i]);
    return i + 1;
  }

  private mergeWithNext(i: number): void {
    const s = this.state;
    s.vmaSoftDirty[i] = s.vmaSoftDirty[i] | s.vmaSoftDirty[i + 1];
    s.vmaStarts.splice(i + 1, 1);
    s.vmaSoftDirty.splice(i + 1, 1);
  }

  private forEachVma(from: number, to: number, visit: (a: number, b: number, flagged: boolean) => void): void {
    const s = this.state;
    for (let i = this.vmaIndex(from); i < s.vmaStarts.length && s.vmaStarts[i] < to; i++) {
      const a = Math.max(from, s.vmaStarts[i]);
      const b = Math.min(to, i + 1 < s.vmaStarts.length ? s.vmaStarts[i + 1] : this.pages);
      if (b > a) visit(a, b, s.vmaSoftDirty[i] === 1);
    }
  }
}

function countPopulated(store: PageStore): number {
  let n = 0;
  forEachWord(store, 0, store.pages, (wi) => {
    n += popcount32(store.bits[(wi << 1) + 1]);
  });
  return n;
}
