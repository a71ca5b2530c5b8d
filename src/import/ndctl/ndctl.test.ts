import { describe, expect, test } from 'vitest';
import { GiB, MiB, importOk, importSamples } from '../testing/samples';

type Row = Record<string, unknown>;
const find = (list: unknown[], key: string, value: string) => list.find((x) => (x as Row)[key] === value) as Row;

describe('ndctl samples', () => {
  test('list -DRN, real Optane: 3 DIMMs, a 2-way interleaved region with an fsdax namespace', () => {
    const { report } = importSamples('ndctl/list-DRN-optane-3dimm.json');
    expect((report.dimms as Row[]).map((d) => d.dev)).toEqual(['nmem3', 'nmem0', 'nmem2']);
    const r1 = find(report.regions, 'dev', 'region1');
    expect(r1).toMatchObject({ type: 'pmem', sizeBytes: 534723428352, availableSizeBytes: 0, persistenceDomain: 'memory_controller', namespaces: ['namespace1.0'] });
    // iset_id is beyond 2^53: kept exactly as text instead of rounded.
    expect(r1.isetId).toBe('3026489321642266624');
    expect(r1.mappings).toEqual([
      { dimm: 'nmem3', offsetBytes: 256 * MiB, lengthBytes: 267361714176, position: 1 },
      { dimm: 'nmem2', offsetBytes: 256 * MiB, lengthBytes: 267361714176, position: 0 },
    ]);
    expect(report.namespaces).toEqual([
      { dev: 'namespace1.0', mode: 'fsdax', sizeBytes: 526366277632, map: 'dev', uuid: '76fc4dd1-e793-4eee-81ed-2f31275eb820', blockdev: 'pmem1', region: 'region1' },
    ]);
    expect(find(report.regions, 'dev', 'region0')).toMatchObject({ sizeBytes: 267361714176, namespaces: [] });
    expect(report.sources['namespaces[0].sizeBytes']).toBe('ndctl/list-DRN-optane-3dimm.json:49 $.regions[0].namespaces[0].size');
  });

  test('list -iR: region1 idle with all of its 498 GiB available', () => {
    const { report } = importSamples('ndctl/list-iR-regions-optane.json');
    expect(find(report.regions, 'dev', 'region1')).toMatchObject({ sizeBytes: 534723428352, availableSizeBytes: 534723428352 });
    expect(report.namespaces).toEqual([]);
  });

  test('list -RuN --map=dev vs --map=mem: human sizes, 245.11 GiB vs the full 249.00 GiB', () => {
    const dev = importSamples('ndctl/list-RuN-region0-fsdax-map-dev.json').report;
    expect(find(dev.regions, 'dev', 'region0')).toMatchObject({ sizeBytes: 249 * GiB, isetId: '0xb000000058000000' });
    const ns = dev.namespaces[0] as Row;
    expect(ns).toMatchObject({ mode: 'fsdax', map: 'dev', blockdev: 'pmem0', region: 'region0' });
    // "245.11 GiB (263.18 GB)": within both printed roundings, and marked approximate.
    expect(Math.abs((ns.sizeBytes as number) - 245.11 * GiB)).toBeLessThanOrEqual(0.005 * GiB);
    expect(Math.abs((ns.sizeBytes as number) - 263.18e9)).toBeLessThanOrEqual(0.005e9);
    expect(dev.sources['namespaces[0].sizeBytes']).toMatch(/printed as "245\.11 GiB \(263\.18 GB\)".*±/);
    const mem = importSamples('ndctl/list-RuN-region0-fsdax-map-mem.json').report;
    expect(mem.namespaces[0]).toMatchObject({ map: 'mem', sizeBytes: 249 * GiB });
  });

  test('create-namespace (fsdax default, devdax, devdax on real Optane)', () => {
    const fsdax = importSamples('ndctl/create-namespace-fsdax-default.json').report;
    expect(fsdax.namespaces[0]).toMatchObject({ dev: 'namespace0.0', mode: 'fsdax', map: 'dev', sectorSize: 512, blockdev: 'pmem0', numaNode: 0 });
    expect(Math.abs(((fsdax.namespaces[0] as Row).sizeBytes as number) - 123.04 * GiB)).toBeLessThanOrEqual(0.005 * GiB);
    expect(fsdax.nodes.map((n) => n.id)).toEqual([0]); // numa_node 0 names node 0
    const devdax = importSamples('ndctl/create-namespace-devdax.json').report;
    expect(devdax.namespaces[0]).toMatchObject({ mode: 'devdax', chardev: 'dax0.0' });
    expect(devdax.daxDevices[0]).toMatchObject({ dev: 'dax0.0', backing: 'pmem' });
    const optane = importSamples('ndctl/create-namespace-devdax-optane-region0.json').report;
    expect(optane.namespaces[0]).toMatchObject({ mode: 'devdax', alignBytes: 2 * MiB, region: 'region0' });
    expect(Math.abs(((optane.daxDevices[0] as Row).sizeBytes as number) - 124.03 * GiB)).toBeLessThanOrEqual(0.005 * GiB);
  });

  test('list -Ru -vvv: 4.00 GiB region with numa/target node and supported alignments', () => {
    const { report } = importSamples('ndctl/list-Ru-vvv-region0-capabilities.json');
    expect(report.regions[0]).toMatchObject({ dev: 'region0', sizeBytes: 4 * GiB, numaNode: 0, targetNode: 2, persistenceDomain: 'unknown', alignments: [4096, 2 * MiB, GiB] });
  });

  test('--buses --namespaces as a stream of objects: e820 legacy pmem and nfit_test', () => {
    const { result, report } = importSamples('ndctl/list-buses-namespaces-nfit_test-e820.txt');
    expect((report.buses as Row[]).map((b) => [b.dev, b.provider])).toEqual([
      ['ndbus2', 'nfit_test.1'],
      ['ndbus1', 'nfit_test.0'],
      ['ndbus0', 'e820'],
    ]);
    expect(find(report.namespaces, 'dev', 'namespace9.0')).toMatchObject({ mode: 'raw', sizeBytes: 32 * MiB, provider: 'nfit_test.1' });
    expect(find(report.namespaces, 'dev', 'namespace0.0')).toMatchObject({ mode: 'fsdax', sizeBytes: 8 * GiB, provider: 'e820', region: 'region0' });
    expect(result.machine?.warnings[0].message).toContain('3 JSON documents');
  });

  test('-BDF cut short with "...": what is before the cut imports, the cut is listed', () => {
    const { result, report } = importSamples('ndctl/list-BDF-firmware-nfit_test.txt');
    expect(report.buses).toEqual([{ dev: 'ndbus2', provider: 'nfit_test.0' }]);
    expect(report.dimms).toEqual([{ dev: 'nmem1', id: 'cdab-0a-07e0-ffffffff', handle: '0', physId: '0', provider: 'nfit_test.0' }]);
    const skipped = result.machine?.warnings.filter((w) => w.severity === 'skipped') ?? [];
    expect(skipped.map((w) => w.line)).toEqual([22, 24]);
  });

  test('read-infoblock: 66 MiB data offset for a 4 GiB devdax namespace (map=dev)', () => {
    const { report } = importSamples('ndctl/read-infoblock-j-namespace0.0.json');
    expect(report.infoBlocks).toEqual([{ dev: 'namespace0.0', signature: 'NVDIMM_PFN_INFO', dataOffsetBytes: 66 * MiB, npfns: 1031680, alignBytes: 2 * MiB, map: 'dev' }]);
  });

  test('write-infoblock 1T | read-infoblock: 16400 MiB offset, 16 MiB align, 64-byte struct page', () => {
    const { report } = importSamples('ndctl/write-infoblock-1T-stdout-read-infoblock.json');
    expect(report.infoBlocks).toEqual([
      { dev: '<stdin>', signature: 'NVDIMM_PFN_INFO', dataOffsetBytes: 16400 * MiB, npfns: 264237056, alignBytes: 16 * MiB, map: 'dev', pageSize: 4096, pageStructSize: 64 },
    ]);
  });

  test('read-labels: 2 index blocks, 510 slots of 256 B = a 128 KiB label area; one label at DPA 256 MiB', () => {
    const { report } = importSamples('ndctl/read-labels-j-nmem0-optane.json');
    const area = (report.labelAreas as Row[])[0];
    expect(area).toMatchObject({ dimm: 'nmem0', indexBlocks: 2, labelSizeBytes: 256, slots: 510, areaBytes: 128 * 1024 });
    expect(area.labels).toEqual([{ uuid: '9ed56df2-c0a9-4e17-b82d-28f642f95a22', dpa: 256 * MiB, rawSizeBytes: 267361714176, slot: 0 }]);
    expect(report.sources['labelAreas[0].areaBytes']).toContain('inferred: 2 index blocks of 256 B + 510 × 256 B labels');
  });

  test('old mode names, wrong types and a bad human size are skipped field by field', () => {
    const text = '[{"dev":"namespace1.0","mode":"memory","size":"12 parsecs","numa_node":{}},{"dev":"namespace1.1","mode":"dax","size":"512.00 MiB (536.87 MB)"}]';
    const { result, report } = importOk({ 'ns.json': text });
    expect(report.namespaces[0]).toEqual({ dev: 'namespace1.0', mode: 'fsdax', region: 'region1' });
    expect(report.namespaces[1]).toMatchObject({ dev: 'namespace1.1', mode: 'devdax', sizeBytes: 512 * MiB });
    const skipped = result.machine?.warnings.filter((w) => w.severity === 'skipped') ?? [];
    expect(skipped.map((w) => w.jsonPath)).toEqual(['$[0].size', '$[0].numa_node']);
    expect(report.sources['namespaces[0].mode']).toContain('old name "memory"');
  });
});
