// memfd-v1 (mm/memfd_luo.c, S-MEMFD): only unlinked shmem files; preserve takes the inode lock,
// freezes the mapping, pins every page (allocating pages for holes, so a sparse file becomes
// dense), preserves each folio and a vmalloc array of 16-byte memfd_luo_folio_ser records, and
// returns the address of a memfd_luo_ser {pos, size, nr_folios, folios}. freeze only refreshes pos.
// retrieve builds a new memfd (pos, size, the same physical pages); seals and FD_CLOEXEC are not
// preserved. finish frees the pages of a file that was never retrieved.
import { allocExtent, allocPages, extentAt, freeExtent, khoAllocPreserve, khoRestoreFree, khoUnpreserveFree, preserveExtent, readRecord, restoreExtent, unpreserveExtent } from '../../kho/kho';
import { PAGE_SIZE, VMALLOC_CHUNK_ENTRIES } from '../../kho/constants';
import { fileDigest, newFile } from '../files';
import { logEvent } from '../log';
import type { LuoSystem, SimFile } from '../types';
import type { HandlerDef, HandlerResult } from './types';

export const MEMFD_FOLIO_SER_BYTES = 16;
export const MEMFD_SER_BYTES = 40;

interface MemfdSer {
  kind: 'memfd_luo_ser';
  pos: number;
  size: number;
  nr_folios: number;
  /** struct kho_vmalloc: first chunk page, total array pages, order. */
  folios: { first: number; total_pages: number; order: number } | null;
  /** Simulator bookkeeping, not part of the ABI: key of the original's digest. */
  simOrigin: string;
}

interface FolioRun {
  pfn: number;
  count: number;
  index: number;
  flags: number;
}

const DIRTY = 1;
const UPTODATE = 2;

/** Fills holes of [0, size) with zero pages, as memfd_pin_folios() does. */
function fillHoles(sys: LuoSystem, f: SimFile): number | 'ENOMEM' {
  const pages = Math.ceil(f.size / PAGE_SIZE);
  const runs = [...f.runs].sort((a, b) => a.index - b.index);
  const holes: [number, number][] = [];
  let cur = 0;
  for (const r of runs) {
    if (r.index > cur) holes.push([cur, r.index - cur]);
    cur = Math.max(cur, r.index + r.count);
  }
  if (cur < pages) holes.push([cur, pages - cur]);
  const total = holes.reduce((s, h) => s + h[1], 0);
  if (!total) return 0;
  if (sys.kho.alloc.freePages < total) return 'ENOMEM';
  for (const [start, count] of holes) {
    const ext = allocPages(sys.kho, count, { use: 'memfd-hole', owner: `memfd #${f.id} (filled hole)` }, () => ({ t: 'zero' }));
    if (!ext) return 'ENOMEM';
    let idx = start;
    for (const e of ext) {
      f.runs.push({ index: idx, count: e.pages, pa: e.pa });
      idx += e.pages;
    }
  }
  f.runs.sort((a, b) => a.index - b.index);
  sys.holePagesFilled += total;
  return total;
}

