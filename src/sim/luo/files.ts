// Files the holder process creates from script specs, their page contents and digests.
//   memfd:<size>[:fill=<fraction>]  an unlinked shmem file; the first fill*pages pages hold data
//   memfd-hugetlb:<size>            a hugetlbfs memfd (no LUO handler accepts it)
//   devnull                         /dev/null
//   vfio:<bdf>                      a VFIO device file (only the PROPOSED handler accepts it)
// "@label" appended names the file; "@label" alone refers to it again.
import { allocPages, extentAt, freeExtent } from '../kho/kho';
import { contentPageHash, fnv, mix32 } from '../kho/content';
import { PAGE_SIZE } from '../kho/constants';
import { parseSize } from '../units/size';
import type { FileKind, LuoSystem, SimFile } from './types';

export type FileSpec = { ref: string } | { create: { kind: FileKind; size: number; fill: number; bdf: string | null }; label: string | null };

/** Parses a file spec; throws Error with a one-line message when malformed. */
export function parseFileSpec(text: string): FileSpec {
  const at = text.lastIndexOf('@');
  const label = at >= 0 ? text.slice(at + 1) : null;
  const body = at >= 0 ? text.slice(0, at) : text;
  if (label !== null && !/^[A-Za-z0-9_.-]+$/.test(label)) throw new Error(`bad file label "@${label}" (letters, digits, _ . - only)`);
  if (body === '') {
    if (label === null) throw new Error('empty file spec');
    return { ref: label };
  }
  if (body === 'devnull') return { create: { kind: 'devnull', size: 0, fill: 0, bdf: null }, label };
  const vfio = /^vfio:([0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])$/.exec(body);
  if (vfio) return { create: { kind: 'vfio', size: 0, fill: 0, bdf: vfio[1] }, label };
  const m = /^(memfd|memfd-hugetlb):([^:]+)(?::fill=([^:]+))?$/.exec(body);
  if (!m) throw new Error(`bad file "${text}": expected memfd:<size>, memfd:<size>:fill=<fraction>, memfd-hugetlb:<size>, devnull or vfio:<bdf>`);
  let size: number;
  try {
    size = parseSize(m[2]);
  } catch (e) {
    throw new Error((e as Error).message);
  }
  let fill = 1;
  if (m[3] !== undefined) {
    if (m[1] !== 'memfd') throw new Error('fill= applies to memfd only');
    if (!/^(0|1|0?\.\d+|1\.0*)$/.test(m[3])) throw new Error(`bad fill "${m[3]}": expected a fraction from 0 to 1`);
    fill = Number(m[3]);
  }
  return { create: { kind: m[1] as FileKind, size, fill, bdf: null }, label };
}

function seedFor(sys: LuoSystem, id: number): number {
  return mix32(id * 7919 + sys.kho.boot * 104729 + 1);
}

export function newFile(sys: LuoSystem, kind: FileKind, label: string | null): SimFile {
  const f: SimFile = {
    id: sys.nextFileId++,
    kind,
    label,
    boot: sys.kho.boot,
    open: true,
    luoRefs: 0,
    size: 0,
    pos: 0,
    runs: [],
    frozen: 0,
    pins: 0,
    seals: [],
    cloexec: false,
    bdf: null,
    origin: null,
    released: false,
  };
  sys.files[String(f.id)] = f;
  if (label) sys.labels[label] = f.id;
  return f;
}

/**
 * Creates the file the spec describes, as the holder process would (memfd_create, ftruncate, write
 * the first fill*pages pages). 'ENOMEM' when RAM outside scratch cannot hold the written pages.
 */
