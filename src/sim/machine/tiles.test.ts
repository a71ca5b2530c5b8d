import { describe, expect, it } from 'vitest';
import { CLASS_CODE } from './addressmap';
import { bigMachine } from './big-machine';
import { deriveLayout } from './derive';
import { machineSchema } from './schema';
import { addressAt, buildTileIndex, computeTile, offsetOf } from './tiles';

const G = 2 ** 30;

function tinyMachine() {
  return machineSchema.parse({
    name: 'tiny',
    nodes: [{ id: 0, cpus: [0] }],
    ranges: [
      { id: 'a', start: 0, size: 16 * G, type: 'system-ram', node: 0, zone: 'Normal' },
      // a single 4 KiB reserved page inside a sea of RAM, then a 1 TiB hole
      { id: 'tiny', start: 16 * G, size: 4096, type: 'reserved', node: 0 },
      { id: 'b', start: 16 * G + 4096, size: 16 * G - 4096, type: 'system-ram', node: 0, zone: 'Movable' },
      { id: 'far', start: 2 ** 40, size: 32 * G, type: 'system-ram', node: 0, zone: 'Normal' },
    ],
  });
}

describe('map tiles', () => {
  it('compresses holes: 64 GiB of content on a 1 TiB span gives one break mark', () => {
    const index = buildTileIndex(deriveLayout(tinyMachine()));
    expect(index.totalBytes).toBe(64 * G);
    expect(index.segments).toHaveLength(2);
    const tile = computeTile(index, { start: 0, log2BytesPerPixel: 26, width: 1024 }); // 64 MiB/px
    expect(tile.holes).toEqual([512]);
    expect(tile.segments.map((s) => s.address)).toEqual([0, 2 ** 40]);
    expect(addressAt(index, 40 * G)).toBe(2 ** 40 + 8 * G);
    expect(offsetOf(index, 2 ** 40 + 8 * G)).toBe(40 * G);
  });

  it('keeps a 4 KiB range visible through the any-mask at a coarse zoom, and dominant at 4 KiB/px', () => {
    const index = buildTileIndex(deriveLayout(tinyMachine()));
    const coarse = computeTile(index, { start: 0, log2BytesPerPixel: 30, width: 64 });
    const withTiny = [...coarse.any].map((m, x) => ((m >> CLASS_CODE.reserved) & 1 ? x : -1)).filter((x) => x >= 0);
    expect(withTiny).toEqual([16]);
    expect(coarse.kind[16]).toBe(CLASS_CODE['system-ram']);
    const fine = computeTile(index, { start: 16 * G - 4096, log2BytesPerPixel: 12, width: 3 });
    expect([...fine.kind]).toEqual([CLASS_CODE['system-ram'], CLASS_CODE.reserved, CLASS_CODE['system-ram']]);
    // zone codes: Normal (3), none, Movable (4)
    expect([...fine.zone]).toEqual([3, 0, 4]);
  });

  it('pixels past the end of the axis stay empty', () => {
    const index = buildTileIndex(deriveLayout(tinyMachine()));
    const t = computeTile(index, { start: 60 * G, log2BytesPerPixel: 30, width: 8 });
    expect([...t.kind].slice(4)).toEqual([0, 0, 0, 0]);
    expect(t.any[3]).not.toBe(0);
  });

  it('handles the 64 TiB machine: every pixel of the whole-machine tile is covered', () => {
    const layout = deriveLayout(bigMachine());
    expect(Math.max(...layout.spans.map((s) => s.end))).toBe(64 * 2 ** 40);
    const index = buildTileIndex(layout);
    const bpp = Math.ceil(Math.log2(index.totalBytes / 1024));
    const tile = computeTile(index, { start: 0, log2BytesPerPixel: bpp, width: 1024 });
    const used = Math.ceil(index.totalBytes / 2 ** bpp);
    expect([...tile.kind.slice(0, used)].every((k) => k !== 0)).toBe(true);
    const lane = buildTileIndex(layout, { node: 5 });
    expect(lane.totalBytes).toBe(2 ** 40);
  });
});
