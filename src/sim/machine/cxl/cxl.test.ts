import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveLayout } from '../derive';
import { addCxlRegion, removeCxlMemdev, setCxlInterleave, setSmdkMode } from '../edits';
import { cxlSchema } from '../schema-cxl';
import { presetMachine } from '../test-helpers';
import { CXL_GRANULARITIES, CXL_WAYS, checkCxlRegion, isValidGranularity, isValidWays, positionOf } from './rules';
import { smdkPlacement } from './smdk';

const G = 2 ** 30;

describe('CXL interleave values (drivers/cxl/cxl.h)', () => {
  it('accepts exactly 1,2,4,8,16 and 3,6,12 ways', () => {
    const ok = Array.from({ length: 20 }, (_, i) => i).filter(isValidWays);
    expect(ok).toEqual([1, 2, 3, 4, 6, 8, 12, 16]);
    expect([...CXL_WAYS].sort((a, b) => a - b)).toEqual(ok);
  });

  it('accepts power-of-two granularity from 256 B to 16 KiB', () => {
    expect(CXL_GRANULARITIES).toEqual([256, 512, 1024, 2048, 4096, 8192, 16384]);
    expect(isValidGranularity(128)).toBe(false);
    expect(isValidGranularity(32768)).toBe(false);
    expect(isValidGranularity(768)).toBe(false);
  });

  it('property: every position gets the same share of a region and positions repeat every ways x granularity', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CXL_WAYS), fc.constantFrom(...CXL_GRANULARITIES), fc.integer({ min: 0, max: 1 << 30 }), (ways, g, off) => {
        expect(positionOf(off, ways, g)).toBe(positionOf(off + ways * g, ways, g));
        const counts = new Array(ways).fill(0);
        for (let k = 0; k < ways * 4; k++) counts[positionOf(k * g, ways, g)]++;
        expect(new Set(counts).size).toBe(1);
      }),
    );
  });
});

function twoBridgeCxl() {
  return cxlSchema.parse({
    hostBridges: [{ id: 'hb0', socket: 0, node: 0 }, { id: 'hb1', socket: 0, node: 0 }],
    memdevs: [
      { id: 'mem0', ramBytes: '128G', attach: 'hb0' },
      { id: 'mem1', ramBytes: '128G', attach: 'hb1' },
      { id: 'mem2', ramBytes: '128G', attach: 'hb0' },
      { id: 'mem3', ramBytes: '128G', attach: 'hb1' },
    ],
    rootDecoders: [{ id: 'decoder0.0', start: '1T', size: '1T', ways: 2, granularity: 256, targets: ['hb0', 'hb1'] }],
  });
}

describe('CXL region rules (drivers/cxl/core/region.c)', () => {
  const cxl = twoBridgeCxl();
  const region = { id: 'region0', rootDecoder: 'decoder0.0', type: 'ram' as const, ways: 2, granularity: 256, start: 2 ** 40, size: 256 * G, targets: ['mem0', 'mem1'], dax: 'system-ram' as const, movable: true };
  const rules = (r: Partial<typeof region>) => checkCxlRegion({ ...region, ...r }, cxl, '$.cxl.regions[0]').map((v) => v.rule);

  it('the hb-interleave sample (2 x 128 GiB, 2-way, 256 B) is valid', () => {
    expect(rules({})).toEqual([]);
  });
  it('region granularity must equal the root granularity when host bridges interleave', () => {
    expect(rules({ granularity: 1024 })).toContain('cxl.granularity-matches-root');
  });
  it('region ways must be root ways times a power of two', () => {
    expect(rules({ ways: 4, targets: ['mem0', 'mem1', 'mem2', 'mem3'], size: 512 * G })).toEqual([]);
    expect(rules({ ways: 3, targets: ['mem0', 'mem1', 'mem2'], size: 768 * G })).toContain('cxl.ways-multiple-of-root');
    expect(rules({ ways: 5, targets: ['mem0', 'mem1', 'mem2', 'mem3', 'mem0'] })).toContain('cxl.ways');
  });
  it('size is a multiple of 256 MiB x ways and lies in the window; targets = ways', () => {
    expect(rules({ size: 384 * 2 ** 20 })).toContain('cxl.size');
    expect(rules({ start: 2 ** 40 + 900 * G })).toContain('cxl.size');
    expect(rules({ targets: ['mem0'] })).toContain('cxl.targets');
  });
});

