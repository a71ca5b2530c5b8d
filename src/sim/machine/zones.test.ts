import { describe, expect, it } from 'vitest';
import { kernelBlockSize, wholeBlocks } from './blocks';
import { deriveLayout } from './derive';
import { setBlocks, setDaxMode } from './edits';
import { machineSchema } from './schema';
import { presetMachine } from './test-helpers';
import { ZONE_RULES, movableRatioPercent, zoneIsHotRemovable, zoneServesKernel } from './zones';

const G = 2 ** 30;
const M = 2 ** 20;

describe('zone rules', () => {
  it('kernel allocations only outside ZONE_MOVABLE; only Movable is reliably hot-removable', () => {
    expect(zoneServesKernel('Normal')).toBe(true);
    expect(zoneServesKernel('Movable')).toBe(false);
    expect(zoneServesKernel('Device')).toBe(false);
    expect(zoneIsHotRemovable('Movable')).toBe(true);
    expect(zoneIsHotRemovable('Normal')).toBe(false);
    expect(ZONE_RULES.ExMem.kernelAllocs).toBe('by-caller');
  });

  it('movable ratio in auto_movable_ratio units', () => {
    expect(movableRatioPercent(3 * G, G)).toBe(300);
    expect(movableRatioPercent(G, 0)).toBe(Infinity);
  });
});

describe('memory blocks', () => {
  it('x86 block size: 128 MiB below 64 GiB, 2 GiB on bare metal, end-of-memory alignment in a VM', () => {
    expect(kernelBlockSize('bare-metal', 32 * G).bytes).toBe(128 * M);
    expect(kernelBlockSize('bare-metal', 136 * G).bytes).toBe(2 * G);
    expect(kernelBlockSize('vm', 64 * G + 512 * M).bytes).toBe(512 * M);
    expect(kernelBlockSize('vm', 64 * G + 512 * M, 256 * M).bytes).toBe(256 * M);
  });

  it('kmem keeps whole blocks only (504 of 512 real example shape)', () => {
    expect(wholeBlocks(G + 4096, 3 * G, 128 * M)).toMatchObject({ count: 15, start: G + 128 * M, end: 3 * G });
    expect(wholeBlocks(G + 4096, G + 100 * M, 128 * M)).toBeNull();
  });
});

