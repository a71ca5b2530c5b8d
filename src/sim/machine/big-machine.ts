// A synthetic machine whose address space reaches 64 TiB, for the tile benchmark and the tile
// tests: four sockets of DRAM with Normal/Movable/offline stretches, a ramdax carve-out in 500
// devdax namespaces, and sixteen 1 TiB CXL expanders onlined with memmap_on_memory.
import { machineSchema, type Machine } from './schema';

const G = 2 ** 30;
const T = 2 ** 40;

export function bigMachine(): Machine {
  const nodes: unknown[] = [];
  const ranges: unknown[] = [
    { id: 'dma32', start: 2 ** 20, size: 2 * G - 2 ** 20, type: 'system-ram', node: 0, zone: 'DMA32' },
    { id: 'pci-hole', start: 2 * G, size: 2 * G, type: 'reserved', node: 0 },
  ];
  for (let s = 0; s < 4; s++) {
    nodes.push({ id: s, label: `socket ${s}`, cpus: [s * 2, s * 2 + 1], tier: 'dram', socket: s });
    // 2 TiB per socket in 64 GiB stretches; every fourth is Movable, every ninth offline.
    for (let k = 0; k < 32; k++) {
      const start = 4 * G + s * 2 * T + k * 64 * G;
      ranges.push({ id: `ram${s}.${k}`, start, size: 64 * G, type: 'system-ram', node: s, zone: k % 4 === 3 ? 'Movable' : 'Normal', online: k % 9 !== 8 });
    }
  }
  const carve = 12 * T;
  ranges.push({ id: 'carveout', start: carve, size: T, type: 'persistent-legacy', node: 0 });
  const namespaces = Array.from({ length: 500 }, (_, i) => ({ id: `namespace0.${i}`, region: 'region0', start: carve + i * 2 * G, size: 2 * G, mode: 'devdax', align: 2 ** 21, map: i % 2 ? 'mem' : 'dev' }));
  const hostBridges = [0, 1, 2, 3].map((s) => ({ id: `hb${s}`, socket: s, node: s }));
  const memdevs = Array.from({ length: 16 }, (_, i) => ({ id: `mem${i}`, ramBytes: T, attach: `hb${i >> 2}` }));
  const rootDecoders = memdevs.map((_, i) => ({ id: `decoder0.${i}`, start: 32 * T + i * 2 * T, size: 2 * T, targets: [`hb${i >> 2}`] }));
  const regions = memdevs.map((d, i) => ({ id: `region${i + 1}`, rootDecoder: `decoder0.${i}`, type: 'ram', ways: 1, granularity: 256, start: 32 * T + i * 2 * T, size: T, targets: [d.id], dax: 'system-ram', node: 4 + i }));
  for (let i = 0; i < 16; i++) nodes.push({ id: 4 + i, label: `CXL mem${i}`, cpus: [], tier: 'cxl', socket: i >> 2 });
  for (const d of rootDecoders) ranges.push({ id: `cfmws-${d.id}`, start: d.start, size: d.size, type: 'cxl-window', node: hostBridges[Number(d.id.split('.')[1]) >> 2].node });
  const dax = regions.map((r, i) => ({ id: `dax${i + 1}.0`, source: { kind: 'cxl-region', region: r.id }, mode: 'system-ram', targetNode: r.node, memmapOnMemory: true }));
  return machineSchema.parse({
    name: 'big-64T',
    memoryBlockBytes: 2 * G,
    nodes,
    ranges,
    kernel: { hotplug: { memmapOnMemory: true } },
    pmem: { regions: [{ id: 'region0', provider: 'ramdax', start: carve, size: T, node: 0 }], namespaces },
    cxl: { hostBridges, memdevs, rootDecoders, regions },
    dax,
  });
}
