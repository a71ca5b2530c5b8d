import { describe, expect, test } from 'vitest';
import { GiB, MiB, importOk, importSamples, nodeById } from '../testing/samples';

describe('lsmem samples', () => {
  test('CXL on node 1 with 2G blocks (-o +ZONES,NODE): block size, totals and per-node capacity from RANGE', () => {
    const { report } = importSamples('lsmem/cxl-node1-zone-normal-2G-blocks.txt');
    expect(report.memoryBlockBytes).toBe(2 * GiB);
    expect(report.onlineBytes).toBe(136 * GiB);
    expect(report.offlineBytes).toBe(0);
    expect(nodeById(report, 0).totalBytes).toBe(128 * GiB);
    expect(nodeById(report, 1).totalBytes).toBe(8 * GiB);
    const ranges = report.memoryRanges as { start: number; sizeBytes: number; node: number; zones: string[]; firstBlock: number; lastBlock: number }[];
    expect(ranges).toHaveLength(3);
    expect(ranges[1]).toMatchObject({ start: 0x100000000, sizeBytes: 126 * GiB, node: 0, zones: ['Normal'], firstBlock: 2, lastBlock: 64 });
    expect(ranges[2]).toMatchObject({ start: 0x2080000000, sizeBytes: 8 * GiB, node: 1 });
    expect(ranges[0].zones).toEqual(['None']);
  });

  test('--split ZONES --output-all in a VM: DMA32/Normal/Movable, rounded "2.9G" row taken exactly from RANGE', () => {
    const { report } = importSamples('lsmem/split-zones-vm-with-movable.txt');
    expect(report.memoryBlockBytes).toBe(128 * MiB);
    expect(report.onlineBytes).toBe(4 * GiB);
    expect(report.offlineBytes).toBe(0);
    const ranges = report.memoryRanges as { sizeBytes: number; zones: string[] }[];
    expect(ranges.map((r) => r.zones[0])).toEqual(['None', 'DMA32', 'Normal', 'Movable']);
    expect(ranges[1].sizeBytes).toBe(23 * 128 * MiB); // printed as 2.9G
    expect(ranges[3].sizeBytes).toBe(256 * MiB);
    expect(nodeById(report, 0).totalBytes).toBe(4 * GiB);
  });
});

