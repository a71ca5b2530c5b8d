// Several files of one machine make one machine; disagreements keep both sides with file and line.
import { describe, expect, test } from 'vitest';
import { importFiles, toMachine } from './index';
import { LAZY_GUEST_ZONEINFO } from './testing/fixtures';
import { GiB, MiB, importOk, nodeById, readSample } from './testing/samples';

const LSMEM = readSample('lsmem/cxl-node1-zone-normal-2G-blocks.txt');
const NUMACTL_FOR_LSMEM = 'available: 2 nodes (0-1)\nnode 0 cpus: 0 1 2 3\nnode 0 size: 125000 MB\nnode 0 free: 100000 MB\nnode 1 cpus:\nnode 1 size: 8000 MB\nnode 1 free: 7900 MB\nnode distances:\nnode 0 1\n0: 10 14\n1: 14 10\n';

describe('combining files', () => {
  test('lsmem + numactl: capacity from lsmem blocks, usage from numactl; cpus and distances from numactl', () => {
    const { result, report } = importOk({ lsmem: LSMEM, numactl: NUMACTL_FOR_LSMEM });
    expect(nodeById(report, 0)).toMatchObject({ totalBytes: 128 * GiB, managedBytes: 125000 * MiB, freeBytes: 100000 * MiB, cpus: [0, 1, 2, 3] });
    expect(nodeById(report, 1)).toMatchObject({ totalBytes: 8 * GiB, managedBytes: 8000 * MiB, cpus: [] });
    expect(report.distances).toEqual([
      [10, 14],
      [14, 10],
    ]);
    expect(report.sources['nodes[0].totalBytes']).toMatch(/^lsmem:2 \(sum of lsmem rows, lines 2, 3\)/);
    expect(report.sources['nodes[0].managedBytes']).toMatch(/^numactl:3 /);
    expect(result.machine?.files.map((f) => f.format)).toEqual(['lsmem', 'numactl']);
    const m = toMachine(result.machine!).machine!;
    expect(m.memoryBlockBytes).toBe(2 * GiB);
    expect(m.ranges.map((r) => [r.node, r.zone, r.size])).toEqual([
      [0, undefined, 2 * GiB],
      [0, 'Normal', 126 * GiB],
      [1, 'Normal', 8 * GiB],
    ]);
  });

  test('zoneinfo present vs lsmem blocks disagree: lsmem wins for capacity, zoneinfo kept with its file and line', () => {
    const lsmem = 'RANGE                                  SIZE  STATE REMOVABLE  BLOCK NODE\n0x0000000000000000-0x00000005ffffffff   24G online       yes   0-191    0\n\nMemory block size:       128M\n';
    const { result, report } = importOk({ 'lsmem.txt': lsmem, 'zoneinfo.txt': LAZY_GUEST_ZONEINFO });
    const n0 = nodeById(report, 0);
    expect(n0.totalBytes).toBe(24 * GiB);
    expect(n0.managedBytes).toBe((3840 + 500000 + 1500000) * 4096);
    const capacity = result.machine?.conflicts.find((c) => c.what === 'node 0 capacity');
    expect(capacity?.chosen.src).toMatchObject({ file: 'lsmem.txt', line: 2 });
    expect(capacity?.others[0]).toMatchObject({ value: (3998 + 782298 + 5505024) * 4096, src: { file: 'zoneinfo.txt', line: 1 } });
    expect(report.sources['nodes[0].totalBytes']).toContain('| also: ');
    // The zone's own present ≫ managed note is still there, and the node-level one too.
    expect(result.machine?.conflicts.map((c) => c.what)).toEqual(expect.arrayContaining(['node 0 zone Normal present vs managed', 'node 0 capacity vs managed memory']));
  });

  test('numactl + daxctl + ndctl of a PMem kmem machine: node 3 is pmem, the device is one object from two files', () => {
    const daxctl = '[{"path":"\\/LNXSYSTM:00\\/LNXSYBUS:00\\/ACPI0012:00\\/ndbus0\\/region1\\/dax1.0","id":1,"size":539016298496,"align":2097152,"devices":[{"chardev":"dax1.0","size":539016298496,"target_node":3,"mode":"system-ram"}]}]';
    const iomem = '3060000000-addfdfffff : Persistent Memory\n  3060000000-addfdfffff : dax1.0\n    3060000000-addfdfffff : System RAM (kmem)\n';
    const { result, report } = importOk({
      'numactl.txt': readSample('numactl/hardware-2socket-plus-pmem-kmem-node3.txt'),
      'daxctl.json': daxctl,
      'iomem.txt': iomem,
    });
    expect(report.daxDevices).toHaveLength(1);
    expect(report.daxDevices[0]).toMatchObject({ dev: 'dax1.0', sizeBytes: 539016298496, mode: 'system-ram', targetNode: 3, backing: 'pmem', mappings: [{ startAddress: 0x3060000000 }] });
    expect(result.machine?.conflicts).toEqual([]); // 0x3060000000-0xaddfdfffff is exactly the 502 GiB - 2 MiB daxctl gives
    const m = toMachine(result.machine!);
    expect(m.machine?.nodes.map((n) => [n.id, n.tier])).toEqual([
      [0, 'dram'],
      [1, 'dram'],
      [3, 'pmem'],
    ]);
    expect(m.machine?.ranges).toEqual([expect.objectContaining({ type: 'persistent', start: 0x3060000000, size: 539016298496 })]);
  });

  test('two files naming the same namespace with different sizes: first kept, conflict lists both', () => {
    const { result } = importOk({
      'dev.json': readSample('ndctl/list-RuN-region0-fsdax-map-dev.json'),
      'mem.json': readSample('ndctl/list-RuN-region0-fsdax-map-mem.json'),
    });
    const c = result.machine?.conflicts.find((x) => x.what === 'namespace namespace0.0 sizeBytes');
    expect(c?.chosen.src.file).toBe('dev.json');
    expect(c?.others[0]).toMatchObject({ value: 249 * GiB, src: { file: 'mem.json', line: 15 } });
    expect(result.machine?.namespaces).toHaveLength(1);
  });

  test('a failed file adds nothing, the others still make the machine, and its error is reported', () => {
    const r = importFiles([
      { name: 'ok.txt', text: NUMACTL_FOR_LSMEM },
      { name: 'bad.json', text: readSample('cxl/list-m-mem0-I-partition.txt') },
    ]);
    expect(r.machine?.nodes.map((n) => n.id)).toEqual([0, 1]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ file: 'bad.json', line: 10 });
  });
});
