import { describe, expect, test } from 'vitest';
import { detectFormat } from './detect';
import { HWLOC_V2_XML, LAZY_GUEST_ZONEINFO } from './testing/fixtures';
import { listSamples, readSample } from './testing/samples';

describe('format detection', () => {
  test.each(listSamples().filter((s) => !s.endsWith('list-m-mem0-I-partition.txt')))('%s', (rel) => {
    const folder = rel.split('/')[0];
    expect(detectFormat(readSample(rel), rel)?.format).toBe(folder === 'sysfs-node' ? 'node-meminfo' : folder);
  });

  test('the invalid cxl sample is still recognised as cxl (so its error is a JSON error)', () => {
    expect(detectFormat(readSample('cxl/list-m-mem0-I-partition.txt'))?.format).toBe('cxl');
  });

  test('hand-written inputs', () => {
    expect(detectFormat(HWLOC_V2_XML)?.format).toBe('hwloc');
    expect(detectFormat(LAZY_GUEST_ZONEINFO)?.format).toBe('zoneinfo');
    expect(detectFormat('Node 0, zone      DMA      1      1      1\n')?.format).toBe('buddyinfo');
    expect(detectFormat('MemTotal:       16303552 kB\nMemFree: 1 kB\n')?.format).toBe('meminfo');
    expect(detectFormat('{"memory": [{"range": "0x0-0x1", "block": "0"}]}')?.format).toBe('lsmem');
    expect(detectFormat('00000000-00000fff : Reserved\n')?.format).toBe('iomem');
    expect(detectFormat('hello world')).toBeUndefined();
  });

  test('hostile heads (long blank runs, many keys) are classified or rejected', () => {
    expect(detectFormat('\n'.repeat(60_000) + ' '.repeat(60_000) + '"a"' + ' '.repeat(60_000))).toBeUndefined();
    expect(detectFormat('{' + '"memdev":'.repeat(20_000))?.format).toBe('cxl');
  });
});
