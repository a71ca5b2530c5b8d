import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveLayout } from '../../sim/machine';
import { presetMachine } from '../../sim/machine/test-helpers';
import { exactFigure, figureSections, formatFigure, objectIndex, selectionForPath, type FigureSection } from './figures';

const optane = presetMachine('two-socket-dram-optane');
const optaneSections = figureSections(deriveLayout(optane), objectIndex(optane));

const group = (sections: FigureSection[], section: string, key: string) => sections.find((s) => s.key === section)?.groups.find((g) => g.key === key);
const row = (sections: FigureSection[], section: string, key: string, rowKey: string) => group(sections, section, key)?.rows.find((r) => r.key === rowKey);

describe('figureSections', () => {
  it('carries the layout’s node figures exactly, with the node as what a click selects', () => {
    const node0 = group(optaneSections, 'nodes', '0')!;
    expect(node0.select).toEqual({ kind: 'node', id: '0' });
    expect(node0.title).toBe('node 0 · Socket 0 DRAM');
    expect(row(optaneSections, 'nodes', '0', 'capacity')?.value).toBe(1810328317952);
    expect(row(optaneSections, 'nodes', '0', 'usable')?.value).toBe(202936813632);
    expect(row(optaneSections, 'nodes', '0', 'structPagesDevice')?.value).toBe(23781638144);
    expect(row(optaneSections, 'nodes', '0', 'tier')?.explain).toBe('tier = adistance >> 7 = 576 >> 7 = 4 (memory_tier4).');
    // usable is explained with the numbers that make it
    expect(row(optaneSections, 'nodes', '1', 'usable')?.explain).toContain('192.00 GiB − 3.00 GiB');
  });

  it('gives namespaces the ndctl figures and the refs the map uses', () => {
    const ns = group(optaneSections, 'namespaces', 'namespace0.0')!;
    expect(ns.select).toEqual({ kind: 'range', id: '$.pmem.namespaces[0]' });
    expect(group(optaneSections, 'namespaces', 'namespace1.0')?.select).toEqual({ kind: 'range', id: '$.pmem.namespaces[2]' });
    expect(row(optaneSections, 'namespaces', 'namespace0.0', 'dataoff')?.value).toBe(17114857472);
    expect(row(optaneSections, 'namespaces', 'namespace0.0', 'npfns')?.value).toBe(263208448);
    expect(row(optaneSections, 'namespaces', 'namespace0.0', 'structPages')?.explain).toContain('64 B per 4 KiB page = 1/64 of the namespace');
    expect(group(optaneSections, 'regions', 'region1')?.select).toEqual({ kind: 'range', id: '$.pmem.regions[1]' });
    expect(group(optaneSections, 'dax', 'dax1.0')?.select).toEqual({ kind: 'range', id: '$.dax[1]' });
  });

  it('has unique keys at every level on every preset, and every row explained', () => {
    for (const slug of ['cxl-smdk-group-node', 'devdax-system-ram', 'dram-pool-hugetlb-guestmemfd-memfd', 'carveout-1g-shards-nd-e820', 'cxl-shared-two-hosts']) {
      const m = presetMachine(slug);
      const sections = figureSections(deriveLayout(m), objectIndex(m));
      expect(new Set(sections.map((s) => s.key)).size).toBe(sections.length);
      for (const s of sections) {
        expect(new Set(s.groups.map((g) => g.key)).size, `${slug} ${s.key}`).toBe(s.groups.length);
        for (const g of s.groups) {
          expect(new Set(g.rows.map((r) => r.key)).size, `${slug} ${g.key}`).toBe(g.rows.length);
          for (const r of g.rows) expect(r.explain.length, `${slug} ${g.key} ${r.key}`).toBeGreaterThan(10);
        }
      }
    }
  });

  it('points implicit (kernel-created) namespaces at their region, and kmem at its dax device', () => {
    const shards = presetMachine('carveout-1g-shards-nd-e820');
    const s = figureSections(deriveLayout(shards), objectIndex(shards));
    const nss = s.find((x) => x.key === 'namespaces')!.groups;
    expect(nss.length).toBe(176);
    expect(nss.every((g) => g.select?.id === '$.pmem.regions[0]')).toBe(true);
    const kmem = presetMachine('devdax-system-ram');
    const k = figureSections(deriveLayout(kmem), objectIndex(kmem));
    expect(row(k, 'dax', 'dax1.0', 'kmemTrim')?.value).toBe(1876951040);
    expect(row(k, 'dax', 'dax0.0', 'kmemZone')?.value).toBe('Normal');
  });
});

describe('selectionForPath', () => {
  const index = objectIndex(optane);
  it('maps a warning path to its object or node', () => {
    expect(selectionForPath('$.pmem.namespaces[1].start', index)).toEqual({ kind: 'range', id: '$.pmem.namespaces[1]' });
    expect(selectionForPath('$.dax[0]', index)).toEqual({ kind: 'range', id: '$.dax[0]' });
    expect(selectionForPath('$.pools[2].consumers[1].bytes', index)).toEqual({ kind: 'range', id: '$.pools[2].consumers[1]' });
    expect(selectionForPath('$.nodes[1]', index)).toEqual({ kind: 'node', id: '1' });
    expect(selectionForPath('$.nodes[9]', index)).toBeNull();
    expect(selectionForPath('$.memoryBlockBytes', index)).toBeNull();
  });
});

describe('formatFigure', () => {
  it('formats each unit the way the tools print it', () => {
    expect(formatFigure(1810328317952, 'bytes')).toBe('1.65 TiB');
    expect(formatFigure(263208448, 'count')).toBe('263,208,448');
    expect(formatFigure(0x10000000000, 'address')).toBe('0x10000000000');
    expect(formatFigure(301, 'percent')).toBe('301 % (3.01:1)');
    expect(formatFigure(Infinity, 'percent')).toBe('∞ (no kernel zone)');
    expect(formatFigure(null, 'bytes')).toBe('—');
    expect(formatFigure(120000, 'MiBps')).toBe('120,000 MiB/s');
    expect(formatFigure(172.5, 'ns')).toBe('172.5 ns');
    expect(exactFigure(17114857472, 'bytes')).toBe('17,114,857,472 B');
  });
  it('never loses the sign or the unit of a size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 52 }), (n) => {
        const s = formatFigure(n, 'bytes');
        expect(s).toMatch(/^\d+(\.\d\d)? (B|KiB|MiB|GiB|TiB|PiB)$/);
      }),
    );
  });
});
