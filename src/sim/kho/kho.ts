// The KHO state of one kernel: allocation, preservation, restore and the kexec handover.
// Functions mutate the state in place (callers clone for previews); results follow the kernel's
// return conventions (an errno name or null for success).
import { makeAllocator, allocContiguous, allocScattered, freeRange } from './alloc';
import { getOrder, MAX_PAGE_ORDER, PAGE_SHIFT, PAGE_SIZE, type KhoVersion } from './constants';
import { DEFAULT_SCRATCH, defaultMachine, reserveScratch } from './scratch';
import type { AllocRange, Content, Extent, KhoMachine, KhoState, PreserveHow, ScratchConfig, ScratchRegion } from './types';

export interface KhoInit {
  version: KhoVersion;
  machine?: KhoMachine;
  scratch?: ScratchConfig;
}

/** Cold boot with kho=on: scratch is reserved (or KHO disabled if it does not fit). */
export function coldBootKho(init: KhoInit): KhoState {
  const machine = init.machine ?? defaultMachine();
  const scratchConfig = init.scratch ?? DEFAULT_SCRATCH;
  const { regions, error } = reserveScratch(machine, scratchConfig);
  return {
    version: init.version,
    machine,
    scratchConfig,
    scratch: regions,
    disabled: error,
    boot: 0,
    khoBoot: false,
    finalized: false,
    extents: {},
    alloc: makeAllocator(freeRanges(machine, regions, [])),
    subtrees: {},
    incomingSubtrees: {},
  };
}

/** RAM minus the kernel image, scratch and the given busy ranges, in pages. */
function freeRanges(machine: KhoMachine, scratch: ScratchRegion[], busy: { pa: number; pages: number }[]): AllocRange[] {
  const holes = [
    { s: machine.kernelImage.start, e: machine.kernelImage.start + machine.kernelImage.size },
    ...scratch.map((r) => ({ s: r.start, e: r.start + r.size })),
    ...busy.map((b) => ({ s: b.pa, e: b.pa + b.pages * PAGE_SIZE })),
  ].sort((a, b) => a.s - b.s);
  const out: AllocRange[] = [];
  for (const node of machine.nodes) {
    // Page 0 .. 1 MiB is left alone, as x86 does.
    let cur = Math.max(node.start, 1 << 20);
    const end = node.start + node.size;
    for (const h of holes) {
      if (h.e <= cur || h.s >= end) continue;
      if (h.s > cur) out.push({ pfn: cur / PAGE_SIZE, pages: (h.s - cur) / PAGE_SIZE });
      cur = Math.max(cur, h.e);
    }
    if (cur < end) out.push({ pfn: cur / PAGE_SIZE, pages: (end - cur) / PAGE_SIZE });
  }
  return out.map((r) => ({ pfn: Math.ceil(r.pfn), pages: Math.floor(r.pages) })).filter((r) => r.pages > 0);
}

export interface AllocOpts {
  use: string;
  owner: string;
  content: Content;
  order?: number;
}

/** One contiguous extent, aligned to its folio order. Null on -ENOMEM. */
export function allocExtent(kho: KhoState, pages: number, o: AllocOpts): Extent | null {
  const order = o.order ?? 0;
  const pfn = allocContiguous(kho.alloc, pages, 2 ** order);
  if (pfn === null) return null;
  const e: Extent = { pa: pfn * PAGE_SIZE, pages, order, use: o.use, owner: o.owner, preserved: null, incoming: null, content: o.content };
  kho.extents[String(e.pa)] = e;
  return e;
}

/** Order-0 pages in as few extents as the allocator gives. contentAt(i) gives the content of the i-th page run. */
export function allocPages(kho: KhoState, pages: number, o: Omit<AllocOpts, 'content'>, contentAt: (firstPage: number) => Content): Extent[] | null {
  const pieces = allocScattered(kho.alloc, pages);
  if (!pieces) return null;
  let done = 0;
  return pieces.map((p) => {
    const e: Extent = { pa: p.pfn * PAGE_SIZE, pages: p.pages, order: 0, use: o.use, owner: o.owner, preserved: null, incoming: null, content: contentAt(done) };
    done += p.pages;
    kho.extents[String(e.pa)] = e;
    return e;
  });
}

export function extentAt(kho: KhoState, pa: number): Extent | undefined {
  return kho.extents[String(pa)];
}

export function freeExtent(kho: KhoState, pa: number): void {
  const e = kho.extents[String(pa)];
  if (!e) return;
  delete kho.extents[String(pa)];
  freeRange(kho.alloc, e.pa / PAGE_SIZE, e.pages);
}

/**
 * kho_preserve_folio / _pages / _vmalloc. 6.16 refuses while finalized (-EBUSY, S-KHO-616);
 * preserving twice is idempotent (a bit in the tracker).
 */
export function preserveExtent(kho: KhoState, pa: number, how: PreserveHow): 'EBUSY' | 'EINVAL' | null {
  const e = kho.extents[String(pa)];
  if (!e) return 'EINVAL';
  if (kho.version === '6.16' && kho.finalized) return 'EBUSY';
  e.preserved = how;
  return null;
}

/** kho_unpreserve_*: clears the tracker bits (the pages stay allocated). */
export function unpreserveExtent(kho: KhoState, pa: number): void {
  const e = kho.extents[String(pa)];
  if (e) e.preserved = null;
}

