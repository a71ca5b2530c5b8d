import { describe, expect, test } from 'vitest';
import { dispatch } from '../dispatch';
import type { CliIO } from '../command';
import { SAMPLES_DIR, readSample } from '../../import/testing/samples';
import { importCommand } from './import';

/** An in-memory CLI: files by path, captured stdout/stderr. */
function fakeIO(files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    readStdin: async () => '',
    readFile: async (p) => {
      if (!(p in files)) throw new Error(`cannot read ${p}: ENOENT`);
      return files[p];
    },
    out: (t) => out.push(t),
    err: (t) => err.push(t),
  };
  return { io, out, err };
}

const sample = (rel: string) => ({ [`${SAMPLES_DIR}/${rel}`]: readSample(rel) });

describe('sim import', () => {
  test('is registered with the other commands', async () => {
    const { io, out } = fakeIO({});
    await dispatch(['--help'], io);
    expect(out.join('')).toContain('import <file>... [--format ndctl|daxctl|cxl|numactl|lsmem|zoneinfo|buddyinfo|iomem|meminfo|node-meminfo|hwloc]');
  });

  test('prints the machine JSON with the contract fields', async () => {
    const files = { ...sample('numactl/hardware-2socket-plus-pmem-kmem-node3.txt'), ...sample('lsmem/cxl-node1-zone-normal-2G-blocks.txt') };
    const { io, out, err } = fakeIO(files);
    const code = await dispatch(['import', ...Object.keys(files)], io);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const j = JSON.parse(out.join(''));
    for (const k of ['nodes', 'distances', 'memoryBlockBytes', 'onlineBytes', 'offlineBytes', 'namespaces', 'regions', 'daxDevices', 'cxlRegions', 'warnings']) expect(j).toHaveProperty(k);
    expect(j.nodes.map((n: { id: number }) => n.id)).toEqual([0, 1, 3]);
    expect(j.nodes[0]).toMatchObject({ id: 0, totalBytes: 128 * 2 ** 30, cpus: expect.arrayContaining([0, 83]) });
    expect(j.memoryBlockBytes).toBe(2 ** 31);
    expect(j.onlineBytes).toBe(136 * 2 ** 30);
    expect(j.offlineBytes).toBe(0);
    expect(j.distances).toEqual([
      [10, 21, 28],
      [21, 10, 17],
      [28, 17, 10],
    ]);
  });

  test('zone names as /proc/zoneinfo prints them; absent counters are absent, not 0', async () => {
    const { io, out } = fakeIO(sample('zoneinfo/spanned-2socket-dcpmm-devdax-then-kmem.txt'));
    await dispatch(['import', `${SAMPLES_DIR}/zoneinfo/spanned-2socket-dcpmm-devdax-then-kmem.txt`], io);
    const j = JSON.parse(out.join(''));
    expect(j.nodes[0].zones.map((z: { name: string }) => z.name)).toEqual(['DMA', 'DMA32', 'Normal', 'Movable', 'Device']);
    expect(j.nodes[0].zones[4]).toEqual({ name: 'Device', spannedPages: 66060288 });
    expect(j.nodes[0]).not.toHaveProperty('totalBytes');
  });

  test('namespaces carry dev, mode and sizeBytes', async () => {
    const rel = 'ndctl/list-DRN-optane-3dimm.json';
    const { io, out } = fakeIO(sample(rel));
    expect(await dispatch(['import', `${SAMPLES_DIR}/${rel}`, '--format', 'ndctl'], io)).toBe(0);
    expect(JSON.parse(out.join('')).namespaces[0]).toMatchObject({ dev: 'namespace1.0', mode: 'fsdax', sizeBytes: 526366277632 });
  });

  test('a bad file: the located error on one line of stderr, exit 2', async () => {
    const rel = 'cxl/list-m-mem0-I-partition.txt';
    const { io, out, err } = fakeIO(sample(rel));
    const code = await dispatch(['import', `${SAMPLES_DIR}/${rel}`], io);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^sim import: .*list-m-mem0-I-partition\.txt:10:7 \(\$\[0\]\.partition_info\): error: invalid JSON/);
    expect(err[0].trimEnd().split('\n')).toHaveLength(1);
  });

  test('unknown --format, missing file, no file: one-line errors, exit 2', async () => {
    const { io, err } = fakeIO({ a: 'x' });
    expect(await dispatch(['import', 'a', '--format', 'json'], io)).toBe(2);
    expect(await dispatch(['import', 'missing.txt'], io)).toBe(2);
    expect(await dispatch(['import'], io)).toBe(2);
    expect(err.map((e) => e.split(':')[0])).toEqual(['sim import', 'sim import', 'sim import']);
    expect(err[0]).toContain('unknown format "json"');
    expect(err[1]).toContain('missing.txt');
  });

  test('--format forces the parser: an lsmem file read as numactl fails where it stops looking like numactl', async () => {
    const rel = 'lsmem/split-zones-vm-with-movable.txt';
    const { io, err } = fakeIO(sample(rel));
    expect(await importCommand.run([`${SAMPLES_DIR}/${rel}`, '--format=numactl'], io).catch((e: Error) => (err.push(e.message), 2))).toBe(2);
    expect(err[0]).toMatch(/split-zones-vm-with-movable\.txt:1: error: nothing usable found in this numactl output/);
  });
});