describe('kmem zones in derived layouts', () => {
  it('devdax as System RAM goes to ZONE_MOVABLE by default and to ZONE_NORMAL with --no-movable', () => {
    const layout = deriveLayout(presetMachine('devdax-system-ram'));
    const node3 = layout.nodes.find((n) => n.id === 3)!;
    expect(node3.kind).toBe('memory-only');
    expect(node3.zones.map((z) => z.zone)).toEqual(['Movable']);
    expect(node3.hotRemovableBytes).toBe(node3.onlineBytes);
    const node2 = layout.nodes.find((n) => n.id === 2)!;
    expect(node2.zones.map((z) => z.zone)).toEqual(['Normal']);
    expect(node2.hotRemovableBytes).toBe(0);
    expect(layout.warnings.some((w) => w.rule === 'kmem.no-movable' && w.path === '$.dax[1]')).toBe(true);
    // the namespace data does not start on a 2 GiB block edge: kmem trims it
    const dax = layout.dax.find((d) => d.id === 'dax1.0')!;
    expect(dax.kmem!.start % (2 * G)).toBe(0);
    expect(dax.kmem!.trimmedBytes).toBeGreaterThan(0);
    expect(dax.kmem!.trimmedBytes).toBeLessThan(4 * G);
  });

  it('kmem memmap lives in RAM of the nearest CPU node unless memmap_on_memory is on in both places', () => {
    const m = presetMachine('devdax-system-ram');
    const before = deriveLayout(m);
    expect(before.dax[0].kmem!.memmapLocation).toBe('ram');
    expect(before.dax[0].kmem!.memmapNode).toBe(1);
    const withParam = machineSchema.parse({ ...m, kernel: { hotplug: { memmapOnMemory: true } } });
    const on = setDaxMode(withParam, 'dax1.0', { memmapOnMemory: true, online: false });
    expect(on.ok).toBe(true);
    if (!on.ok) return;
    const after = deriveLayout(on.machine);
    expect(after.dax[0].kmem!.zone).toBe('offline');
  });

  it('memmap_on_memory puts 1/64 of every block on the device and frees node RAM', () => {
    const base = presetMachine('devdax-system-ram');
    const m = machineSchema.parse({ ...base, kernel: { hotplug: { memmapOnMemory: true } }, dax: base.dax!.map((d) => ({ ...d, memmapOnMemory: true })) });
    const a = deriveLayout(base).nodes.find((n) => n.id === 1)!;
    const l = deriveLayout(m);
    const b = l.nodes.find((n) => n.id === 1)!;
    expect(l.dax[0].kmem!.memmapLocation).toBe('device');
    expect(l.dax[0].kmem!.memmapBytes).toBe(l.dax[0].kmem!.blocks * 32 * M);
    expect(b.usableBytes - a.usableBytes).toBe(l.dax[0].kmem!.memmapBytes);
    const n3 = l.nodes.find((n) => n.id === 3)!;
    expect(n3.usableBytes).toBe(n3.onlineBytes - l.dax[0].kmem!.memmapBytes);
  });

  it('auto-online to a kernel zone overrides daxctl and is warned about', () => {
    const base = presetMachine('devdax-system-ram');
    const m = machineSchema.parse({ ...base, kernel: { hotplug: { autoOnlineBlocks: 'online_kernel' } } });
    const l = deriveLayout(m);
    expect(l.nodes.find((n) => n.id === 3)!.zones.map((z) => z.zone)).toEqual(['Normal']);
    expect(l.warnings.filter((w) => w.rule === 'hotplug.auto-online')).toHaveLength(2);
  });

  it('warns when MOVABLE:KERNEL passes auto_movable_ratio', () => {
    const l = deriveLayout(presetMachine('cxl-separate-nodes'));
    expect(l.totals.movableRatioPercent).toBeCloseTo(100, 0);
    expect(l.warnings.some((w) => w.rule === 'zone.movable-ratio')).toBe(false);
    const base = presetMachine('cxl-separate-nodes');
    const strict = machineSchema.parse({ ...base, kernel: { hotplug: { autoMovableRatio: 50 } } });
    expect(deriveLayout(strict).warnings.some((w) => w.rule === 'zone.movable-ratio')).toBe(true);
  });
});

describe('block edits', () => {
  const m = presetMachine('two-socket-dram-optane');
  it('offlines a Normal block with a warning, and splits the range', () => {
    const r = setBlocks(m, 10 * G, 2, { online: false });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings.some((w) => w.rule === 'zone.only-movable-removable')).toBe(true);
    const pieces = r.machine.ranges.filter((x) => x.id.startsWith('node0-ram'));
    expect(pieces.map((p) => [p.start / G, p.size / G, p.online])).toEqual([[4, 6, true], [10, 4, false], [14, 180, true]]);
    const node0 = deriveLayout(r.machine).nodes[0];
    expect(node0.offlineBytes).toBe(4 * G);
  });

  it('refuses unaligned blocks, ZONE_DEVICE, and a zone change while online', () => {
    expect(setBlocks(m, 10 * G + M, 1, { online: false })).toMatchObject({ ok: false, error: { rule: 'block.align' } });
    expect(setBlocks(m, 10 * G, 1, { online: true, zone: 'Device' })).toMatchObject({ ok: false, error: { rule: 'zone.allowed' } });
    expect(setBlocks(m, 10 * G, 1, { online: true, zone: 'Movable' })).toMatchObject({ ok: false, error: { rule: 'zone.online-movable-adjacent' } });
  });

  it('online_movable after offline moves the blocks to ZONE_MOVABLE and makes them hot-removable', () => {
    const off = setBlocks(m, 10 * G, 2, { online: false });
    if (!off.ok) throw new Error(off.error.message);
    const mov = setBlocks(off.machine, 10 * G, 2, { online: true, zone: 'Movable' });
    if (!mov.ok) throw new Error(mov.error.message);
    const node0 = deriveLayout(mov.machine).nodes[0];
    expect(node0.movableBytes).toBe(4 * G);
    expect(node0.hotRemovableBytes).toBe(4 * G);
  });

  it('refuses blocks over pmem (not boot System RAM)', () => {
    expect(setBlocks(m, 2 ** 40, 1, { online: false })).toMatchObject({ ok: false, error: { rule: 'block.system-ram' } });
  });
});
