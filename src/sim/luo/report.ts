// What retrieve/restore print about a file the new kernel handed back.
import { fileDigest } from './files';
import type { LuoSystem, SimFile } from './types';

export function fileReport(sys: LuoSystem, f: SimFile): Record<string, string | number> {
  if (f.kind === 'vfio') return { file: 'vfio', bdf: f.bdf ?? '?' };
  const digest = fileDigest(sys, f);
  const expect = f.origin ? sys.oracle[f.origin] : undefined;
  return { size: f.size, pos: f.pos, digest, intact: expect === undefined ? 'unknown' : expect === digest ? 'yes' : 'no' };
}
