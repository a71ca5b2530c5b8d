import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEditOp } from '../../sim/machine';
import { presetMachine } from '../../sim/machine/test-helpers';
import { GiB, MiB } from '../../sim/units/size';
import {
  addCxlRegionOp,
  addDimmOp,
  addRegionOp,
  resizeOp,
  addNamespaceOp,
  blocksOf,
  cxlRegionChange,
  cxlRegionFormOf,
  daxChange,
  daxFormOf,
  freeHpa,
  namespaceChange,
  namespaceFormOf,
  namespaceUnit,
  nextId,
  nextNamespaceId,
  parseCountField,
  parseSizeField,
  planBlocks,
  planSplit,
  resizeTargets,
  splitSpace,
  targetOfSelection,
} from './forms';

const optane = presetMachine('two-socket-dram-optane');
const cxlSep = presetMachine('cxl-separate-nodes');
const ramdax = presetMachine('carveout-1g-shards-ramdax');

describe('parseSizeField', () => {
  it('accepts what the kernel tools write', () => {
    expect(parseSizeField('Size', '1G')).toEqual({ ok: true, value: GiB });
    expect(parseSizeField('Size', ' 512M ')).toEqual({ ok: true, value: 512 * MiB });
    expect(parseSizeField('Start', '0x10000000000', { allowZero: true })).toEqual({ ok: true, value: 2 ** 40 });
    expect(parseSizeField('Size', '4096')).toEqual({ ok: true, value: 4096 });
  });

  it('locates the bad part of the text', () => {
    const r = parseSizeField('Size', '12Q');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatchObject({ field: 'Size', column: 3 });
    expect(r.errors[0].message).toContain('unknown unit "Q"');
    const dot = parseSizeField('Size', '1.G');
    expect(!dot.ok && dot.errors[0].column).toBe(3);
    const word = parseSizeField('Size', 'big');
    expect(!word.ok && word.errors[0]).toMatchObject({ column: 1 });
    const tail = parseSizeField('Size', '1G x');
    expect(!tail.ok && tail.errors[0]).toMatchObject({ column: 4 });
  });

  it('refuses empty, zero and fractional bytes', () => {
    expect(parseSizeField('Size', '  ').ok).toBe(false);
    expect(parseSizeField('Size', '0').ok).toBe(false);
    expect(parseSizeField('Start', '0', { allowZero: true }).ok).toBe(true);
    const frac = parseSizeField('Size', '1.3K');
    expect(!frac.ok && frac.errors[0].message).toContain('whole number of bytes');
  });

  it('never throws, and every error has a column inside the text or none', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (s) => {
        const r = parseSizeField('Size', s);
        if (!r.ok) for (const e of r.errors) if (e.column !== undefined) expect(e.column).toBeLessThanOrEqual(s.length + 1);
      }),
    );
  });
});

describe('parseCountField', () => {
  it('takes whole numbers in range and locates other text', () => {
    expect(parseCountField('Count', '4', 1, 10)).toEqual({ ok: true, value: 4 });
    expect(parseCountField('Count', '11', 1, 10).ok).toBe(false);
    const r = parseCountField('Count', '4x', 1, 10);
    expect(!r.ok && r.errors[0].column).toBe(2);
  });
});

describe('planSplit', () => {
  const base = { region: 'region0', size: '', count: '', mode: 'devdax' as const, align: 2 * MiB, map: 'dev' as const };

  it('fills the free tail after the last namespace with shards of the given size', () => {
    const space = splitSpace(optane, 'region0')!;
    expect(space.end - space.at).toBe(1604170285056 - 1440 * GiB);
    const p = planSplit(optane, { ...base, size: '6G' });
    expect(p.ok && p.value).toMatchObject({ size: 6 * GiB, count: 9, start: space.at });
    if (!p.ok) return;
    const r = applyEditOp(optane, p.value.op);
    expect(r.ok && r.machine.pmem!.namespaces.filter((n) => n.region === 'region0').length).toBe(2 + 9);
  });

  it('sizes N namespaces so that the model accepts them and makes exactly N', () => {
    const p = planSplit(optane, { ...base, count: '4' });
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.value.count).toBe(4);
    expect(p.value.size % namespaceUnit(6, 'devdax', 2 * MiB)).toBe(0);
    const r = applyEditOp(optane, p.value.op);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.machine.pmem!.namespaces.length - optane.pmem!.namespaces.length).toBe(4);
  });

  it('for any count the plan is what splitRegion does, or an error that names Count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.constantFrom('fsdax' as const, 'devdax' as const), fc.constantFrom(2 * MiB, GiB), (n, mode, align) => {
        const p = planSplit(optane, { ...base, mode, align, count: String(n) });
        if (!p.ok) {
          expect(p.errors[0].field).toBe('Count');
          return;
        }
        const r = applyEditOp(optane, p.value.op);
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.machine.pmem!.namespaces.length - optane.pmem!.namespaces.length).toBe(n);
      }),
      { numRuns: 25 },
    );
  });

  it('says when a count and a size disagree, and when nothing is given', () => {
    const p = planSplit(optane, { ...base, size: '6G', count: '3' });
    expect(!p.ok && p.errors[0]).toMatchObject({ field: 'Count' });
    expect(!p.ok && p.errors[0].message).toContain('9 namespaces of 6G');
    expect(planSplit(optane, base).ok).toBe(false);
  });

  it('keeps ramdax labels out of the split', () => {
    const space = splitSpace(ramdax, ramdax.pmem!.regions[0].id)!;
    const region = ramdax.pmem!.regions[0];
    expect(space.end).toBe(region.start + region.size - 128 * 1024);
  });

  it('a 1 GiB shard on a 6-way Optane region is refused by the model with the size rule', () => {
    const p = planSplit(optane, { ...base, size: '1G' });
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    const r = applyEditOp(optane, p.value.op);
    expect(!r.ok && r.error.rule).toBe('pmem.ns-size-multiple');
  });
});

