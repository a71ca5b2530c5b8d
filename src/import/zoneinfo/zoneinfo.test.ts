import { describe, expect, test } from 'vitest';
import { importFiles } from '../index';
import { LAZY_GUEST_ZONEINFO } from '../testing/fixtures';
import { importOk, importSamples, nodeById } from '../testing/samples';

describe('/proc/zoneinfo', () => {
  test('sample (grep spanned | paste): spanned pages per node and zone, Device zones on the DCPMM sockets', () => {
    const { report } = importSamples('zoneinfo/spanned-2socket-dcpmm-devdax-then-kmem.txt');
    expect(report.nodes.map((n) => n.id)).toEqual([0, 1, 2, 3]);
    const zones = (id: number) => (nodeById(report, id).zones as { name: string; spannedPages: number }[]).map((z) => [z.name, z.spannedPages]);
    expect(zones(0)).toEqual([
      ['DMA', 4095],
      ['DMA32', 1044480],
      ['Normal', 7864320],
      ['Movable', 0],
      ['Device', 66060288],
    ]);
    expect(zones(1)).toContainEqual(['Device', 66060288]);
    expect(zones(2)).toContainEqual(['Normal', 65011712]);
    expect(zones(3)).toContainEqual(['Device', 0]);
    // Only spanned is given: present/managed/free are absent, and so is the node size.
    const z = (nodeById(report, 0).zones as Record<string, unknown>[])[2];
    expect(z).not.toHaveProperty('presentPages');
    expect(z).not.toHaveProperty('managedPages');
    expect(nodeById(report, 0)).not.toHaveProperty('totalBytes');
    expect(report.sources['nodes[2].zones[2].spannedPages']).toBe('zoneinfo/spanned-2socket-dcpmm-devdax-then-kmem.txt:13');
  });

  test('full format: present, managed, spanned, free per zone; node capacity from present, usage from managed', () => {
    const { result, report } = importOk({ zoneinfo: LAZY_GUEST_ZONEINFO });
    const n0 = nodeById(report, 0);
    expect(n0.zones).toEqual([
      { name: 'DMA', presentPages: 3998, managedPages: 3840, spannedPages: 4095, freePages: 3840, startPfn: 1 },
      { name: 'DMA32', presentPages: 782298, managedPages: 500000, spannedPages: 1044480, freePages: 400000, startPfn: 4096 },
      { name: 'Normal', presentPages: 5505024, managedPages: 1500000, spannedPages: 5505024, freePages: 1000000, startPfn: 1048576 },
      { name: 'Movable', presentPages: 0, managedPages: 0, spannedPages: 0, freePages: 0 },
    ]);
    expect(n0.totalBytes).toBe((3998 + 782298 + 5505024) * 4096);
    expect(n0.managedBytes).toBe((3840 + 500000 + 1500000) * 4096);
    expect(n0.freeBytes).toBe((3840 + 400000 + 1000000) * 4096);
    expect(report.sources['nodes[0].totalBytes']).toContain('page size 4096 B assumed');
    // present far above managed: both kept, with the lines that said so
    const c = result.machine?.conflicts.find((x) => x.what === 'node 0 zone Normal present vs managed');
    expect(c?.chosen).toMatchObject({ value: 5505024, src: { file: 'zoneinfo', line: 33 } });
    expect(c?.others[0]).toMatchObject({ value: 1500000, src: { file: 'zoneinfo', line: 34 } });
    expect(result.machine?.conflicts.some((x) => x.what === 'node 0 capacity vs managed memory')).toBe(true);
    expect(report.warnings.some((w) => w.includes('zone Normal: present 5505024 pages (line 33) far above managed 1500000 (line 34)'))).toBe(true);
  });

  test('bad counters and a bad header are skipped with their line; a repeated zone keeps the first', () => {
    const text = LAZY_GUEST_ZONEINFO.replace('present  782298', 'present  78x298').replace('Node 0, zone  Movable', 'Node 99999, zone Movable') + 'Node 0, zone      DMA\n        present  1\n';
    const r = importFiles([{ name: 'z', text }]);
    const w = r.machine?.warnings ?? [];
    expect(w.find((x) => x.line === 27)).toMatchObject({ severity: 'skipped', expected: 'a whole number of pages', found: '"78x298"' });
    expect(w.find((x) => x.line === 36)?.severity).toBe('skipped');
    expect(w.find((x) => x.line === 43)?.message).toContain('appears twice');
    const zones = r.machine?.nodes[0].zones ?? [];
    expect(zones.find((z) => z.name === 'DMA')?.presentPages?.value).toBe(3998);
    expect(zones.find((z) => z.name === 'DMA32')).not.toHaveProperty('presentPages');
    expect(zones.map((z) => z.name)).not.toContain('Movable');
  });
});
