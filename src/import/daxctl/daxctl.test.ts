import { describe, expect, test } from 'vitest';
import { toMachine } from '../index';
import { GiB, MiB, importSamples, nodeById } from '../testing/samples';

type Row = Record<string, unknown>;

describe('daxctl samples', () => {
  test('list: a 502 GiB pmem devdax device for target node 3 (not online, so no node 3 yet)', () => {
    const { report } = importSamples('daxctl/list-pmem-devdax-target-node3.json');
    expect(report.daxDevices).toEqual([{ dev: 'dax1.0', sizeBytes: 539016298496, mode: 'devdax', targetNode: 3 }]);
    expect(report.nodes).toEqual([]);
  });

  test('list --regions --devices on Optane: dax region 0 under ndbus0/region0 → pmem backing', () => {
    const { report } = importSamples('daxctl/list-regions-devices-optane-region0.json');
    expect(report.daxRegions).toEqual([{ id: '0', path: '/LNXSYSTM:00/LNXSYBUS:00/ACPI0012:00/ndbus0/region0/dax0.0', sizeBytes: 133175443456, alignBytes: 2 * MiB }]);
    expect(report.daxDevices[0]).toMatchObject({ dev: 'dax0.0', sizeBytes: 133175443456, mode: 'devdax', region: '0', backing: 'pmem' });
  });

  test('list -iDMR: CXL via hmem onlined as system-ram on node 1 ("\\/" unescaped)', () => {
    const { result, report } = importSamples('daxctl/list-iDMR-hmem-cxl-system-ram.json');
    expect((report.daxRegions as Row[])[0].path).toBe('/platform/hmem.0');
    expect(report.daxDevices[0]).toMatchObject({ dev: 'dax0.0', sizeBytes: 8 * GiB, mode: 'system-ram', targetNode: 1, backing: 'hmem' });
    expect(report.nodes.map((n) => n.id)).toEqual([1]);
    expect(report.sources['nodes[0]']).toContain('inferred: target_node of system-ram device dax0.0');
    const m = toMachine(result.machine!);
    expect(m.machine?.nodes[0]).toMatchObject({ id: 1, tier: 'cxl' });
    expect(m.notes.some((n) => n.includes('tier cxl inferred from dax0.0'))).toBe(true);
  });

  test('reconfigure-device --no-online: 16 GiB = 8 blocks, none online → 2 GiB blocks inferred', () => {
    const { report } = importSamples('daxctl/reconfigure-device-no-online-cxl-16G.json');
    expect(report.daxDevices[0]).toMatchObject({ sizeBytes: 16 * GiB, onlineMemblocks: 0, totalMemblocks: 8, targetNode: 1 });
    expect(report.memoryBlockBytes).toBe(2 * GiB);
    expect(report.sources.memoryBlockBytes).toContain('inferred: dax0.0: size / total_memblocks (8)');
  });

  test('list: 64 GiB system-ram with 504 of 512 blocks online → 128 MiB blocks', () => {
    const { report } = importSamples('daxctl/list-cxl-64G-system-ram-504-of-512-memblocks.json');
    expect(report.daxDevices[0]).toMatchObject({ sizeBytes: 64 * GiB, onlineMemblocks: 504, totalMemblocks: 512, alignBytes: 2 * MiB });
    expect(report.memoryBlockBytes).toBe(128 * MiB);
    expect(nodeById(report, 1)).toEqual({ id: 1 }); // named only as the target node: nothing else known
  });

  test('reconfigure-device --mode=system-ram on region0: two 16000 MiB devices on nodes 2 and 3', () => {
    const { report } = importSamples('daxctl/reconfigure-device-system-ram-region0-all.json');
    expect((report.daxDevices as Row[]).map((d) => [d.dev, d.sizeBytes, d.targetNode])).toEqual([
      ['dax0.0', 16000 * MiB, 2],
      ['dax0.1', 16000 * MiB, 3],
    ]);
    expect(report.nodes.map((n) => n.id)).toEqual([2, 3]);
  });

  test('--human outputs: "15.63 GiB (16.78 GB)" within its rounding', () => {
    for (const rel of ['daxctl/reconfigure-device-devdax-human.json', 'daxctl/create-device-u-all-regions.json']) {
      const { report } = importSamples(rel);
      for (const d of report.daxDevices as Row[]) {
        expect(d.mode).toBe('devdax');
        expect(Math.abs((d.sizeBytes as number) - 15.63 * GiB)).toBeLessThanOrEqual(0.005 * GiB);
      }
    }
    expect(importSamples('daxctl/create-device-u-all-regions.json').report.daxDevices.map((d) => (d as Row).targetNode)).toEqual([0, 1]);
  });

  test('online-memory text: 1 + 61 sections online = 62 × 128 MiB (inferred)', () => {
    const { report } = importSamples('daxctl/online-memory-partial.txt');
    expect(report.daxDevices).toEqual([{ dev: 'dax0.0', onlineSections: 62, sizeBytes: 62 * 128 * MiB }]);
    expect(report.sources['daxDevices[0].sizeBytes']).toContain('inferred: 62 sections × 128 MiB');
  });

  test('reconfigure error text: the tool errors are kept on dax3.0 and listed as warnings', () => {
    const { result, report } = importSamples('daxctl/reconfigure-device-error-dax-class.txt');
    expect(report.daxDevices).toEqual([{ dev: 'dax3.0', toolErrors: ['error: device model is dax-class', 'disable failed: Operation not supported'] }]);
    expect(result.machine?.warnings.map((w) => w.line)).toEqual([2, 3, 4]);
  });
});