describe('lsmem forms and columns', () => {
  // libsmartcols right-aligns every column but RANGE; REMOVABLE is empty for offline blocks.
  const table = [
    'RANGE                                  SIZE   STATE REMOVABLE BLOCK',
    '0x0000000000000000-0x00000000bfffffff    3G  online       yes   0-5',
    '0x0000000100000000-0x000000013fffffff    1G offline             8-9',
    '',
    'Memory block size:       512M',
    'Total online memory:       3G',
    'Total offline memory:      1G',
  ].join('\n');

  test('default columns with an empty REMOVABLE cell', () => {
    const { report } = importOk({ 'lsmem.txt': table });
    expect(report.memoryBlockBytes).toBe(512 * MiB);
    expect(report.onlineBytes).toBe(3 * GiB);
    expect(report.offlineBytes).toBe(GiB);
    expect(report.memoryRanges).toEqual([
      { start: 0, sizeBytes: 3 * GiB, state: 'online', removable: true, firstBlock: 0, lastBlock: 5 },
      { start: 4 * GiB, sizeBytes: GiB, state: 'offline', firstBlock: 8, lastBlock: 9 },
    ]);
    expect(report.nodes).toEqual([]); // no NODE column: lsmem does not say which node
  });

  test('-o BLOCK,NODE,STATE without RANGE: addresses from BLOCK × block size, marked inferred', () => {
    const text = 'BLOCK NODE   STATE\n  0-7    0  online\n 8-15    1 offline\n\nMemory block size: 128M\nTotal online memory: 1G\nTotal offline memory: 1G\n';
    const { report } = importOk({ 'lsmem.txt': text });
    expect(report.memoryRanges).toEqual([
      { start: 0, sizeBytes: GiB, state: 'online', firstBlock: 0, lastBlock: 7, node: 0 },
      { start: GiB, sizeBytes: GiB, state: 'offline', firstBlock: 8, lastBlock: 15, node: 1 },
    ]);
    expect(report.sources['memoryRanges[0]']).toContain('inferred: address from BLOCK');
    expect(nodeById(report, 1).totalBytes).toBe(GiB);
  });

  test('-P pairs and -b bytes', () => {
    const text = [
      'RANGE="0x0000000000000000-0x000000007fffffff" SIZE="2147483648" STATE="online" REMOVABLE="no" BLOCK="0-15" NODE="0"',
      'RANGE="0x0000000100000000-0x000000017fffffff" SIZE="2147483648" STATE="online" REMOVABLE="yes" BLOCK="32-47" NODE="1"',
    ].join('\n');
    const { report } = importOk({ 'pairs.txt': text }, 'lsmem');
    expect(report.memoryBlockBytes).toBe(128 * MiB);
    expect(report.onlineBytes).toBe(4 * GiB);
    expect(nodeById(report, 1).totalBytes).toBe(2 * GiB);
  });

  test('-J with string cells (older util-linux) and typed cells (newer)', () => {
    const old = '{\n   "memory": [\n      {"range": "0x0000000000000000-0x000000003fffffff", "size": "1G", "state": "online", "removable": "yes", "block": "0-7"}\n   ]\n}\n';
    const typed = '{"memory":[{"range":"0x0000000040000000-0x000000007fffffff","size":1073741824,"state":"offline","removable":false,"block":"8-15","node":2,"zones":"Movable"}]}';
    const a = importOk({ 'old.json': old }).report;
    expect(a.onlineBytes).toBe(GiB);
    expect(a.memoryBlockBytes).toBe(128 * MiB);
    const b = importOk({ 'typed.json': typed }).report;
    expect(b.offlineBytes).toBe(GiB);
    expect(b.memoryRanges).toEqual([{ start: GiB, sizeBytes: GiB, state: 'offline', removable: false, firstBlock: 8, lastBlock: 15, node: 2, zones: ['Movable'] }]);
    expect(b.sources['memoryRanges[0]']).toBe('typed.json:1 $.memory[0]');
  });

  test('-r raw output keeps empty cells as double spaces', () => {
    const text = 'RANGE SIZE STATE REMOVABLE BLOCK\n0x0000000000000000-0x000000001fffffff 512M online yes 0-3\n0x0000000020000000-0x000000003fffffff 512M offline  4-7\n';
    const { report } = importOk({ 'raw.txt': text });
    expect(report.offlineBytes).toBe(512 * MiB);
    expect((report.memoryRanges as object[])[1]).toEqual({ start: 512 * MiB, sizeBytes: 512 * MiB, state: 'offline', firstBlock: 4, lastBlock: 7 });
  });

  test('a repeated row is skipped so memory is not counted twice; a summary that disagrees is reported', () => {
    const rows = table.split('\n');
    const text = [rows[0], rows[1], rows[1], rows[2], '', 'Memory block size: 512M', 'Total online memory: 7G', 'Total offline memory: 1G'].join('\n');
    const { result, report } = importOk({ 'dup.txt': text });
    expect(report.onlineBytes).toBe(3 * GiB);
    const w = result.machine?.warnings ?? [];
    expect(w.find((x) => x.line === 3)?.message).toContain('overlaps the row on line 2');
    expect(w.find((x) => x.line === 7)?.message).toContain('disagrees with the rows');
  });

  test('summary only (--summary=only): totals are the printed roundings', () => {
    const { report } = importOk({ 's.txt': 'Memory block size:         2G\nTotal online memory:     136G\nTotal offline memory:      0B\n' });
    expect(report.memoryBlockBytes).toBe(2 * GiB);
    expect(report.onlineBytes).toBe(136 * GiB);
    expect(report.sources.onlineBytes).toContain('±');
  });
});
