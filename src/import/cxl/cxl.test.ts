import { describe, expect, test } from 'vitest';
import { importFiles, toMachine } from '../index';
import { GiB, MiB, importSamples } from '../testing/samples';

type Row = Record<string, unknown>;
const find = (list: unknown, key: string, value: string) => (list as Row[]).find((x) => x[key] === value) as Row;

describe('cxl list samples', () => {
  test('-v single device: one 128 GiB ram region behind root decoder0.0 (the CFMWS window)', () => {
    const { result, report } = importSamples('cxl/list-v-single-device-no-interleave.json');
    expect(report.cxlRegions).toEqual([
      { region: 'region0', type: 'ram', resource: 0xc050000000, sizeBytes: 128 * GiB, interleaveWays: 1, decodeState: 'commit', rootDecoder: 'decoder0.0', targets: [{ position: 0, memdev: 'mem0', decoder: 'decoder5.0' }] },
    ]);
    expect(report.cxlMemdevs).toEqual([{ memdev: 'mem0', ramSizeBytes: 128 * GiB, serial: '0', numaNode: 0, host: '0000:d3:00.0' }]);
    expect(find(report.cxlDecoders, 'decoder', 'decoder0.0')).toMatchObject({ level: 'root', sizeBytes: 128 * GiB, volatileCapable: true });
    expect(find(report.cxlDecoders, 'decoder', 'decoder5.0')).toMatchObject({ level: 'endpoint', mode: 'ram', dpaSizeBytes: 128 * GiB });
    expect(find(report.cxlDecoders, 'decoder', 'decoder1.0')).toMatchObject({ level: 'port' });
    const m = toMachine(result.machine!).machine!;
    expect(m.ranges).toEqual([expect.objectContaining({ id: 'cxl-decoder0.0', type: 'cxl-window', start: 0xc050000000, size: 128 * GiB })]);
  });

  test('-v host-bridge interleave: 256 GiB region, 2 ways × 256 B, each endpoint decodes half the DPA', () => {
    const { report } = importSamples('cxl/list-v-hostbridge-interleave-2way.json');
    expect(report.cxlRegions[0]).toMatchObject({ sizeBytes: 256 * GiB, interleaveWays: 2, interleaveGranularity: 256 });
    expect((report.cxlRegions[0] as Row).targets).toEqual([
      { position: 0, memdev: 'mem0', decoder: 'decoder5.0' },
      { position: 1, memdev: 'mem1', decoder: 'decoder6.0' },
    ]);
    for (const d of ['decoder5.0', 'decoder6.0']) expect(find(report.cxlDecoders, 'decoder', d)).toMatchObject({ sizeBytes: 256 * GiB, dpaSizeBytes: 128 * GiB });
    expect((report.cxlMemdevs as Row[]).map((m) => m.memdev)).toEqual(['mem0', 'mem1']);
  });

  test('-RXu: region4 with its dax device in system-ram mode, 0 of 4 blocks online', () => {
    const { report } = importSamples('cxl/list-RXu-region-dax-system-ram.json');
    expect(report.cxlRegions[0]).toMatchObject({ region: 'region4', resource: 0xf010000000, sizeBytes: 512 * MiB, interleaveWays: 2, interleaveGranularity: 4096 });
    expect(report.daxDevices[0]).toMatchObject({ dev: 'dax4.0', mode: 'system-ram', targetNode: 0, onlineMemblocks: 0, totalMemblocks: 4, region: 'region4', backing: 'cxl' });
  });

  test('-M memdevs: pmem-only and split ram/pmem devices', () => {
    const { report } = importSamples('cxl/list-M-memdevs-cxl_test.json');
    expect(report.cxlMemdevs).toEqual([
      { memdev: 'mem0', pmemSizeBytes: 256 * MiB, serial: '0' },
      { memdev: 'mem3', ramSizeBytes: 256 * MiB, pmemSizeBytes: 256 * MiB, serial: '2' },
      { memdev: 'mem5', ramSizeBytes: 256 * MiB, pmemSizeBytes: 256 * MiB, serial: '4' },
    ]);
  });

  test('-r region5 --media-errors: 2 GiB pmem region with 2 media errors', () => {
    const { report } = importSamples('cxl/list-r-region5-media-errors-pmem.json');
    expect(report.cxlRegions[0]).toMatchObject({ region: 'region5', type: 'pmem', sizeBytes: 2 * GiB, mediaErrors: 2, resource: 0xf110000000 });
  });

  test('create-region -w 2 -g 1024: 512 MiB, targets ordered by position', () => {
    const { report } = importSamples('cxl/create-region-2way-g1024.json');
    expect(report.cxlRegions[0]).toEqual({
      region: 'region0',
      resource: 0xc90000000,
      sizeBytes: 512 * MiB,
      interleaveWays: 2,
      interleaveGranularity: 1024,
      targets: [
        { position: 0, decoder: 'decoder3.0' },
        { position: 1, decoder: 'decoder4.0' },
      ],
    });
  });

  test('QEMU: 2 ram + 2 pmem memdevs and a pmem region with 8 KiB granularity', () => {
    const { report } = importSamples('cxl/list-memdevs-regions-qemu-ram-and-pmem.json');
    expect((report.cxlMemdevs as Row[]).map((m) => [m.memdev, m.ramSizeBytes ?? 0, m.pmemSizeBytes ?? 0])).toEqual([
      ['mem3', 256 * MiB, 0],
      ['mem2', 256 * MiB, 0],
      ['mem1', 0, 256 * MiB],
      ['mem0', 0, 256 * MiB],
    ]);
    expect(report.cxlRegions[0]).toMatchObject({ type: 'pmem', resource: 328833433600, sizeBytes: 512 * MiB, interleaveGranularity: 8192 });
  });

  test('JSON with no cxl object is an error, not an empty machine', () => {
    const r = importFiles([{ name: 'x.json', text: '[{"foo": 1}]' }], { format: 'cxl' });
    expect(r.machine).toBeNull();
    expect(r.errors[0]).toMatchObject({ file: 'x.json', line: 1, message: 'no cxl objects found' });
  });
});
