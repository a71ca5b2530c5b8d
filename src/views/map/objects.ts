// The machine's objects as the map shows them: one entry per scenario object (range, region,
// namespace, dax device, CXL region, pool), with its extent on the map's compressed axis.
import type { MachineView } from '../../worker/protocol';

export interface MapObject {
  ref: string;
  label: string;
  cls: string;
  node: number;
  start: number;
  end: number;
  bytes: number;
}

export function mapObjects(m: MachineView): MapObject[] {
  const byRef = new Map<string, MapObject & { largest: number }>();
  for (const s of m.layout.spans) {
    const size = s.end - s.start;
    const o = byRef.get(s.ref);
    if (!o) {
      byRef.set(s.ref, { ref: s.ref, label: s.label, cls: s.cls, node: s.node, start: s.start, end: s.end, bytes: size, largest: size });
      continue;
    }
    o.start = Math.min(o.start, s.start);
    o.end = Math.max(o.end, s.end);
    o.bytes += size;
    // An object is named after its largest part: a namespace's data, not its info block.
    if (size > o.largest) Object.assign(o, { label: s.label, cls: s.cls, largest: size });
  }
  return [...byRef.values()].map(({ largest: _l, ...o }) => o).sort((a, b) => a.start - b.start);
}

/** Offset on the compressed axis of a physical address (a hole maps to the next segment). */
export function axisOffset(m: Pick<MachineView, 'segments' | 'axisBytes'>, address: number): number {
  for (const s of m.segments) if (address < s.end) return s.offset + Math.max(0, address - s.start);
  return m.axisBytes;
}
