import { describe, expect, test } from 'vitest';
import { importFiles, toMachine } from '../index';
import { HWLOC_V2_XML } from '../testing/fixtures';
import { GiB, MiB, importOk, importSamples, nodeById } from '../testing/samples';

type Row = Record<string, unknown>;

describe('hwloc XML', () => {
  test('version 3 heteromem figure: DRAM+HBM per package, CXL-DRAM at machine level, memtier ranks', () => {
    const { result, report } = importSamples('hwloc/heteromem-dram-hbm-cxl-dram.xml');
    expect(report.nodes.map((n) => [n.id, n.kind, n.totalBytes, n.memoryTier])).toEqual([
      [0, 'DRAM', GiB, 1],
      [1, 'HBM', GiB, 0],
      [2, 'DRAM', GiB, 1],
      [3, 'HBM', GiB, 0],
      [4, 'CXL-DRAM', GiB, 2],
    ]);
    expect(nodeById(report, 1).cpus).toEqual([0, 1, 2, 3]);
    expect(nodeById(report, 4).cpus).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(report.memoryTiers).toEqual([
      { rank: 0, nodes: [1, 3], kinds: 1 },
      { rank: 1, nodes: [0, 2], kinds: 2 },
      { rank: 2, nodes: [4], kinds: 34 },
    ]);
    expect(toMachine(result.machine!).machine?.nodes.map((n) => n.tier)).toEqual(['dram', 'hbm', 'dram', 'hbm', 'cxl']);
  });

  test('version 3 memattrs test file: 4 × 1 GiB nodes; custom attributes and non-local initiators are not access figures', () => {
    const { report } = importSamples('hwloc/8intel64-4n2t-memattrs.xml');
    expect(report.nodes.map((n) => [n.id, n.totalBytes, n.cpus])).toEqual([
      [0, GiB, [0, 1]],
      [1, GiB, [2, 3]],
      [2, GiB, [4, 5]],
      [3, GiB, [6, 7]],
    ]);
    expect(report.nodes.every((n) => n.access === undefined)).toBe(true);
    expect(nodeById(report, 1).memoryTier).toBe(0);
    expect(report.pageSizeBytes).toBe(4096);
  });

  test('version 2 (hwloc 2.x): MemoryTier infos, distances2, Bandwidth/Latency memattrs, page_type', () => {
    const { result, report } = importOk({ 'v2.xml': HWLOC_V2_XML });
    expect(nodeById(report, 0)).toMatchObject({ totalBytes: 8 * GiB, cpus: [0, 1, 2, 3], memoryTier: 0 });
    expect(nodeById(report, 1)).toMatchObject({ totalBytes: 16 * GiB, kind: 'CXL-DRAM', memoryTier: 1 });
    expect(report.distances).toEqual([
      [10, 14],
      [14, 10],
    ]);
    expect(nodeById(report, 0).access).toEqual({ readBandwidthMiBps: 40000, writeBandwidthMiBps: 40000, readLatencyNs: 90, writeLatencyNs: 90 });
    expect(nodeById(report, 1).access).toEqual({ readBandwidthMiBps: 20000, writeBandwidthMiBps: 20000, readLatencyNs: 250, writeLatencyNs: 250 });
    expect(report.sources['nodes[1].access.readLatencyNs']).toMatch(/v2\.xml:37 .*inferred: Latency used for both read and write/);
    expect(report.pageSizeBytes).toBe(4096);
    expect(report.sources.pageSizeBytes).toBe('v2.xml:8 (smallest hwloc page_type)');
    const m = toMachine(result.machine!).machine!;
    expect(m.nodes[1]).toMatchObject({ tier: 'cxl', access: { readLatencyNs: 250, readBandwidthMiBps: 20000 } });
    expect(m.distances).toEqual([
      [10, 14],
      [14, 10],
    ]);
  });

  test('a file cut inside an element keeps what came before (skipped), a broken tag is a located error', () => {
    const cut = HWLOC_V2_XML.slice(0, HWLOC_V2_XML.indexOf('<object type="NUMANode" os_index="1"'));
    const r = importFiles([{ name: 'cut.xml', text: cut }]);
    expect(r.machine?.nodes.map((n) => n.id)).toEqual([0]);
    expect(r.files[0].issues.filter((i) => i.severity === 'skipped').map((i) => i.message)).toContain('file ends inside <object> opened on line 4; closed there');
    const broken = HWLOC_V2_XML.replace('<object type="PU" os_index="2"', '<object type="PU" os_index="2 ');
    const b = importFiles([{ name: 'b.xml', text: broken }]);
    expect(b.machine).toBeNull();
    expect(b.errors[0]).toMatchObject({ file: 'b.xml', line: 17, column: 48, message: 'invalid XML: attributes of <object> run together' });
  });
});