describe('namespace forms', () => {
  const ns = optane.pmem!.namespaces[0];

  it('sends only what changed', () => {
    const f = namespaceFormOf(ns);
    expect(namespaceChange(ns, f).ok).toBe(false);
    const r = namespaceChange(ns, { ...f, mode: 'devdax' });
    expect(r.ok && r.value).toMatchObject({ op: 'reconfigureNamespace', args: ['namespace0.0', { mode: 'devdax' }] });
    const s = namespaceChange(ns, { ...f, start: '0x10000200000' });
    expect(s.ok && s.value.args[1]).toEqual({ start: 0x10000200000 });
    if (s.ok) {
      const applied = applyEditOp(optane, s.value);
      expect(!applied.ok && applied.error.rule).toBe('pmem.ns-start-16M');
    }
  });

  it('reports every bad field at once', () => {
    const r = namespaceChange(ns, { ...namespaceFormOf(ns), size: 'x', start: '0xg' });
    expect(!r.ok && r.errors.map((e) => e.field)).toEqual(['Size', 'Start']);
  });

  it('adds a namespace with the next id of its region', () => {
    expect(nextNamespaceId(optane, 'region0')).toBe('namespace0.2');
    expect(nextNamespaceId(optane, 'region1')).toBe('namespace1.1');
    const r = addNamespaceOp(optane, { region: 'region1', size: '48G', start: '', mode: 'fsdax', align: 2 * MiB, map: 'mem' });
    expect(r.ok && r.value.args[0]).toMatchObject({ id: 'namespace1.1', size: 48 * GiB, map: 'mem' });
    expect(r.ok && 'start' in (r.value.args[0] as object)).toBe(false);
  });

  it('next ids skip the ones taken', () => {
    expect(nextId(['mem0', 'mem1', 'mem3'], 'mem')).toBe('mem2');
    expect(nextId([], 'nmem')).toBe('nmem0');
  });
});

describe('dax and CXL forms', () => {
  it('daxctl: only the changed flags', () => {
    const d = optane.dax![0];
    const r = daxChange(d, { ...daxFormOf(d), mode: 'system-ram', movable: false });
    expect(r.ok && r.value.args).toEqual([d.id, { mode: 'system-ram', movable: false }]);
    expect(daxChange(d, daxFormOf(d)).ok).toBe(false);
  });

  it('keeps interleave positions when ways change', () => {
    expect(resizeTargets(['mem0'], 2, ['mem0', 'mem1', 'mem2'])).toEqual(['mem0', 'mem1']);
    expect(resizeTargets(['mem2', 'mem0'], 1, ['mem0', 'mem1'])).toEqual(['mem2']);
    expect(resizeTargets([], 3, ['mem0'])).toEqual(['mem0', '', '']);
  });

  it('an unsupported interleave comes back from the model with its rule', () => {
    const region = cxlSep.cxl!.regions[0];
    const f = cxlRegionFormOf(region);
    const r = cxlRegionChange(region, { ...f, ways: 2, targets: ['mem0', 'mem1'], size: '256G' });
    expect(r.ok && r.value.args[1]).toEqual({ ways: 2, targets: ['mem0', 'mem1'], size: 256 * GiB });
    if (!r.ok) return;
    const applied = applyEditOp(cxlSep, r.value);
    expect(applied.ok).toBe(false);
    const empty = cxlRegionChange(region, { ...f, ways: 2, targets: ['mem0', ''] });
    expect(!empty.ok && empty.errors[0].field).toBe('Position 1');
  });

  it('places a new region at the first free 256 MiB in its window', () => {
    expect(freeHpa(cxlSep, 'decoder0.0', 64 * GiB)).toBe(0x40000000000 + 128 * GiB);
    expect(freeHpa(cxlSep, 'decoder0.0', 200 * GiB)).toBeNull();
    const r = addCxlRegionOp(cxlSep, { decoder: 'decoder0.0', type: 'ram', ways: 1, granularity: 256, targets: ['mem0'], size: '64G', start: '', dax: 'devdax' });
    expect(r.ok && r.value.args[0]).toMatchObject({ id: 'region4', start: 0x40000000000 + 128 * GiB });
  });
});

