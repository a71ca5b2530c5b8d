// Blackout-timeline inputs from a live system: what would be frozen, serialized and retrieved if
// the kexec happened now.
import { blockRuns, trackerSize } from '../kho/tracker';
import type { BlackoutInput } from './blackout';
import type { LuoSystem } from './types';

export function blackoutInput(sys: LuoSystem): BlackoutInput {
  const files = sys.rfc ? sys.rfc.files : sys.ml!.outgoing.flatMap((s) => s.files);
  let folios = 0;
  for (const f of files) {
    const file = f.fileId !== null ? sys.files[String(f.fileId)] : undefined;
    if (file && file.kind === 'memfd') folios += file.runs.reduce((s, r) => s + r.count, 0);
  }
  const runs = blockRuns(Object.values(sys.kho.extents));
  const v = sys.kho.version;
  return {
    sessions: sys.ml ? sys.ml.outgoing.length : 0,
    files: files.length,
    folios,
    holePages: sys.holePagesFilled,
    preservedBlocks: runs.reduce((s, r) => s + r.count, 0),
    trackerBitmaps: v === 'radix' ? 0 : trackerSize(runs, v).bitmaps,
  };
}
