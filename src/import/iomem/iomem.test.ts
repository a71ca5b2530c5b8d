import { describe, expect, test } from 'vitest';
import { importFiles, toMachine } from '../index';
import { GiB, importOk, importSamples } from '../testing/samples';

describe('/proc/iomem', () => {
  test('legacy pmem split into 1 GiB devdax: the 176 GiB range and each dax device with its address', () => {
    const { result, report } = importSamples('iomem/legacy-pmem-devdax-1G-split-excerpt.txt');
    const ranges = report.physicalRanges as { start: number; end: number; name: string; depth: number }[];
    expect(ranges[0]).toEqual({ start: 0x440000000, end: 0x303fffffff, name: 'Persistent Memory (legacy)', depth: 0 });
    expect(ranges[0].end - ranges[0].start + 1).toBe(176 * GiB);
    expect(report.daxDevices).toHaveLength(4);
    expect(report.daxDevices[0]).toMatchObject({ dev: 'dax1.0', sizeBytes: GiB, backing: 'pmem', mappings: [{ startAddress: 0x440000000, sizeBytes: GiB }] });
    expect(report.daxDevices[3]).toMatchObject({ dev: 'dax4.0', mappings: [{ startAddress: 0x500000000 }] });
    expect(result.machine?.warnings.find((w) => w.line === 6)?.message).toContain('elided');
    const m = toMachine(result.machine!).machine!;
    expect(m.ranges).toEqual([expect.objectContaining({ type: 'persistent-legacy', start: 0x440000000, size: 176 * GiB, node: 0 })]);
  });

  test('a typical map: System RAM, Reserved, Soft Reserved, CXL Window by top level', () => {
    const text = ['00000000-00000fff : Reserved', '00001000-0009ffff : System RAM', '100000000-47fffffff : System RAM', '  1d4000000-1d5000000 : Kernel code', '4080000000-407fffffffff : CXL Window 0', '  4080000000-40bfffffff : region0', '    4080000000-40bfffffff : dax0.0', '      4080000000-40bfffffff : System RAM (kmem)'].join('\n');
    const { result } = importOk({ iomem: text });
    const top = result.machine?.physicalRanges.filter((r) => r.depth === 0).map((r) => r.name);
    expect(top).toEqual(['Reserved', 'System RAM', 'System RAM', 'CXL Window 0']);
    expect(result.machine?.daxDevices[0]).toMatchObject({ dev: 'dax0.0', sizeBytes: { value: GiB } });
    const m = toMachine(result.machine!).machine!;
    expect(m.ranges.map((r) => r.type)).toEqual(['reserved', 'system-ram', 'system-ram', 'cxl-window']);
  });

  test('read without root (all 0-0): one warning, no ranges invented', () => {
    const r = importFiles([{ name: 'iomem', text: '00000000-00000000 : Reserved\n00000000-00000000 : System RAM\n' }]);
    expect(r.machine).toBeNull();
    expect(r.errors[0].message).toContain('nothing usable');
    expect(r.files[0].issues.find((i) => i.severity === 'warning')?.message).toContain('without root');
  });
});