describe('planBlocks', () => {
  it('turns memoryN numbers into a block-aligned setBlocks', () => {
    const { first, count } = blocksOf(optane, optane.ranges[3].start, optane.ranges[3].size);
    expect(first).toBe(2);
    expect(count).toBe(95);
    const p = planBlocks(optane, { first: '10', count: '2', action: 'offline', zone: '' });
    expect(p.ok && p.value.op).toMatchObject({ op: 'setBlocks', args: [10 * 2 * GiB, 2, { online: false }] });
    expect(p.ok && p.value.summary).toBe('offlined memory10–memory11');
    if (!p.ok) return;
    const r = applyEditOp(optane, p.value.op);
    expect(r.ok).toBe(true);
  });

  it('onlining into another zone names the zone', () => {
    const p = planBlocks(optane, { first: '10', count: '1', action: 'online', zone: 'Movable' });
    expect(p.ok && p.value.op.args[2]).toEqual({ online: true, zone: 'Movable' });
    if (p.ok) {
      const r = applyEditOp(optane, p.value.op);
      expect(!r.ok && r.error.rule).toBe('zone.online-movable-adjacent');
    }
  });
});

describe('targetOfSelection', () => {
  it('maps the map’s JSON paths to the editor section and object', () => {
    expect(targetOfSelection({ kind: 'range', id: '$.pmem.namespaces[1]' }, optane)).toEqual({ section: 'pmem', kind: 'namespace', id: 'namespace0.1' });
    expect(targetOfSelection({ kind: 'range', id: '$.pmem.regions[1]' }, optane)).toEqual({ section: 'pmem', kind: 'region', id: 'region1' });
    expect(targetOfSelection({ kind: 'range', id: '$.dax[1]' }, optane)).toEqual({ section: 'dax', kind: 'dax', id: 'dax1.0' });
    expect(targetOfSelection({ kind: 'range', id: '$.cxl.regions[2].ways' }, cxlSep)).toEqual({ section: 'cxl', kind: 'region', id: 'region2' });
    expect(targetOfSelection({ kind: 'range', id: '$.cxl.rootDecoders[3]' }, cxlSep)).toEqual({ section: 'cxl', kind: 'region', id: 'region3' });
    expect(targetOfSelection({ kind: 'range', id: '$.ranges[3]' }, optane)).toEqual({ section: 'blocks', kind: 'range', id: 'node0-ram' });
    expect(targetOfSelection({ kind: 'range', id: 'pmem-socket1' }, optane)).toEqual({ section: 'pmem', kind: 'region', id: 'region1' });
  });

  it('ignores what it cannot edit', () => {
    expect(targetOfSelection({ kind: 'node', id: '0' }, optane)).toBeNull();
    expect(targetOfSelection({ kind: 'range', id: '$.pmem.namespaces[99]' }, optane)).toBeNull();
    expect(targetOfSelection({ kind: 'range', id: '$.pools[0]' }, optane)).toBeNull();
    expect(targetOfSelection(null, optane)).toBeNull();
  });
});

describe('DIMM and region forms', () => {
  it('adds a DIMM and an NFIT region the model accepts', () => {
    const d = addDimmOp(optane, { node: '1', capacity: '256G' });
    expect(d.ok && d.value.args[0]).toMatchObject({ id: 'nmem12', node: 1, capacity: 256 * GiB });
    if (!d.ok) return;
    const withDimm = applyEditOp(optane, d.value);
    expect(withDimm.ok).toBe(true);
    if (!withDimm.ok) return;
    const r = addRegionOp(withDimm.machine, { provider: 'nfit', node: '1', start: '0x50000000000', size: '128G', dimms: ['nmem12'], dimmOffset: '0' });
    expect(r.ok && r.value.args[0]).toMatchObject({ id: 'region2', dimms: ['nmem12'], start: 0x50000000000 });
    const noDimm = addRegionOp(optane, { provider: 'nfit', node: '0', start: '0x50000000000', size: '128G', dimms: [], dimmOffset: '0' });
    expect(!noDimm.ok && noDimm.errors[0].field).toBe('DIMMs');
  });

  it('a resize to the same size is caught before the worker', () => {
    expect(resizeOp('resizeRegion', 'region0', 2 * GiB, '2G', 'Size').ok).toBe(false);
    const r = resizeOp('resizeRegion', 'region0', 1604170285056, '1T', 'Size');
    expect(r.ok && r.value.args).toEqual(['region0', 2 ** 40]);
    if (r.ok) {
      const applied = applyEditOp(optane, r.value);
      expect(!applied.ok && applied.error.rule).toBe('pmem.region-busy');
    }
  });
});