/** kho_alloc_preserve(size): a zeroed folio of get_order(size), preserved. -E2BIG above MAX_PAGE_ORDER. */
export function khoAllocPreserve(kho: KhoState, bytes: number, o: Omit<AllocOpts, 'order'>): Extent | 'E2BIG' | 'ENOMEM' {
  const order = getOrder(bytes);
  if (order > MAX_PAGE_ORDER) return 'E2BIG';
  const e = allocExtent(kho, 2 ** order, { ...o, order });
  if (!e) return 'ENOMEM';
  e.preserved = 'folio';
  return e;
}

/** kho_unpreserve_free: unpreserve and free. */
export function khoUnpreserveFree(kho: KhoState, pa: number): void {
  unpreserveExtent(kho, pa);
  freeExtent(kho, pa);
}

/**
 * kho_restore_folio / _pages / _vmalloc in the next kernel: succeeds once per preserved extent (the
 * 'KHOP' magic in page->private is cleared after use, so a second restore fails, S-KHO-619).
 * Returns the extent, now ordinary memory of this kernel, or null (the kernel WARNs and returns NULL).
 */
export function restoreExtent(kho: KhoState, pa: number, how?: PreserveHow): Extent | null {
  const e = kho.extents[String(pa)];
  if (!e || !e.incoming) return null;
  if (how && how !== e.incoming) return null;
  e.incoming = null;
  return e;
}

/** kho_restore_free: restore and free at once. */
export function khoRestoreFree(kho: KhoState, pa: number): boolean {
  const e = restoreExtent(kho, pa);
  if (!e) return false;
  freeExtent(kho, pa);
  return true;
}

/** Record stored at pa, if the extent exists and holds one. */
export function readRecord<T = Record<string, unknown>>(kho: KhoState, pa: number, kind?: string): (T & { kind: string }) | null {
  const e = kho.extents[String(pa)];
  if (!e || e.content.t !== 'rec') return null;
  if (kind && e.content.rec.kind !== kind) return null;
  return e.content.rec as T & { kind: string };
}

export function writeRecord(kho: KhoState, pa: number, rec: { kind: string } & Record<string, unknown>): void {
  const e = kho.extents[String(pa)];
  if (e) e.content = { t: 'rec', rec };
}

/** kho_add_subtree(name, fdt): the blob must already be preserved by the caller. */
export function addSubtree(kho: KhoState, name: string, pa: number): 'EEXIST' | null {
  if (name in kho.subtrees) return 'EEXIST';
  kho.subtrees[name] = pa;
  return null;
}

export function removeSubtree(kho: KhoState, name: string): void {
  delete kho.subtrees[name];
}

/** kho_retrieve_subtree(name): -ENOENT when the previous kernel did not hand it over. */
export function retrieveSubtree(kho: KhoState, name: string): number | 'ENOENT' {
  return name in kho.incomingSubtrees ? kho.incomingSubtrees[name] : 'ENOENT';
}

/** 6.16 debugfs finalize: -EEXIST when already finalized (S-KHO-616). */
export function khoFinalize(kho: KhoState): 'EEXIST' | null {
  if (kho.finalized && kho.version === '6.16') return 'EEXIST';
  kho.finalized = true;
  return null;
}

/** 6.16 debugfs abort: -ENOENT when not finalized. The tracker itself is kept. */
export function khoAbort(kho: KhoState): 'ENOENT' | null {
  if (!kho.finalized) return 'ENOENT';
  kho.finalized = false;
  return null;
}

/** Whether a kexec now hands memory over: 6.16 needs finalize; 6.19 finalizes in the reboot path. */
export function handsOver(kho: KhoState): boolean {
  if (kho.disabled) return false;
  return kho.version === '6.16' ? kho.finalized : true;
}

/**
 * The kexec jump: the next kernel sees only what was preserved (it becomes "incoming"), the same
 * scratch regions (kho_scratch= is ignored after a KHO boot) and the sub-FDT addresses. Everything
 * else is gone: its memory is free again and its contents are lost.
 */
export function kexecKho(kho: KhoState, handover: boolean = handsOver(kho)): KhoState {
  const over = handover && !kho.disabled;
  const extents: Record<string, Extent> = {};
  if (over) {
    for (const [k, e] of Object.entries(kho.extents)) {
      if (!e.preserved) continue;
      extents[k] = { ...e, incoming: e.preserved, preserved: null, owner: `${e.owner.replace(/ \(from kernel \d+\)$/, '')} (from kernel ${kho.boot})` };
    }
  }
  const busy = Object.values(extents);
  return {
    ...kho,
    boot: kho.boot + 1,
    khoBoot: over,
    finalized: false,
    extents,
    alloc: makeAllocator(freeRanges(kho.machine, kho.scratch, busy)),
    subtrees: {},
    incomingSubtrees: over ? { ...kho.subtrees } : {},
  };
}

/** Pages the next kernel keeps for the previous one's data and nobody has claimed yet. */
export function incomingPages(kho: KhoState): number {
  let n = 0;
  for (const e of Object.values(kho.extents)) if (e.incoming) n += e.pages;
  return n;
}

export function preservedExtents(kho: KhoState): Extent[] {
  return Object.values(kho.extents).filter((e) => e.preserved);
}

export const PAGE_BYTES = PAGE_SIZE;
export const PFN_SHIFT = PAGE_SHIFT;
