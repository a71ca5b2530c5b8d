// Structural invariants of a system, checked by the property tests (and usable as a debug aid in
// the app): each returns a list of violations, empty when the state is valid.
import { PAGE_SIZE } from '../kho/constants';
import type { KhoState } from '../kho/types';
import type { LuoSystem } from './types';

export function khoInvariants(kho: KhoState): string[] {
  const out: string[] = [];
  const ex = Object.values(kho.extents).sort((a, b) => a.pa - b.pa);
  for (let i = 1; i < ex.length; i++) if (ex[i - 1].pa + ex[i - 1].pages * PAGE_SIZE > ex[i].pa) out.push(`extents overlap at 0x${ex[i].pa.toString(16)}`);
  for (const e of ex) {
    for (const s of kho.scratch) if (e.pa < s.start + s.size && s.start < e.pa + e.pages * PAGE_SIZE) out.push(`extent 0x${e.pa.toString(16)} (${e.use}) lies in scratch`);
    if (e.preserved && e.incoming) out.push(`extent 0x${e.pa.toString(16)} is both preserved and incoming`);
  }
  // Page accounting: allocated + free is constant within one boot.
  const allocated = ex.reduce((s, e) => s + e.pages, 0);
  const capacity = kho.alloc.freePages + allocated;
  let ram = 0;
  for (const n of kho.machine.nodes) ram += n.size;
  const reserved = kho.machine.kernelImage.size + kho.scratch.reduce((s, r) => s + r.size, 0);
  if (capacity > (ram - reserved) / PAGE_SIZE) out.push(`page accounting: ${capacity} pages exceed usable RAM`);
  return out;
}

export function luoInvariants(sys: LuoSystem): string[] {
  const out = khoInvariants(sys.kho);
  if (sys.rfc) {
    const s = sys.rfc;
    const tokens = new Set<number>();
    for (const f of s.files) {
      if (tokens.has(f.token)) out.push(`duplicate token ${f.token}`);
      tokens.add(f.token);
      if (f.token >= s.nextToken) out.push(`token ${f.token} >= next token ${s.nextToken}`);
      if (!sys.files[String(f.fileId)]) out.push(`token ${f.token} refers to a missing file`);
    }
    if (s.state === 'prepared' && s.files.some((f) => f.phase !== 'prepared')) out.push('PREPARED with a file not prepared');
    if (s.state === 'frozen' && s.files.some((f) => f.phase !== 'frozen')) out.push('FROZEN with a file not frozen');
    if ((s.state === 'normal' || s.state === 'updated') && s.files.some((f) => f.phase === 'frozen')) out.push(`${s.state} with a frozen file`);
    if ((s.state === 'prepared' || s.state === 'frozen') && s.luoFdtPa === null) out.push(`${s.state} without a LUO FDT`);
    if (s.state !== 'updated' && s.incomingFiles.length) out.push(`incoming files outside UPDATED`);
    if (s.subsystems.length > 16) out.push('more than 16 selftest subsystems');
  }
  if (sys.ml) {
    const m = sys.ml;
    const names = new Set<string>();
    for (const s of m.outgoing) {
      if (names.has(s.name)) out.push(`duplicate outgoing session ${s.name}`);
      names.add(s.name);
      if (!s.fdOpen) out.push(`outgoing session ${s.name} without a descriptor`);
      if (s.files.length > sys.limits.filesMax) out.push(`session ${s.name} over the file limit`);
      const toks = new Set<number>();
      for (const f of s.files) {
        if (toks.has(f.token)) out.push(`duplicate token in ${s.name}`);
        toks.add(f.token);
        const file = f.fileId !== null ? sys.files[String(f.fileId)] : undefined;
        if (!file || file.luoRefs < 1) out.push(`${s.name}/0x${f.token.toString(16)}: LUO holds no reference on its file`);
        if (f.frozen) out.push(`${s.name}/0x${f.token.toString(16)} is frozen while the system runs`);
      }
    }
    if (m.outgoing.length > sys.limits.sessionsMax) out.push('over the session limit');
    const inNames = new Set<string>();
    for (const s of m.incoming) {
      if (inNames.has(s.name)) out.push(`duplicate incoming session ${s.name}`);
      inNames.add(s.name);
      if (s.fdOpen && !s.retrieved) out.push(`incoming session ${s.name} has a descriptor but is not retrieved`);
    }
    if (m.deviceOpen && (!m.deserialized || m.deserializeErr)) out.push('device open without a successful deserialization');
  }
  return out;
}
