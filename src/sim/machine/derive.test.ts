import { readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandsFor } from './commands';
import { deriveLayout } from './derive';
import { machineSchema } from './schema';
import { presetMachine } from './test-helpers';

const G = 2 ** 30;
const presets = readdirSync(path.resolve(__dirname, '../../scenarios'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));

describe('deriveLayout on every preset', () => {
  it.each(presets)('%s: no rule is broken, spans are sorted and disjoint, totals add up', (slug) => {
    const l = deriveLayout(presetMachine(slug));
    expect(l.warnings.filter((w) => w.severity === 'error')).toEqual([]);
    for (let i = 1; i < l.spans.length; i++) expect(l.spans[i].start).toBeGreaterThanOrEqual(l.spans[i - 1].end);
    expect(l.totals.capacityBytes).toBe(l.nodes.reduce((a, n) => a + n.capacityBytes, 0));
    for (const n of l.nodes) {
      expect(n.usableBytes).toBeLessThanOrEqual(n.onlineBytes);
      expect(n.zones.reduce((a, z) => a + z.onlineBytes, 0)).toBe(n.onlineBytes);
    }
    // plain data: survives JSON
    expect(JSON.parse(JSON.stringify(l.totals))).toEqual(l.totals);
  });
});

describe('two-socket DRAM + Optane', () => {
  const l = deriveLayout(presetMachine('two-socket-dram-optane'));
  it('puts fsdax/devdax data in ZONE_DEVICE of the socket node and 1/64 on the device', () => {
    const n0 = l.nodes[0];
    const ns = l.regions[0].namespaces;
    expect(n0.deviceBytes).toBe(ns[0].usableBytes + ns[1].usableBytes);
    expect(n0.structPageOnDeviceBytes).toBe(ns[0].structPageBytes + ns[1].structPageBytes);
    expect(ns[0].structPageBytes / ns[0].usableBytes).toBeCloseTo(1 / 64, 6);
    expect(l.regions[0].labelBytesOutOfRange).toBe(6 * 128 * 1024);
    expect(l.regions[0].dimmMappings[5]).toMatchObject({ dimm: 'nmem5', offset: 256 * 2 ** 20, length: 267361714176, position: 5 });
  });
  it('uses 2 GiB memory blocks like the kernel would on this bare-metal box', () => {
    expect(l.memoryBlock).toMatchObject({ bytes: 2 * G, kernelWouldPickBytes: 2 * G });
  });
  it('prints the ndctl commands', () => {
    expect(commandsFor(presetMachine('two-socket-dram-optane')).ndctl).toEqual([
      'ndctl create-namespace --region=region0 --mode=fsdax --size=1020G --align=2M --map=dev',
      'ndctl create-namespace --region=region0 --mode=devdax --size=420G --align=2M --map=dev',
      'ndctl create-namespace --region=region1 --mode=devdax --size=1440G --align=1G --map=dev',
    ]);
  });
});

describe('DRAM pool', () => {
  it('hands out aligned pages to hugetlb, guest_memfd and memfd, outside the page allocator', () => {
    const l = deriveLayout(presetMachine('dram-pool-hugetlb-guestmemfd-memfd'));
    const p = l.pools[0];
    expect(p.consumers.map((c) => [c.kind, c.pages])).toEqual([['hugetlb', 256], ['guest_memfd', 48 * 1024], ['memfd', 4 * 2 ** 20]]);
    expect(p.freeBytes).toBe(16 * G);
    expect(p.consumers[0].start % G).toBe(0);
    // DMA + DMA32 + the 124 GiB of Normal the pool leaves to the page allocator
    expect(l.nodes[0].onlineBytes).toBe(0x9f000 + 2 * G - 2 ** 20 + 124 * G);
    expect(commandsFor(presetMachine('dram-pool-hugetlb-guestmemfd-memfd')).kernelCmdline).toEqual(['memmap=384G$64G', 'kho=on', 'kho_scratch=64M,1G,512M']);
  });
  it('refuses a consumer that does not fit', () => {
    const m = presetMachine('dram-pool-hugetlb-guestmemfd-memfd');
    const big = machineSchema.parse({ ...m, pools: [{ ...m.pools![0], consumers: [...m.pools![0].consumers, { id: 'x', kind: 'memfd', bytes: '32G', pageBytes: '4K' }] }] });
    expect(deriveLayout(big).warnings.some((w) => w.rule === 'pool.overflow' && w.severity === 'error')).toBe(true);
  });
});

