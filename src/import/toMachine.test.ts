import { describe, expect, test } from 'vitest';
import { machineSchema } from '../sim/machine/schema';
import { toMachine } from './index';
import { GiB, MiB, importOk, importSamples } from './testing/samples';

describe('imported machine → app machine schema', () => {
  test('numactl only: nodes, cpus, SLIT; addresses laid out per node and marked inferred', () => {
    const { result } = importSamples('numactl/hardware-2socket-plus-pmem-kmem-node3.txt');
    const r = toMachine(result.machine!);
    const m = r.machine!;
    expect(machineSchema.safeParse(m).success).toBe(true);
    expect(m.nodes.map((n) => [n.id, n.cpus.length, n.tier])).toEqual([
      [0, 56, 'dram'],
      [1, 56, 'dram'],
      [3, 0, 'dram'],
    ]);
    expect(m.distances).toEqual([
      [10, 21, 28],
      [21, 10, 17],
      [28, 17, 10],
    ]);
    // 80249 MiB rounded down to 128 MiB blocks, one node after another
    expect(m.ranges.map((x) => [x.id, x.start, x.size, x.node, x.label])).toEqual([
      ['ram-node0', 0, 626 * 128 * MiB, 0, 'address inferred'],
      ['ram-node1', 626 * 128 * MiB, 629 * 128 * MiB, 1, 'address inferred'],
      ['ram-node3', 1255 * 128 * MiB, 4000 * 128 * MiB, 3, 'address inferred'],
    ]);
    expect(r.notes).toContain('no file gives physical addresses: node memory laid out one node after another (inferred)');
    expect(r.notes.filter((n) => n.includes('tier dram assumed'))).toHaveLength(3);
  });

  test('lsmem: one range per row with node, zone and online state; "None" (spans zones) gives no zone', () => {
    const text = 'RANGE                                  SIZE   STATE REMOVABLE BLOCK NODE  ZONES\n0x0000000000000000-0x000000003fffffff    1G  online        no   0-7    0   None\n0x0000000040000000-0x000000007fffffff    1G offline             8-15   1 Normal/Movable\n';
    const { result } = importOk({ lsmem: text });
    const m = toMachine(result.machine!).machine!;
    expect(m.memoryBlockBytes).toBe(128 * MiB);
    expect(m.ranges).toEqual([
      { id: 'ram-0x0', start: 0, size: GiB, type: 'system-ram', node: 0, online: true },
      { id: 'ram-0x40000000', start: GiB, size: GiB, type: 'system-ram', node: 1, online: false },
    ]);
  });

  test('a file naming no node still gives an editable machine with node 0 (noted)', () => {
    const { result } = importSamples('ndctl/read-labels-j-nmem0-optane.json');
    const r = toMachine(result.machine!);
    expect(r.machine?.nodes).toEqual([{ id: 0, cpus: [], tier: 'dram' }]);
    expect(r.notes).toContain('no file names a NUMA node: node 0 assumed');
  });

  test('an incomplete distance matrix is left out rather than filled with guesses', () => {
    const { result } = importOk({ a: 'node 0 cpus: 0\nnode 1 cpus: 1\nnode 2 cpus: 2\nnode distances:\nnode 0 1\n0: 10 20\n1: 20 10\n' });
    const r = toMachine(result.machine!);
    expect(r.machine?.distances).toBeUndefined();
    expect(r.notes).toContain('distance matrix left out: some distances are not given');
  });
});