export function createFile(sys: LuoSystem, c: Extract<FileSpec, { create: unknown }>['create'], label: string | null): SimFile | 'ENOMEM' {
  let runs: SimFile['runs'] = [];
  if (c.kind === 'memfd') {
    const pages = Math.ceil(c.size / PAGE_SIZE);
    const written = Math.min(pages, Math.ceil(pages * c.fill));
    if (written > 0) {
      const id = sys.nextFileId;
      const seed = seedFor(sys, id);
      const ext = allocPages(sys.kho, written, { use: 'memfd-data', owner: `memfd #${id}${label ? ' @' + label : ''}` }, (first) => ({ t: 'data', seed, index: first }));
      if (!ext) return 'ENOMEM';
      let idx = 0;
      runs = ext.map((e) => {
        const r = { index: idx, count: e.pages, pa: e.pa };
        idx += e.pages;
        return r;
      });
    }
  }
  const f = newFile(sys, c.kind, label);
  f.size = c.size;
  f.runs = runs;
  f.bdf = c.bdf;
  return f;
}

/**
 * Resolves a spec to a file: creates it, or looks a label up. Null when the labelled file no
 * longer exists (closed, or from before the kexec): its descriptor gives -EBADF. Throws for a
 * label never defined.
 */
export function resolveFile(sys: LuoSystem, spec: FileSpec): SimFile | 'ENOMEM' | null {
  if ('ref' in spec) {
    const id = sys.labels[spec.ref];
    if (id === undefined) throw new Error(`unknown file label "@${spec.ref}"`);
    return sys.files[String(id)] ?? null;
  }
  return createFile(sys, spec.create, spec.label);
}

/** Whether a descriptor for this file can still be used (fget succeeds). */
export function fileUsable(sys: LuoSystem, f: SimFile | null): f is SimFile {
  return !!f && f.open && !f.released && f.boot === sys.kho.boot;
}

/** Drops references; frees the pages when nobody (process or LUO) holds the file any more. */
export function maybeRelease(sys: LuoSystem, f: SimFile): void {
  if (f.released || f.open || f.luoRefs > 0) return;
  f.released = true;
  for (const r of f.runs) {
    const e = extentAt(sys.kho, r.pa);
    // Preserved (or pinned) pages cannot be freed: a leak the UI shows.
    if (e && !e.preserved && !e.incoming && f.pins === 0) freeExtent(sys.kho, r.pa);
  }
}

/** Canonical description of a file's bytes: data segments [start, count, seed, srcIndex]; zero pages omitted. */
function segments(sys: LuoSystem, f: SimFile): number[] {
  const runs = [...f.runs].sort((a, b) => a.index - b.index);
  const segs: number[][] = [];
  for (const r of runs) {
    const e = extentAt(sys.kho, r.pa);
    const c = e ? e.content : ({ t: 'garbage' } as const);
    if (c.t === 'zero') continue;
    const seed = c.t === 'data' ? c.seed : -1;
    const src = c.t === 'data' ? c.index : r.pa / PAGE_SIZE;
    const last = segs[segs.length - 1];
    if (last && last[0] + last[1] === r.index && last[2] === seed && last[3] + last[1] === src) last[1] += r.count;
    else segs.push([r.index, r.count, seed, src]);
  }
  return [f.size % 2 ** 32, Math.floor(f.size / 2 ** 32), ...segs.flat()];
}

/** Digest of a file's contents and size (holes and zero pages read the same). */
export function fileDigest(sys: LuoSystem, f: SimFile): string {
  return fnv(segments(sys, f));
}

/** Per-page content hashes (0 for holes), for small files. */
export function pageHashes(sys: LuoSystem, f: SimFile, maxPages = 4096): number[] {
  const pages = Math.min(maxPages, Math.ceil(f.size / PAGE_SIZE));
  const out = new Array<number>(pages).fill(0);
  for (const r of f.runs) {
    const e = extentAt(sys.kho, r.pa);
    for (let k = 0; k < r.count && r.index + k < pages; k++) out[r.index + k] = e ? contentPageHash(e.content, k) : contentPageHash({ t: 'garbage' }, k);
  }
  return out;
}

/** Pages a memfd has no data page for. */
export function holePages(f: SimFile): number {
  const pages = Math.ceil(f.size / PAGE_SIZE);
  return pages - f.runs.reduce((s, r) => s + r.count, 0);
}
