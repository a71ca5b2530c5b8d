import { describe, expect, test } from 'vitest';
import { importOk, nodeById } from '../testing/samples';

const MEMINFO = `MemTotal:       16303552 kB
MemFree:         9143876 kB
MemAvailable:   12839680 kB
HugePages_Total:       0
Hugepagesize:       2048 kB
DirectMap1G:     8388608 kB
`;

describe('/proc/meminfo', () => {
  test('machine-wide figures in bytes; alone, it makes one inferred node 0', () => {
    const { report } = importOk({ meminfo: MEMINFO });
    expect(report.meminfo).toMatchObject({ MemTotal: 16303552 * 1024, MemFree: 9143876 * 1024, HugePages_Total: 0, Hugepagesize: 2048 * 1024 });
    const n0 = nodeById(report, 0);
    expect(n0.totalBytes).toBe(16303552 * 1024);
    expect(n0.freeBytes).toBe(9143876 * 1024);
    expect(report.sources['nodes[0]']).toContain('inferred');
    expect(report.sources['nodes[0].totalBytes']).toContain('meminfo:1');
  });

  test('with numactl, the nodes come from numactl and meminfo adds no node 0 of its own', () => {
    const { report } = importOk({ meminfo: MEMINFO, numactl: 'node 1 cpus: 0\nnode 1 size: 100 MB\n' });
    expect(report.nodes.map((n) => n.id)).toEqual([1]);
    expect(report.meminfo).toHaveProperty('MemTotal');
  });
});
