import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GiB, MiB, TiB } from '../../units/size';
import { computeInfoBlock } from './infoblock';
import { namespaceFigures } from './namespace';

describe('info block (samples/ndctl)', () => {
  it('4 GiB devdax, align 2M, map=dev: dataoff 69206016, npfns 1031680 (read-infoblock-j-namespace0.0.json)', () => {
    const ib = computeInfoBlock({ start: 0, size: 4 * GiB, align: 2 * MiB, map: 'dev' }, 'devdax');
    expect(ib.dataOffsetBytes).toBe(69206016);
    expect(ib.npfns).toBe(1031680);
    expect(ib.endTruncBytes).toBe(0);
    expect(ib.usableBytes).toBe(4225761280);
    expect(ib.signature).toBe('NVDIMM_DAX_INFO');
  });

  it('1 TiB, align 16M, map=dev: dataoff 17196646400, npfns 264237056 (write-infoblock-1T sample)', () => {
    const ib = computeInfoBlock({ start: 0, size: TiB, align: 16 * MiB, map: 'dev' });
    expect(ib.dataOffsetBytes).toBe(17196646400);
    expect(ib.npfns).toBe(264237056);
    expect(ib.pfnMode).toBe(2);
  });

  it('249.00 GiB Optane region, map=dev gives a 245.11 GiB namespace; map=mem keeps 249.00 GiB (list-RuN samples)', () => {
    const size = 267361714176;
    const dev = computeInfoBlock({ start: 0, size, align: 2 * MiB, map: 'dev' });
    expect((dev.usableBytes / GiB).toFixed(2)).toBe('245.11');
    const mem = computeInfoBlock({ start: 0, size, align: 2 * MiB, map: 'mem' });
    expect(mem.dataOffsetBytes).toBe(2 * MiB);
    expect((mem.usableBytes / GiB).toFixed(2)).toBe('249.00');
    expect(mem.structPageLocation).toBe('ram');
    // "free shows about 4 GiB more RAM used" with map=mem
    expect(mem.structPageBytes / GiB).toBeCloseTo(3.89, 1);
  });

  it('4K align still pads dataoff to the 2 MiB compat alignment', () => {
    const ib = computeInfoBlock({ start: 0, size: 4 * GiB, align: 4096, map: 'dev' });
    expect(ib.effectiveAlignBytes).toBe(2 * MiB);
    expect(ib.dataOffsetBytes).toBe(69206016);
  });

  it('1G align puts data at the next 1 GiB boundary', () => {
    const ib = computeInfoBlock({ start: 0, size: 8 * GiB, align: GiB, map: 'dev' });
    expect(ib.dataOffsetBytes).toBe(GiB);
  });

  it('refuses a start not aligned to 2 MiB and a namespace with no room for data', () => {
    expect(() => computeInfoBlock({ start: MiB, size: 4 * GiB, align: 2 * MiB, map: 'dev' })).toThrow(RangeError);
    expect(() => computeInfoBlock({ start: 0, size: GiB, align: GiB, map: 'dev' })).toThrow(/alignment/);
  });

  it('property: usable + metadata = size, dataoff and the data end aligned, npfns matches usable', () => {
    const aligns = [4096, 2 * MiB, 16 * MiB, GiB];
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4096 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 1 << 20 }),
        fc.constantFrom<'dev' | 'mem'>('dev', 'mem'),
        (sizeIn16M, ai, startIn16M, map) => {
          const size = sizeIn16M * 16 * MiB;
          const start = startIn16M * 16 * MiB;
          const align = aligns[ai];
          let ib;
          try {
            ib = computeInfoBlock({ start, size, align, map });
          } catch {
            return true; // kernel would refuse: too small for this alignment
          }
          const eff = Math.max(align, 2 * MiB);
          expect(ib.usableBytes + ib.metadataBytes).toBe(size);
          expect((start + ib.dataOffsetBytes) % eff).toBe(0);
          expect(ib.npfns * 4096).toBe(ib.usableBytes);
          expect(ib.dataOffsetBytes).toBeGreaterThanOrEqual(8192);
          if (map === 'dev') expect(ib.dataOffsetBytes).toBeGreaterThanOrEqual(8192 + ib.structPageBytes);
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('namespace figures by mode', () => {
  it('raw has no metadata and no pfn info block', () => {
    const f = namespaceFigures({ start: 0, size: 8 * GiB, mode: 'raw', align: 2 * MiB, map: 'dev' });
    expect(f).toMatchObject({ dataOffsetBytes: 0, npfns: null, usableBytes: 8 * GiB, metadataBytes: 0, metadataLocation: 'none' });
  });

  it('sector (BTT) loses about 4 bytes of map per 4 KiB block plus 256 free blocks', () => {
    const f = namespaceFigures({ start: 0, size: 8 * GiB, mode: 'sector', align: 2 * MiB, map: 'dev', sectorSize: 4096 });
    expect(f.infoBlock).toBe('btt');
    expect(f.usableBytes + f.metadataBytes).toBe(8 * GiB);
    const lost = f.metadataBytes / (8 * GiB);
    expect(lost).toBeGreaterThan(4 / 4100);
    expect(lost).toBeLessThan(0.002);
  });

  it('PROPOSED nd_e820 shards have no info block: all data, memmap in RAM', () => {
    const f = namespaceFigures({ start: 17 * GiB, size: GiB, mode: 'devdax', align: GiB, map: 'mem', provider: 'nd_e820' });
    expect(f).toMatchObject({ dataOffsetBytes: 0, usableBytes: GiB, metadataLocation: 'ram', infoBlock: 'none' });
    expect(f.ramBytes).toBe(16 * MiB);
  });
});
