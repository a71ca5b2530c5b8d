// Reference §5.4 (lib/test_kho.c and tools/testing/selftests/kho): random-order folios up to
// (PAGE_SIZE << MAX_PAGE_ORDER) * 2, preserved with a vmalloc array of phys|order and a "kho_test"
// sub-FDT, restored and checksummed after kexec. Plus the 6.16 finalize rules, scratch regions,
// tracker sizes and the format arithmetic.
import { describe, expect, it } from 'vitest';
import { fnv, contentPageHash, mix32 } from './content';
import { MAX_PAGE_ORDER, PAGE_SIZE, type KhoVersion } from './constants';
import { fdtNode, khoTree, phys, readFdt, str, u64 } from './fdt';
import { compareFormats, fillSweep, formatSeries, FORMAT_PRESETS } from './formats';
import { addSubtree, allocExtent, coldBootKho, extentAt, khoAbort, khoAllocPreserve, khoFinalize, kexecKho, preserveExtent, restoreExtent, retrieveSubtree, writeRecord } from './kho';
import { khoMemoryMap, scratchOnlyPhase } from './memmap';
import { defaultMachine, parseKhoScratch, reserveScratch, scratchSizes } from './scratch';
import { blockRuns, splitRange, trackerSize } from './tracker';
import type { KhoState } from './types';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

function checksum(kho: KhoState, folios: { pa: number; order: number }[]): string {
  const words: number[] = [];
  for (const f of folios) {
    const e = extentAt(kho, f.pa)!;
    for (let i = 0; i < 2 ** f.order; i++) words.push(contentPageHash(e.content, i));
  }
  return fnv(words);
}

/** Boot 1 of test_kho.c: returns the checksum it stored. */
function khoTestBoot1(kho: KhoState, seed: number): { csum: string; folios: { pa: number; order: number }[] } {
  const maxMem = (PAGE_SIZE << MAX_PAGE_ORDER) * 2;
  const folios: { pa: number; order: number }[] = [];
  let total = 0;
  let r = seed;
  while (total < maxMem) {
    r = mix32(r + 1);
    const order = r % (MAX_PAGE_ORDER + 1);
    const e = allocExtent(kho, 2 ** order, { use: 'kho-test', owner: 'test_kho folio', content: { t: 'data', seed: r, index: 0 }, order });
    expect(e).not.toBeNull();
    folios.push({ pa: e!.pa, order });
    total += 2 ** order * PAGE_SIZE;
  }
  const csum = checksum(kho, folios);
  for (const f of folios) expect(preserveExtent(kho, f.pa, 'folio')).toBeNull();
  const arr = allocExtent(kho, Math.ceil((folios.length * 8) / PAGE_SIZE), { use: 'kho-test', owner: 'folios_info', content: { t: 'rec', rec: { kind: 'phys|order[]', entries: folios } } })!;
  expect(preserveExtent(kho, arr.pa, 'vmalloc')).toBeNull();
  const fdt = khoAllocPreserve(kho, PAGE_SIZE, { use: 'kho-test-fdt', owner: 'kho_test FDT', content: { t: 'zero' } });
  if (typeof fdt === 'string') throw new Error(fdt);
  writeRecord(kho, fdt.pa, {
    kind: 'fdt',
    tree: fdtNode('/', [str('compatible', 'kho-test-v1'), u64('magic', 0x4b484f21)], [fdtNode('data', [u64('nr_folios', folios.length), phys('folios_info', arr.pa), str('csum', csum)])]),
  });
  expect(addSubtree(kho, 'kho_test', fdt.pa)).toBeNull();
  return { csum, folios };
}

/** Boot 2: returns the serial-log verdict. */
function khoTestBoot2(kho: KhoState): string {
  const pa = retrieveSubtree(kho, 'kho_test');
  if (pa === 'ENOENT') return 'no kho_test subtree';
  const tree = readFdt(kho, pa);
  if (!tree || tree.props[0].value !== 'kho-test-v1' || tree.props[1].value !== 0x4b484f21) return 'bad compatible or magic';
  const data = tree.children[0];
  const arr = restoreExtent(kho, Number(data.props[1].value), 'vmalloc');
  if (!arr || arr.content.t !== 'rec') return 'kho_restore_vmalloc failed';
  const entries = arr.content.rec.entries as { pa: number; order: number }[];
  for (const f of entries) {
    const e = restoreExtent(kho, f.pa, 'folio');
    if (!e || e.order !== f.order) return `kho_restore_folio failed at 0x${f.pa.toString(16)}`;
  }
  return checksum(kho, entries) === data.props[2].value ? 'KHO restore succeeded' : 'checksum mismatch';
}