describe('lstopo console output', () => {
  test('fake heterogeneous tiers: DRAM/HBM/NVM nodes with P# ids, latency matrix by logical index, bandwidth memattrs', () => {
    const { result, report } = importSamples('hwloc/lstopo-fakeheteromemtiers-dram-hbm-nvm-tiers.console.txt');
    expect(report.nodes.map((n) => [n.id, n.kind, n.memoryTier])).toEqual([
      [0, 'DRAM', 1],
      [1, 'DRAM', 1],
      [2, 'HBM', 0],
      [4, 'HBM', 0],
      [6, 'NVM', 2],
      [8, 'NVM', 2],
      [9, 'NVM', 2],
    ]);
    expect(nodeById(report, 0).totalBytes).toBe(2935 * MiB);
    expect(report.sources['nodes[0].totalBytes']).toContain('±1048576');
    expect(nodeById(report, 4)).toMatchObject({ totalBytes: 512 * MiB, cpus: [2, 3], daxType: 'SPM' });
    expect(nodeById(report, 8)).toMatchObject({ totalBytes: 384 * MiB, cpus: [0, 1] });
    expect(report.distances?.[0]).toEqual([10, 20, 20, 20, 20, 20, 20]);
    expect(nodeById(report, 2).access).toEqual({ readBandwidthMiBps: 10000, writeBandwidthMiBps: 10000 });
    expect((report.daxDevices as Row[]).map((d) => [d.dev, d.backing, d.sizeBytes])).toEqual([
      ['dax0.0', 'SPM', 512 * MiB],
      ['dax2.0', 'SPM', 512 * MiB],
      ['dax6.0', 'NVM', 514048 * 1024],
    ]);
    expect(toMachine(result.machine!).machine?.nodes.map((n) => n.tier)).toEqual(['dram', 'dram', 'hbm', 'hbm', 'pmem', 'pmem', 'pmem']);
  });

  test('R740 in Optane Memory Mode: 96 GiB MemCache per node, SLIT 10/11/21 mapped from logical to OS indexes', () => {
    const { report } = importSamples('hwloc/lstopo-r740-optane-memory-mode-memcache.console.txt');
    expect(report.nodes.map((n) => [n.id, n.totalBytes, n.memorySideCacheBytes])).toEqual([
      [0, 370 * GiB, 96 * GiB],
      [1, 372 * GiB, 96 * GiB],
      [2, 372 * GiB, 96 * GiB],
      [3, 372 * GiB, 96 * GiB],
    ]);
    expect(report.distances).toEqual([
      [10, 21, 11, 21],
      [21, 10, 21, 11],
      [11, 21, 10, 21],
      [21, 11, 21, 10],
    ]);
    expect(nodeById(report, 0).cpus).toHaveLength(20);
    expect(nodeById(report, 0).cpus?.slice(0, 3)).toEqual([0, 4, 8]);
    expect(nodeById(report, 2).cpus?.slice(0, 2)).toEqual([2, 6]);
  });

  test('the console and sysfs files of the same R740 agree on distances (no conflicts)', () => {
    const { result } = importSamples('hwloc/lstopo-r740-optane-memory-mode-memcache.console.txt', 'sysfs-node/r740-optane-memory-mode-node-attrs.txt');
    expect(result.machine?.conflicts.filter((c) => c.what.startsWith('distance'))).toEqual([]);
  });
});
