// The machine side of the worker: derived layout, the real commands, map tiles and edits.
import { applyEditOp, buildTileIndex, commandsFor, computeTile, deriveLayout, laneIndex, offsetOf, packTile, addressAt } from '../sim/machine';
import type { EditOp, Machine, TileIndex } from '../sim/machine';
import type { EditResult } from '../sim/machine/edits/result';
import type { MachineView, MapPoint } from './protocol';

export const MAP_TILE_PX = 256;

export class MachineHost {
  readonly view: MachineView;
  private readonly global: TileIndex;
  private readonly lanes = new Map<number, TileIndex>();

  constructor(private readonly machine: Machine) {
    const layout = deriveLayout(machine);
    this.global = buildTileIndex(layout);
    this.view = { layout, commands: commandsFor(machine), axisBytes: this.global.totalBytes, segments: this.global.segments };
  }

  tile(node: number | null, level: number, index: number): Uint32Array {
    let idx = this.global;
    if (node !== null) {
      idx = this.lanes.get(node) ?? laneIndex(this.global, node);
      this.lanes.set(node, idx);
    }
    const start = index * MAP_TILE_PX * 2 ** level;
    return packTile(computeTile(idx, { start, log2BytesPerPixel: level, width: MAP_TILE_PX }));
  }

  point(offset: number): MapPoint {
    const address = addressAt(this.global, offset);
    const spans = this.view.layout.spans;
    let lo = 0;
    let hi = spans.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (spans[mid].start <= address) lo = mid;
      else hi = mid - 1;
    }
    const s = spans[lo];
    const hit = s && s.start <= address && address < s.end ? s : null;
    return {
      address,
      span: hit && { start: hit.start, end: hit.end, cls: hit.cls, label: hit.label, node: hit.node, zone: hit.zone, ref: hit.ref },
    };
  }

  offsetOf(address: number): number {
    return offsetOf(this.global, address);
  }

  edit(op: EditOp): EditResult {
    return applyEditOp(this.machine, op);
  }
}
