import { describe, expect, test } from 'vitest';
import { importOk, nodeById } from '../testing/samples';
import { LAZY_GUEST_ZONEINFO } from '../testing/fixtures';

const BUDDYINFO = `Node 0, zone      DMA      0      0      0      0      0      0      0      0      1      1      3
Node 0, zone    DMA32      4      2      3      1      2      1      2      3      2      2    386
Node 0, zone   Normal    160     95    126     40     16      8      3      2      1      2    970
Node 1, zone   Normal     10      0      0      0      0      0      0      0      0      0      1
`;

const free = (counts: number[]) => counts.reduce((s, n, order) => s + n * 2 ** order, 0);

describe('/proc/buddyinfo', () => {
  test('free pages per zone are Σ count × 2^order; blocks per order kept', () => {
    const { report } = importOk({ buddyinfo: BUDDYINFO });
    const zones = nodeById(report, 0).zones as { name: string; freePages: number; freeBlocksByOrder: number[] }[];
    expect(zones.map((z) => z.name)).toEqual(['DMA', 'DMA32', 'Normal']);
    expect(zones[0].freePages).toBe(256 + 512 + 3 * 1024);
    expect(zones[2].freePages).toBe(free([160, 95, 126, 40, 16, 8, 3, 2, 1, 2, 970]));
    expect(zones[2].freeBlocksByOrder).toEqual([160, 95, 126, 40, 16, 8, 3, 2, 1, 2, 970]);
    expect(nodeById(report, 1).freeBytes).toBe((10 + 1024) * 4096);
    expect(nodeById(report, 1)).not.toHaveProperty('totalBytes');
  });

  test('with zoneinfo: zoneinfo "pages free" is preferred, buddyinfo kept as the alternative', () => {
    const { result } = importOk({ zoneinfo: LAZY_GUEST_ZONEINFO, buddyinfo: BUDDYINFO });
    const normal = result.machine?.nodes[0].zones.find((z) => z.name === 'Normal');
    expect(normal?.freePages?.value).toBe(1000000);
    expect(normal?.freePages?.others?.[0]).toMatchObject({ value: free([160, 95, 126, 40, 16, 8, 3, 2, 1, 2, 970]), src: { file: 'buddyinfo', line: 3 } });
    expect(normal?.freeBlocksByOrder?.value).toHaveLength(11);
  });
});
