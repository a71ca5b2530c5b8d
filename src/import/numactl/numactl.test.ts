import { describe, expect, test } from 'vitest';
import { importFiles } from '../index';
import { MiB, importOk, importSamples, nodeById } from '../testing/samples';

describe('numactl --hardware samples', () => {
  test('2 sockets before kmem: sizes in MiB, 56 cpus each, SLIT 10/21', () => {
    const { report } = importSamples('numactl/hardware-2socket-before-kmem.txt');
    expect(report.nodes.map((n) => n.id)).toEqual([0, 1]);
    const n0 = nodeById(report, 0);
    expect(n0.totalBytes).toBe(80249 * MiB);
    expect(n0.freeBytes).toBe(68309 * MiB);
    expect(n0.cpus).toHaveLength(56);
    expect(n0.cpus?.slice(0, 3)).toEqual([0, 1, 2]);
    expect(n0.cpus).toContain(83);
    expect(n0.cpus).not.toContain(28);
    expect(nodeById(report, 1).totalBytes).toBe(80608 * MiB);
    expect(report.distances).toEqual([
      [10, 21],
      [21, 10],
    ]);
    expect(n0.zones).toBeUndefined(); // numactl says nothing about zones
    expect(report.sources['nodes[0].totalBytes']).toMatch(/hardware-2socket-before-kmem\.txt:3 .*±1048576/);
  });

  test('sparse ids with a CPU-less PMem node 3 (512000 MB)', () => {
    const { report } = importSamples('numactl/hardware-2socket-plus-pmem-kmem-node3.txt');
    expect(report.nodes.map((n) => n.id)).toEqual([0, 1, 3]);
    const n3 = nodeById(report, 3);
    expect(n3.cpus).toEqual([]);
    expect(n3.totalBytes).toBe(512000 * MiB);
    expect(n3.freeBytes).toBe(512000 * MiB);
    expect(report.distances).toEqual([
      [10, 21, 28],
      [21, 10, 17],
      [28, 17, 10],
    ]);
  });

  test('memory-less CPU nodes: size 0 is a figure, kept as 0', () => {
    const { report } = importSamples('numactl/hardware-threadripper-nps4-memoryless-nodes.txt');
    expect(report.nodes.map((n) => [n.id, n.totalBytes])).toEqual([
      [0, 0],
      [1, 64307 * MiB],
      [2, 64472 * MiB],
      [3, 0],
    ]);
    expect(nodeById(report, 3).cpus).toEqual([18, 19, 20, 21, 22, 23, 42, 43, 44, 45, 46, 47]);
    expect(report.distances?.[0]).toEqual([10, 12, 12, 12]);
  });

  test('excerpt naming node 0 only in the distance table: node 0 exists, its size is absent', () => {
    const { report } = importSamples('numactl/node-distances-cxl-node1-memoryonly-excerpt.txt');
    expect(report.nodes.map((n) => n.id)).toEqual([0, 1]);
    const n0 = nodeById(report, 0);
    expect(n0).not.toHaveProperty('totalBytes');
    expect(n0).not.toHaveProperty('cpus');
    expect(report.sources['nodes[0]']).toContain('inferred');
    expect(nodeById(report, 1)).toMatchObject({ cpus: [], totalBytes: 0 });
    expect(report.distances).toEqual([
      [10, 14],
      [14, 10],
    ]);
  });

  test('a corrupted line is skipped with its line number; the rest imports', () => {
    const text = 'available: 2 nodes (0-1)\nnode 0 cpus: 0 1\nnode 0 size: lots MB\nnode 1 cpus: 2 3\nnode 1 size: 100 MB\n';
    const { result, report } = importOk({ 'h.txt': text });
    expect(nodeById(report, 0)).not.toHaveProperty('totalBytes');
    expect(nodeById(report, 1).totalBytes).toBe(100 * MiB);
    const skipped = result.machine?.warnings.find((w) => w.severity === 'skipped');
    expect(skipped).toMatchObject({ file: 'h.txt', line: 3 });
  });

  test('a distance row of the wrong width is skipped, not guessed', () => {
    const text = 'node 0 cpus: 0\nnode 1 cpus: 1\nnode distances:\nnode 0 1\n0: 10 20\n1: 20\n';
    const r = importFiles([{ name: 'd.txt', text }]);
    expect(r.machine?.distances?.rows[1][0]).toBeUndefined();
    expect(r.machine?.warnings.some((w) => w.line === 6 && w.severity === 'skipped')).toBe(true);
  });
});