describe('§5.4 KHO test (test_kho.c)', () => {
  for (const version of ['6.16', '6.19', 'radix'] as KhoVersion[]) {
    it(`${version}: random-order folios survive kexec with their checksum`, () => {
      const kho = coldBootKho({ version, machine: defaultMachine([GiB]) });
      expect(kho.disabled).toBeNull();
      khoTestBoot1(kho, 42);
      // Memory not preserved does not survive.
      const lost = allocExtent(kho, 4, { use: 'scratchpad', owner: 'not preserved', content: { t: 'data', seed: 1, index: 0 } })!;
      if (version === '6.16') expect(khoFinalize(kho)).toBeNull(); // the 6.16 init writes 1 to kho/out/finalize
      const next = kexecKho(kho);
      expect(next.khoBoot).toBe(true);
      expect(extentAt(next, lost.pa)).toBeUndefined();
      expect(khoTestBoot2(next)).toBe('KHO restore succeeded');
    });
  }

  it('a second kho_restore_folio of the same address fails', () => {
    const kho = coldBootKho({ version: '6.19', machine: defaultMachine([GiB]) });
    const { folios } = khoTestBoot1(kho, 7);
    const next = kexecKho(kho);
    expect(restoreExtent(next, folios[0].pa, 'folio')).not.toBeNull();
    expect(restoreExtent(next, folios[0].pa, 'folio')).toBeNull();
  });

  it('6.16 without finalize hands nothing over', () => {
    const kho = coldBootKho({ version: '6.16', machine: defaultMachine([GiB]) });
    khoTestBoot1(kho, 3);
    const next = kexecKho(kho);
    expect(next.khoBoot).toBe(false);
    expect(khoTestBoot2(next)).toBe('no kho_test subtree');
  });

  it('a checksum that was tampered with is detected (the test can fail)', () => {
    const kho = coldBootKho({ version: 'radix', machine: defaultMachine([GiB]) });
    const { folios } = khoTestBoot1(kho, 9);
    extentAt(kho, folios[3].pa)!.content = { t: 'data', seed: 12345, index: 0 };
    expect(khoTestBoot2(kexecKho(kho))).toBe('checksum mismatch');
  });

  it('6.16 debugfs: finalize twice -EEXIST, abort when not finalized -ENOENT, preserve while finalized -EBUSY', () => {
    const kho = coldBootKho({ version: '6.16' });
    expect(khoAbort(kho)).toBe('ENOENT');
    expect(khoFinalize(kho)).toBeNull();
    expect(khoFinalize(kho)).toBe('EEXIST');
    const e = allocExtent(kho, 1, { use: 'x', owner: 'x', content: { t: 'zero' } })!;
    expect(preserveExtent(kho, e.pa, 'folio')).toBe('EBUSY');
    expect(khoAbort(kho)).toBeNull();
    expect(preserveExtent(kho, e.pa, 'folio')).toBeNull();
  });

  it('the FDT tree nests sub-FDTs under the KHO root', () => {
    const kho = coldBootKho({ version: 'radix', machine: defaultMachine([GiB]) });
    khoTestBoot1(kho, 5);
    const tree = khoTree(kho);
    expect(tree.props[0]).toEqual({ name: 'compatible', type: 'string', value: 'kho-v2' });
    expect(tree.children[0].name).toBe('kho_test');
    expect(tree.children[0].props[0].name).toBe('preserved-data');
    expect(tree.children[0].children[0].props[0].value).toBe('kho-test-v1');
  });
});

