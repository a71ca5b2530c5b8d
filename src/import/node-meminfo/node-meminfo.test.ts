import { describe, expect, test } from 'vitest';
import { importOk, importSamples, nodeById } from '../testing/samples';

describe('/sys/devices/system/node files', () => {
  test('R740 node0/meminfo: MemTotal, MemFree, MemUsed in kB', () => {
    const { report } = importSamples('sysfs-node/r740-optane-memory-mode-node0-meminfo.txt');
    expect(report.nodes).toHaveLength(1);
    expect(nodeById(report, 0)).toMatchObject({ totalBytes: 388492316 * 1024, managedBytes: 388492316 * 1024, freeBytes: 387668228 * 1024, usedBytes: 824088 * 1024 });
  });

  test('QEMU kmem NVM node 8: sparse id, 384 MiB all free', () => {
    const { report } = importSamples('sysfs-node/qemu-kmem-nvm-node8-meminfo.txt');
    expect(report.nodes.map((n) => n.id)).toEqual([8]);
    expect(nodeById(report, 8)).toMatchObject({ totalBytes: 384 * 2 ** 20, freeBytes: 384 * 2 ** 20, usedBytes: 0 });
  });

  test('R740 attributes: online nodes, SLIT rows, 96 GiB memory-side cache; zero HMAT values are not used', () => {
    const { result, report } = importSamples('sysfs-node/r740-optane-memory-mode-node-attrs.txt');
    expect(report.nodes.map((n) => n.id)).toEqual([0, 1, 2, 3]);
    expect(report.distances).toEqual([
      [10, 21, 11, 21],
      [21, 10, 21, 11],
      [11, 21, 10, 21],
      [21, 11, 21, 10],
    ]);
    expect(nodeById(report, 0).memorySideCacheBytes).toBe(96 * 2 ** 30);
    expect(nodeById(report, 0)).not.toHaveProperty('access');
    expect(result.machine?.warnings.filter((w) => w.message.includes('is 0 (firmware gave no HMAT figure)'))).toHaveLength(4);
  });

  test('the three files of one machine combine: meminfo size + attribute distances', () => {
    const { report } = importSamples('sysfs-node/r740-optane-memory-mode-node0-meminfo.txt', 'sysfs-node/r740-optane-memory-mode-node-attrs.txt');
    expect(nodeById(report, 0)).toMatchObject({ totalBytes: 388492316 * 1024, memorySideCacheBytes: 96 * 2 ** 30 });
    expect(report.distances?.[0]).toEqual([10, 21, 11, 21]);
  });

  test('cpulist, block_size_bytes and HMAT access figures', () => {
    const text = [
      '/sys/devices/system/node/online: 0-1',
      '/sys/devices/system/node/node1/cpulist: ',
      '/sys/devices/system/node/node0/cpulist: 0-3,8',
      '/sys/devices/system/memory/block_size_bytes: 80000000',
      '/sys/devices/system/node/node1/access0/initiators/read_latency: 250',
      '/sys/devices/system/node/node1/access0/initiators/write_latency: 300',
      '/sys/devices/system/node/node1/access0/initiators/read_bandwidth: 30000',
      '/sys/devices/system/node/node1/access0/initiators/write_bandwidth: 20000',
    ].join('\n');
    const { report } = importOk({ attrs: text });
    expect(nodeById(report, 0).cpus).toEqual([0, 1, 2, 3, 8]);
    expect(nodeById(report, 1).cpus).toEqual([]);
    expect(report.memoryBlockBytes).toBe(2 ** 31);
    expect(nodeById(report, 1).access).toEqual({ readLatencyNs: 250, writeLatencyNs: 300, readBandwidthMiBps: 30000, writeBandwidthMiBps: 20000 });
  });
});