export const memfdHandler: HandlerDef = {
  compatible: 'memfd-v1',
  proposed: false,
  note: 'memfd-v1: unlinked shmem only; holes filled at preserve; 16 B per folio; contents, size and position preserved; seals and FD_CLOEXEC not.',
  kinds: ['memfd'],
  ops: ['can_preserve', 'preserve', 'unpreserve', 'freeze', 'retrieve', 'finish'],

  canPreserve: (_sys, f) => f.kind === 'memfd',

  preserve(sys, f, owner): HandlerResult<number> {
    f.frozen++;
    const ser = khoAllocPreserve(sys.kho, MEMFD_SER_BYTES, { use: 'memfd-ser', owner, content: { t: 'zero' } });
    if (typeof ser === 'string') {
      f.frozen--;
      return { ok: false, errno: ser === 'E2BIG' ? 'E2BIG' : 'ENOMEM', why: 'kho_alloc_preserve(memfd_luo_ser) failed' };
    }
    let folios: MemfdSer['folios'] = null;
    let nr = 0;
    if (f.size > 0) {
      const filled = fillHoles(sys, f);
      if (filled === 'ENOMEM') {
        khoUnpreserveFree(sys.kho, ser.pa);
        f.frozen--;
        return { ok: false, errno: 'ENOMEM', why: 'memfd_pin_folios could not allocate pages for the holes' };
      }
      if (filled) logEvent(sys, 'info', `memfd #${f.id}: ${filled} hole pages filled with new zeroed pages (the file is now dense)`);
      nr = f.runs.reduce((s, r) => s + r.count, 0);
      const arrayPages = Math.ceil((nr * MEMFD_FOLIO_SER_BYTES) / PAGE_SIZE);
      const chunkPages = Math.ceil(arrayPages / VMALLOC_CHUNK_ENTRIES);
      const array = allocExtent(sys.kho, arrayPages, { use: 'folio-array', owner: `${owner}: memfd_luo_folio_ser[${nr}]`, content: { t: 'zero' } });
      const chunk = array && allocExtent(sys.kho, chunkPages, { use: 'vmalloc-chunk', owner: `${owner}: kho_vmalloc chunk`, content: { t: 'zero' } });
      if (!array || !chunk) {
        if (array) freeExtent(sys.kho, array.pa);
        khoUnpreserveFree(sys.kho, ser.pa);
        f.frozen--;
        return { ok: false, errno: 'ENOMEM', why: 'vcalloc of the folio array failed' };
      }
      f.pins++;
      const runs: FolioRun[] = [];
      for (const r of f.runs) {
        const e = extentAt(sys.kho, r.pa)!;
        preserveExtent(sys.kho, r.pa, 'folio');
        e.owner = `${owner}: folios ${r.index}..${r.index + r.count - 1}`;
        runs.push({ pfn: r.pa / PAGE_SIZE, count: r.count, index: r.index, flags: UPTODATE | (e.content.t === 'data' ? DIRTY : 0) });
      }
      array.content = { t: 'rec', rec: { kind: 'memfd_luo_folio_ser[]', runs } };
      chunk.content = { t: 'rec', rec: { kind: 'kho_vmalloc_chunk', array: array.pa, pages: arrayPages } };
      preserveExtent(sys.kho, array.pa, 'vmalloc');
      preserveExtent(sys.kho, chunk.pa, 'pages');
      folios = { first: chunk.pa, total_pages: arrayPages, order: 0 };
    }
    const origin = `b${sys.kho.boot}f${f.id}s${sys.logSeq}`;
    sys.oracle[origin] = fileDigest(sys, f);
    const rec: MemfdSer = { kind: 'memfd_luo_ser', pos: f.pos, size: f.size, nr_folios: nr, folios, simOrigin: origin };
    ser.content = { t: 'rec', rec: rec as unknown as { kind: string } };
    return { ok: true, value: ser.pa };
  },

  unpreserve(sys, f, data) {
    const ser = readRecord<MemfdSer>(sys.kho, data, 'memfd_luo_ser');
    if (!data || !ser) {
      logEvent(sys, 'warn', `memfd #${f.id}: unpreserve with no serialized data (WARN_ON_ONCE): its folios stay preserved and pinned`);
      return;
    }
    f.frozen = Math.max(0, f.frozen - 1);
    if (ser.folios) {
      const chunk = readRecord<{ array: number }>(sys.kho, ser.folios.first, 'kho_vmalloc_chunk');
      if (chunk) khoUnpreserveFree(sys.kho, chunk.array);
      khoUnpreserveFree(sys.kho, ser.folios.first);
      for (const r of f.runs) unpreserveExtent(sys.kho, r.pa);
      f.pins = Math.max(0, f.pins - 1);
    }
    khoUnpreserveFree(sys.kho, data);
  },

  freeze(sys, f, data) {
    const ser = data ? readRecord<MemfdSer>(sys.kho, data, 'memfd_luo_ser') : null;
    if (!ser) return 'EINVAL';
    ser.pos = f.pos;
    return null;
  },

  retrieve(sys, data, owner): HandlerResult<SimFile> {
    const ser = readRecord<MemfdSer>(sys.kho, data, 'memfd_luo_ser');
    if (!ser || !extentAt(sys.kho, data)?.incoming) return { ok: false, errno: 'EINVAL', why: 'no memfd_luo_ser at the handler data address' };
    const f = newFile(sys, 'memfd', null);
    f.open = false;
    f.cloexec = true; // RETRIEVE_FD installs the new descriptor with O_CLOEXEC
    f.pos = ser.pos;
    f.size = ser.size;
    f.origin = ser.simOrigin;
    if (ser.nr_folios && ser.folios) {
      const chunkExt = restoreExtent(sys.kho, ser.folios.first);
      const chunk = chunkExt && chunkExt.content.t === 'rec' ? (chunkExt.content.rec as unknown as { array: number }) : null;
      const arrayExt = chunk && restoreExtent(sys.kho, chunk.array, 'vmalloc');
      if (!chunk || !arrayExt || arrayExt.content.t !== 'rec') {
        f.released = true;
        return { ok: false, errno: 'EINVAL', why: 'kho_restore_vmalloc failed for the folio array' };
      }
      const runs = (arrayExt.content.rec as unknown as { runs: FolioRun[] }).runs;
      let failed = -1;
      runs.forEach((r, i) => {
        if (failed >= 0) {
          if (restoreExtent(sys.kho, r.pfn * PAGE_SIZE, 'folio')) freeExtent(sys.kho, r.pfn * PAGE_SIZE);
          return;
        }
        const e = restoreExtent(sys.kho, r.pfn * PAGE_SIZE, 'folio');
        if (!e) {
          failed = i;
          return;
        }
        e.owner = `${owner}: folios ${r.index}..${r.index + r.count - 1}`;
        e.use = e.use === 'memfd-hole' ? 'memfd-hole' : 'memfd-data';
        f.runs.push({ index: r.index, count: r.count, pa: r.pfn * PAGE_SIZE });
      });
      freeExtent(sys.kho, arrayExt.pa);
      freeExtent(sys.kho, ser.folios.first);
      if (failed >= 0) {
        for (const r of f.runs) freeExtent(sys.kho, r.pa);
        f.runs = [];
        f.released = true;
        return { ok: false, errno: 'EIO', why: `kho_restore_folio failed at pfn 0x${runs[failed].pfn.toString(16)} (not preserved, or already restored)` };
      }
    }
    khoRestoreFree(sys.kho, data);
    return { ok: true, value: f };
  },

  finish(sys, data, retrieved) {
    if (retrieved) return;
    const ser = readRecord<MemfdSer>(sys.kho, data, 'memfd_luo_ser');
    if (!ser) return;
    if (ser.nr_folios && ser.folios) {
      const chunkExt = restoreExtent(sys.kho, ser.folios.first);
      const chunk = chunkExt && chunkExt.content.t === 'rec' ? (chunkExt.content.rec as unknown as { array: number }) : null;
      const arrayExt = chunk && restoreExtent(sys.kho, chunk.array, 'vmalloc');
      if (arrayExt && arrayExt.content.t === 'rec') {
        for (const r of (arrayExt.content.rec as unknown as { runs: FolioRun[] }).runs) {
          if (restoreExtent(sys.kho, r.pfn * PAGE_SIZE, 'folio')) freeExtent(sys.kho, r.pfn * PAGE_SIZE);
        }
        freeExtent(sys.kho, arrayExt.pa);
      }
      if (chunkExt) freeExtent(sys.kho, chunkExt.pa);
    }
    khoRestoreFree(sys.kho, data);
  },
};