describe('scratch regions', () => {
  it('one per online node plus two, 200 % of the reservations, rounded to 2 MiB', () => {
    const m = defaultMachine([32 * GiB, 32 * GiB, 16 * GiB]);
    const { regions, error } = reserveScratch(m, { kind: 'scale', percent: 200 });
    expect(error).toBeNull();
    expect(regions.length).toBe(3 + 2);
    expect(regions.map((r) => r.kind)).toEqual(['lowmem', 'global', 'node', 'node', 'node']);
    const sizes = scratchSizes(m, { kind: 'scale', percent: 200 });
    expect(sizes.lowmem).toBe(2 * m.reservedKern.lowBytes);
    const total = m.reservedKern.perNodeBytes.reduce((a, b) => a + b, 0);
    expect(sizes.global).toBe(Math.ceil((2 * total - sizes.lowmem) / (2 * MiB)) * 2 * MiB);
    for (const r of regions) expect(r.size % (2 * MiB)).toBe(0);
    const low = regions[0];
    expect(low.start + low.size).toBeLessThanOrEqual(4 * GiB);
    for (let i = 0; i < regions.length; i++)
      for (let j = i + 1; j < regions.length; j++) expect(regions[i].start + regions[i].size <= regions[j].start || regions[j].start + regions[j].size <= regions[i].start).toBe(true);
    for (const r of regions.filter((x) => x.kind === 'node')) {
      const n = m.nodes[r.node];
      expect(r.start).toBeGreaterThanOrEqual(n.start);
      expect(r.start + r.size).toBeLessThanOrEqual(n.start + n.size);
    }
  });

  it('kho_scratch= parsing: N% or lowmem,global,pernode', () => {
    expect(parseKhoScratch('150%')).toEqual({ kind: 'scale', percent: 150 });
    expect(parseKhoScratch('16M,512M,256M')).toEqual({ kind: 'sizes', lowmem: 16 * MiB, global: 512 * MiB, pernode: 256 * MiB });
    expect(parseKhoScratch('16M,512M')).toHaveProperty('error');
    expect(parseKhoScratch('0,512M,256M')).toHaveProperty('error');
    expect(parseKhoScratch('x%')).toHaveProperty('error');
  });

  it('explicit sizes are used as given; too large disables KHO', () => {
    const m = defaultMachine([8 * GiB]);
    const { regions } = reserveScratch(m, { kind: 'sizes', lowmem: 16 * MiB, global: 512 * MiB, pernode: 256 * MiB });
    expect(regions.map((r) => r.size)).toEqual([16 * MiB, 512 * MiB, 256 * MiB]);
    const big = coldBootKho({ version: '6.19', machine: m, scratch: { kind: 'sizes', lowmem: 16 * MiB, global: 16 * GiB, pernode: MiB } });
    expect(big.disabled).not.toBeNull();
    expect(kexecKho(big).khoBoot).toBe(false);
  });

  it('after a KHO kexec the same regions are reused and early boot is scratch-only', () => {
    const kho = coldBootKho({ version: '6.19' });
    expect(scratchOnlyPhase(kho).active).toBe(false);
    const next = kexecKho(kho);
    expect(next.scratch).toEqual(kho.scratch);
    expect(scratchOnlyPhase(next).active).toBe(true);
    expect(scratchOnlyPhase(next).allocatable.length).toBe(kho.scratch.length);
  });

  it('allocations never land in scratch; the memory map lists every region in order', () => {
    const kho = coldBootKho({ version: 'radix', machine: defaultMachine([2 * GiB]) });
    for (let i = 0; i < 50; i++) allocExtent(kho, 2 ** (i % 9), { use: 'x', owner: 'x', content: { t: 'zero' }, order: i % 9 });
    const map = khoMemoryMap(kho);
    const scratch = map.regions.filter((r) => r.kind === 'scratch');
    for (const r of map.regions.filter((x) => x.kind === 'allocated'))
      for (const s of scratch) expect(r.start + r.size <= s.start || s.start + s.size <= r.start).toBe(true);
    for (let i = 1; i < map.regions.length; i++) expect(map.regions[i].start).toBeGreaterThanOrEqual(map.regions[i - 1].start);
  });
});

