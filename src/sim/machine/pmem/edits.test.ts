import { describe, expect, it } from 'vitest';
import { deriveLayout } from '../derive';
import { addNamespace, reconfigureNamespace, removeDimm, removeNamespace, removeRegion, resizeRegion, splitRegion } from '../edits';
import { presetMachine } from '../test-helpers';
import { machineSchema } from '../schema';
import { commandsFor } from '../commands';

const G = 2 ** 30;
const M = 2 ** 20;

describe('pmem edits', () => {
  const m = presetMachine('two-socket-dram-optane');

  it('refuses a namespace that does not start on a 16 MiB boundary, naming the rule', () => {
    const r = reconfigureNamespace(m, 'namespace0.1', { start: 2 ** 40 + 1020 * G + 2 * M });
    expect(r).toMatchObject({ ok: false, error: { rule: 'pmem.ns-start-16M', path: '$.pmem.namespaces[1].start' } });
    if (!r.ok) expect(r.error.message).toMatch(/^fsdax and devdax namespaces must start on a 16 MiB boundary/);
  });

  it('changing the map moves struct pages from the device to RAM', () => {
    const r = reconfigureNamespace(m, 'namespace0.0', { map: 'mem' });
    if (!r.ok) throw new Error(r.error.message);
    const before = deriveLayout(m).nodes[0];
    const after = deriveLayout(r.machine).nodes[0];
    const ns = deriveLayout(r.machine).regions[0].namespaces[0];
    expect(ns.metadataLocation).toBe('ram');
    expect(ns.dataOffsetBytes).toBe(2 * M);
    expect(after.structPageInRamBytes - before.structPageInRamBytes).toBe(ns.structPageBytes);
    expect(after.usableBytes).toBe(before.usableBytes - ns.structPageBytes);
  });

  it('refuses sizes that are not a multiple of ways x align, --map on sector, and overlaps', () => {
    expect(reconfigureNamespace(m, 'namespace0.1', { size: 420 * G + 2 * M })).toMatchObject({ ok: false, error: { rule: 'pmem.ns-size-multiple' } });
    expect(reconfigureNamespace(m, 'namespace0.1', { mode: 'sector', map: 'mem' })).toMatchObject({ ok: false, error: { rule: 'pmem.ns-map-mode' } });
    expect(reconfigureNamespace(m, 'namespace0.0', { size: 1032 * G })).toMatchObject({ ok: false, error: { rule: 'pmem.ns-overlap' } });
  });

  it('sector mode drops the devdax device and keeps BTT metadata on the namespace', () => {
    const r = reconfigureNamespace(m, 'namespace0.1', { mode: 'sector' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.machine.dax?.some((d) => d.id === 'dax0.1')).toBe(false);
    const ns = deriveLayout(r.machine).regions[0].namespaces[1];
    expect(ns.npfns).toBeNull();
    expect(ns.usableBytes + ns.metadataBytes).toBe(420 * G);
  });

  it('refuses removing a DIMM in a region and a region with namespaces; allows after removal', () => {
    expect(removeDimm(m, 'nmem0')).toMatchObject({ ok: false, error: { rule: 'pmem.dimm-in-use' } });
    expect(removeRegion(m, 'region1')).toMatchObject({ ok: false, error: { rule: 'pmem.region-busy' } });
    expect(resizeRegion(m, 'region1', 100 * G)).toMatchObject({ ok: false, error: { rule: 'pmem.region-busy' } });
    const a = removeNamespace(m, 'namespace1.0');
    if (!a.ok) throw new Error(a.error.message);
    expect(removeRegion(a.machine, 'region1').ok).toBe(true);
  });

  it('adds a namespace in free space at a 16 MiB boundary', () => {
    const a = removeNamespace(m, 'namespace0.1');
    if (!a.ok) throw new Error(a.error.message);
    const r = addNamespace(a.machine, { id: 'namespace0.1', region: 'region0', size: 12 * G, mode: 'fsdax', align: 2 * M, map: 'dev', sectorSize: 4096 });
    if (!r.ok) throw new Error(r.error.message);
    const ns = r.machine.pmem!.namespaces.find((n) => n.id === 'namespace0.1')!;
    expect(ns.start).toBe(2 ** 40 + 1020 * G);
  });
});

describe('carve-outs for live update', () => {
  it('nd_e820 (PROPOSED): 176 shards of exactly 1 GiB, no labels, no info block', () => {
    const l = deriveLayout(presetMachine('carveout-1g-shards-nd-e820'));
    const r = l.regions[0];
    expect(r.status).toBe('proposed');
    expect(r.namespaces).toHaveLength(176);
    expect(r.namespaces.every((n) => n.usableBytes === G && n.dataOffsetBytes === 0 && n.metadataLocation === 'ram')).toBe(true);
    expect(r.namespaces[1].start).toBe(0x480000000); // dax2.0 in the real /proc/iomem excerpt
    expect(l.totals.labelBytes).toBe(0);
  });

  it('ramdax (6.19): 128 KiB of labels at the end leave room for 175 whole 1 GiB namespaces', () => {
    const m = presetMachine('carveout-1g-shards-ramdax');
    const l = deriveLayout(m);
    const r = l.regions[0];
    expect(r.status).toBe('merged-6.19');
    expect(r.available).toBe(176 * G - 128 * 1024);
    expect(r.namespaces).toHaveLength(175);
    expect(r.namespaces[0]).toMatchObject({ dataOffsetBytes: 2 * M, usableBytes: G - 2 * M, structPageBytes: (G - 2 * M) / 64 });
    expect(l.warnings.filter((w) => w.severity === 'error')).toEqual([]);
    // a 176th namespace would run into the label area
    const more = addNamespace(m, { id: 'namespace0.175', region: 'region0', start: 17 * G + 175 * G, size: G, mode: 'devdax', align: 2 * M, map: 'mem', sectorSize: 4096 });
    expect(more).toMatchObject({ ok: false, error: { rule: 'pmem.ramdax-label-area' } });
  });

  it('splitting a free region into shards makes many namespaces and is refused when nothing fits', () => {
    const m = presetMachine('carveout-1g-shards-ramdax');
    const cleared = { ...m, pmem: { ...m.pmem!, namespaces: [] } };
    const r = splitRegion(cleared, 'region0', 2 * G, { mode: 'devdax', align: G, map: 'mem' });
    if (!r.ok) throw new Error(r.error.message);
    const l = deriveLayout(r.machine);
    expect(l.regions[0].namespaces).toHaveLength(87);
    expect(l.regions[0].namespaces[0]).toMatchObject({ dataOffsetBytes: G, usableBytes: G });
    expect(splitRegion(r.machine, 'region0', 2 * G, { mode: 'devdax', align: G, map: 'mem' }).ok).toBe(false);
  });
});

describe('label-less e820 regions', () => {
  const m = machineSchema.parse({
    name: 'e820',
    nodes: [{ id: 0, cpus: [0] }],
    ranges: [
      { id: 'ram', start: '4G', size: '8G', type: 'system-ram', node: 0 },
      { id: 'legacy', start: '12G', size: '4G', type: 'persistent-legacy', node: 0 },
    ],
    pmem: { regions: [{ id: 'region0', provider: 'e820', start: '12G', size: '4G', node: 0 }] },
  });

  it('the kernel creates one region-sized raw namespace by itself', () => {
    const ns = deriveLayout(m).regions[0].namespaces;
    expect(ns).toHaveLength(1);
    expect(ns[0]).toMatchObject({ id: 'namespace0.0', implicit: true, mode: 'raw', size: 4 * G, labelled: false });
  });

  it('its mode can change, its size cannot, and it cannot be destroyed', () => {
    const listed = machineSchema.parse({ ...m, pmem: { ...m.pmem!, namespaces: [{ id: 'namespace0.0', region: 'region0', start: '12G', size: '4G', mode: 'raw' }] } });
    const dev = reconfigureNamespace(listed, 'namespace0.0', { mode: 'devdax' });
    expect(dev.ok).toBe(true);
    expect(reconfigureNamespace(listed, 'namespace0.0', { size: 2 * G })).toMatchObject({ ok: false, error: { rule: 'pmem.labelless-fixed' } });
    expect(removeNamespace(listed, 'namespace0.0')).toMatchObject({ ok: false, error: { rule: 'pmem.labelless-fixed' } });
    if (dev.ok) expect(commandsFor(dev.machine).ndctl).toEqual(['ndctl create-namespace --reconfig=namespace0.0 --mode=devdax --align=2M --map=dev --force']);
    expect(commandsFor(listed).kernelCmdline).toEqual(['memmap=4G!12G']);
  });
});