describe('CXL in derived layouts', () => {
  it('a RAM region becomes a memory-only node in ZONE_MOVABLE via dax/kmem', () => {
    const l = deriveLayout(presetMachine('cxl-separate-nodes'));
    const n2 = l.nodes.find((n) => n.id === 2)!;
    expect(n2.kind).toBe('memory-only');
    expect(n2.zones).toEqual([{ zone: 'Movable', presentBytes: 128 * G, onlineBytes: 128 * G, hotRemovableBytes: 128 * G }]);
    expect(l.cxlRegions[0]).toMatchObject({ node: 2, zone: 'Movable', attachment: 'direct', placement: expect.stringContaining('CFMWS') });
  });

  it('SMDK group-node aggregates both devices of a socket into one node in ZONE_EXMEM', () => {
    const l = deriveLayout(presetMachine('cxl-smdk-group-node'));
    const n2 = l.nodes.find((n) => n.id === 2)!;
    const sep = deriveLayout(presetMachine('cxl-separate-nodes')).nodes.find((n) => n.id === 2)!;
    expect(n2.onlineBytes).toBe(256 * G);
    expect(n2.zones.map((z) => z.zone)).toEqual(['ExMem']);
    expect(n2.bandwidthMiBps).toBeCloseTo(2 * sep.bandwidthMiBps, 6);
    expect(l.cxlRegions.map((r) => r.node)).toEqual([2, 2, 3, 3]);
  });

  it('SMDK placement rules for each grouping mode', () => {
    expect(smdkPlacement({ mode: 'group-zone', version: 'v1' }, 1, 3, 2)).toMatchObject({ node: 1, zone: 'ExMem' });
    expect(smdkPlacement({ mode: 'group-node', version: 'v2' }, 1, 3, 2)).toMatchObject({ node: 3, zone: 'Movable' });
    expect(smdkPlacement({ mode: 'group-noop', version: 'v1' }, 1, 3, 2)).toMatchObject({ node: 5 });
    expect(smdkPlacement({ mode: 'group-dax', version: 'v1' }, 1, 3, 2)).toMatchObject({ node: null, zone: 'Device' });
  });

  it('switching a preset to group-zone puts CXL in the socket node as a separate zone', () => {
    const r = setSmdkMode(presetMachine('cxl-smdk-group-node'), { mode: 'group-zone', version: 'v1' });
    if (!r.ok) throw new Error(r.error.message);
    const n0 = deriveLayout(r.machine).nodes.find((n) => n.id === 0)!;
    expect(n0.zones.map((z) => z.zone)).toEqual(['DMA', 'DMA32', 'Normal', 'ExMem']);
  });

  it('a switch adds its hop latency; private and shared devices at one distance differ by type only', () => {
    const l = deriveLayout(presetMachine('cxl-shared-two-hosts'));
    const [shared, priv] = l.cxlRegions;
    expect(shared).toMatchObject({ sharing: 'shared', attachment: 'switch', zone: 'Device' });
    expect(priv).toMatchObject({ sharing: 'private', attachment: 'switch', zone: 'Movable', node: 1 });
    expect(shared.addedLatencyNs).toBe(180);
    expect(priv.latencyNs).toBe(90 + 80 + 100);
    expect(shared.hosts.map((h) => h.id)).toEqual(['local', 'host-b']);
    expect(shared.hosts[1].hpaStart).toBe(2 * 2 ** 40);
    expect(l.warnings.filter((w) => w.severity === 'error')).toEqual([]);
  });

  it('refuses onlining a shared region as System RAM on a second host', () => {
    const r = setCxlInterleave(presetMachine('cxl-shared-two-hosts'), 'region0', { dax: 'system-ram', node: 0 });
    expect(r).toMatchObject({ ok: false, error: { rule: 'cxl.shared-not-kmem' } });
  });

  it('edits: refuses bad ways/granularity and over-committed DPA, and removing a memdev in use', () => {
    const m = presetMachine('cxl-separate-nodes');
    expect(setCxlInterleave(m, 'region0', { ways: 5 })).toMatchObject({ ok: false, error: { rule: 'cxl.ways' } });
    expect(setCxlInterleave(m, 'region0', { granularity: 100 })).toMatchObject({ ok: false, error: { rule: 'cxl.granularity' } });
    expect(setCxlInterleave(m, 'region0', { granularity: 4096 })).toMatchObject({ ok: true });
    const extra = { id: 'region9', rootDecoder: 'decoder0.0', type: 'ram' as const, ways: 1, granularity: 256, start: 4 * 2 ** 40 + 128 * G, size: 128 * G, targets: ['mem0'], dax: 'devdax' as const, movable: true };
    expect(addCxlRegion(m, extra)).toMatchObject({ ok: false, error: { rule: 'cxl.dpa' } });
    expect(removeCxlMemdev(m, 'mem0')).toMatchObject({ ok: false, error: { rule: 'cxl.targets' } });
  });
});