describe('commands', () => {
  it('nd_e820 carve-out: memmap= and the PROPOSED nd_e820.pmem= line of the real boot', () => {
    const c = commandsFor(presetMachine('carveout-1g-shards-nd-e820'));
    expect(c.kernelCmdline.slice(0, 2)).toEqual(['memmap=176G!17G', 'nd_e820.pmem=17G,1G,mode=devdax,align=1G']);
    expect(c.notes.join(' ')).toMatch(/PROPOSED/);
  });
  it('kmem: daxctl with --no-movable where asked; CXL: cxl create-region per region', () => {
    expect(commandsFor(presetMachine('devdax-system-ram')).daxctl).toEqual([
      'daxctl reconfigure-device --mode=system-ram dax1.0',
      'daxctl reconfigure-device --mode=system-ram --no-movable dax0.0',
    ]);
    const cxl = commandsFor(presetMachine('cxl-smdk-group-node')).cxl;
    expect(cxl[0]).toBe('cxl group-node');
    expect(cxl[1]).toBe('cxl create-region -m -d decoder0.0 -t ram -w 1 -g 256 -s 128G mem0');
  });
  it('hotplug settings become kernel parameters', () => {
    const m = machineSchema.parse({ ...presetMachine('cxl-separate-nodes'), kernel: { hotplug: { memmapOnMemory: true, onlinePolicy: 'auto-movable', autoOnlineBlocks: 'online' }, movablecore: '64G' } });
    expect(commandsFor(m).kernelCmdline).toEqual(['movablecore=64G', 'memhp_default_state=online', 'memory_hotplug.memmap_on_memory=1', 'memory_hotplug.online_policy=auto-movable']);
  });
});

describe('property: random namespace layouts keep the accounting exact', () => {
  it('device bytes + metadata + free region space = region size', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 8 }), fc.constantFrom('fsdax', 'devdax', 'raw', 'sector'), (sizesG, mode) => {
        let at = 2 ** 40;
        const namespaces = sizesG.map((g, i) => {
          const ns = { id: `namespace0.${i}`, region: 'region0', start: at, size: g * G, mode, align: 2 ** 21, map: 'dev' };
          at += g * G;
          return ns;
        });
        const m = machineSchema.parse({
          name: 'p',
          nodes: [{ id: 0, cpus: [0] }],
          ranges: [{ id: 'ram', start: 4 * G, size: 16 * G, type: 'system-ram', node: 0 }],
          pmem: { regions: [{ id: 'region0', provider: 'e820', start: 2 ** 40, size: 1024 * G, node: 0 }].map((r) => ({ ...r, provider: 'ramdax' })), namespaces },
        });
        const l = deriveLayout(m);
        expect(l.warnings.filter((w) => w.severity === 'error')).toEqual([]);
        const byClass = new Map<string, number>();
        for (const s of l.spans) if (s.start >= 2 ** 40) byClass.set(s.cls, (byClass.get(s.cls) ?? 0) + s.end - s.start);
        const total = [...byClass.values()].reduce((a, b) => a + b, 0);
        expect(total).toBe(1024 * G);
        const usable = l.regions[0].namespaces.reduce((a, n) => a + n.usableBytes, 0);
        const meta = l.regions[0].namespaces.reduce((a, n) => a + n.metadataBytes, 0);
        expect(usable + meta).toBe(sizesG.reduce((a, b) => a + b, 0) * G);
        expect(byClass.get('label-area')).toBe(128 * 1024);
      }),
      { numRuns: 40 },
    );
  });
});