describe('tracker sizes', () => {
  const run16G = [{ pfn: 0, count: (16 * GiB) / PAGE_SIZE, order: 0 }];

  it('6.16: 512-byte bitmaps, 16 GiB of order 0 needs 512 KiB of bitmaps', () => {
    const t = trackerSize(run16G, '6.16');
    expect(t.bitmaps).toBe(1024);
    expect(t.bitmaps * 512).toBe(512 * 1024);
    expect(t.indexPages).toBe(Math.ceil(1024 / 255));
  });

  it('6.19: page bitmaps of 128 MiB each, 255 per chunk', () => {
    const t = trackerSize(run16G, '6.19');
    expect(t.bitmaps).toBe(128);
    expect(t.indexPages).toBe(1);
    expect(t.bytes).toBe(129 * PAGE_SIZE);
    const many = trackerSize([{ pfn: 0, count: 256 * 32768, order: 0 }], '6.19');
    expect(many.indexPages).toBe(2);
  });

  it('radix: "512KB bitmap covers 16GB of order-0" plus one table per level', () => {
    const t = trackerSize(run16G, 'radix');
    expect(t.bitmaps).toBe(128);
    expect(t.indexPages).toBe(5);
    // Orders share one tree: an order-9 run adds its own leaf path.
    const mixed = trackerSize([...run16G, { pfn: 2 ** 30, count: 4, order: 9 }], 'radix');
    expect(mixed.bitmaps).toBe(129);
  });

  it('scattered single pages cost a bitmap each', () => {
    const runs = Array.from({ length: 10 }, (_, i) => ({ pfn: i * 2 ** 20, count: 1, order: 0 }));
    expect(trackerSize(runs, '6.19').bitmaps).toBe(10);
    expect(trackerSize(runs, '6.16').bitmaps).toBe(10);
    expect(trackerSize([], 'radix').bytes).toBe(0);
  });

  it('page ranges split into naturally aligned blocks', () => {
    expect(splitRange(3, 5)).toEqual([
      { pfn: 3, count: 1, order: 0 },
      { pfn: 4, count: 1, order: 2 },
    ]);
    expect(splitRange(0, 1024)).toEqual([{ pfn: 0, count: 1, order: 10 }]);
    expect(blockRuns([{ pa: 0, pages: 8, order: 0, preserved: 'vmalloc' }])).toEqual([{ pfn: 0, count: 8, order: 0 }]);
  });
});

describe('format comparison', () => {
  it('a fully populated file: memfd-v1 costs 16 B a folio and no extra memory', () => {
    const c = compareFormats({ fileBytes: 16 * GiB, fill: 1, folioBytes: PAGE_SIZE });
    const v1 = c.rows.find((r) => r.format === 'memfd-v1')!;
    expect(c.folios).toBe(4 * 1024 * 1024);
    expect(v1.extraMemoryBytes).toBe(0);
    const arrayPages = (16 * 4 * 1024 * 1024) / PAGE_SIZE;
    expect(v1.metadataBytes).toBe((arrayPages + Math.ceil(arrayPages / 511) + 1) * PAGE_SIZE);
  });

  it('a 1 TiB cache 1 % populated: memfd-v1 fills 99 % with new pages; sparse and radix do not', () => {
    const c = compareFormats({ fileBytes: 1024 * GiB, fill: 0.01, folioBytes: PAGE_SIZE });
    const [v1, sparse, radix] = c.rows;
    expect(v1.extraMemoryBytes).toBe((c.folios - c.populated) * PAGE_SIZE);
    expect(v1.extraMemoryBytes / (1024 * GiB)).toBeCloseTo(0.99, 2);
    expect(sparse.extraMemoryBytes).toBe(0);
    expect(sparse.metadataBytes).toBeLessThan(v1.metadataBytes / 10);
    expect(radix.metadataBytes).toBeLessThan(sparse.metadataBytes);
  });

  it('2 MiB folios cut memfd-v1 metadata 512-fold', () => {
    const small = compareFormats({ fileBytes: 1024 * GiB, fill: 1, folioBytes: PAGE_SIZE }).rows[0].metadataBytes;
    const huge = compareFormats({ fileBytes: 1024 * GiB, fill: 1, folioBytes: 2 * MiB }).rows[0].metadataBytes;
    expect(small / huge).toBeGreaterThan(400);
  });

  it('series are chart-ready, one value per preset point and format', () => {
    const s = formatSeries(PAGE_SIZE);
    expect(s.labels.length).toBe(FORMAT_PRESETS.length);
    expect(s.series.map((x) => x.format)).toEqual(['memfd-v1', 'sparse', 'radix']);
    for (const x of s.series) expect(x.metadataBytes.length).toBe(FORMAT_PRESETS.length);
    const sweep = fillSweep(GiB, PAGE_SIZE);
    const extra = sweep.series[0].extraMemoryBytes;
    for (let i = 1; i < extra.length; i++) expect(extra[i]).toBeGreaterThanOrEqual(extra[i - 1]);
    expect(compareFormats({ fileBytes: GiB, fill: 0.5, folioBytes: PAGE_SIZE, placement: 'scattered' }).rows[2].metadataBytes).toBeGreaterThan(
      compareFormats({ fileBytes: GiB, fill: 0.5, folioBytes: PAGE_SIZE }).rows[2].metadataBytes,
    );
  });
});
