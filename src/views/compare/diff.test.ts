import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveLayout, type Violation } from '../../sim/machine';
import { presetMachine } from '../../sim/machine/test-helpers';
import { figureSections, type FigureSection } from '../figures/figures';
import { diffSections, diffWarnings, formatDelta } from './diff';

const sectionsOf = (slug: string) => figureSections(deriveLayout(presetMachine(slug)));

describe('formatDelta', () => {
  it('signs the difference and keeps the unit', () => {
    expect(formatDelta('bytes', 2 ** 30, 3 * 2 ** 30)).toBe('+2.00 GiB');
    expect(formatDelta('bytes', 3 * 2 ** 30, 2 ** 30)).toBe('\u22122.00 GiB');
    expect(formatDelta('count', 4, 1)).toBe('\u22123');
    expect(formatDelta('ns', 90, 170)).toBe('+80 ns');
    expect(formatDelta('text', 'Movable', 'Normal')).toBe('changed');
    expect(formatDelta('bytes', undefined, 5)).toBe('added');
    expect(formatDelta('bytes', 5, undefined)).toBe('removed');
    expect(formatDelta('bytes', 5, 5)).toBeNull();
  });
  it('is null exactly when equal, and its sign is the sign of after − before', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 50 }), fc.integer({ min: 0, max: 2 ** 50 }), (a, b) => {
        const d = formatDelta('bytes', a, b);
        if (a === b) expect(d).toBeNull();
        else expect(d?.[0]).toBe(b > a ? '+' : '\u2212');
      }),
    );
  });
});

describe('diffSections', () => {
  it('finds nothing between a layout and itself', () => {
    const s = sectionsOf('two-socket-dram-optane');
    const d = diffSections(s, s);
    expect(d.every((x) => x.changed === 0)).toBe(true);
    expect(d.flatMap((x) => x.groups).every((g) => g.status === 'same')).toBe(true);
  });

  it('flags exactly the row that changed, with its difference', () => {
    const s = sectionsOf('two-socket-dram-optane');
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 2 ** 40 }), (pick, by) => {
        const rows = s.flatMap((sec, si) => sec.groups.flatMap((g, gi) => g.rows.map((r, ri) => ({ si, gi, ri, r })))).filter((x) => x.r.unit === 'bytes' && typeof x.r.value === 'number');
        const t = rows[pick % rows.length];
        const after: FigureSection[] = structuredClone(s);
        after[t.si].groups[t.gi].rows[t.ri].value = (t.r.value as number) + by;
        const d = diffSections(s, after);
        const changed = d.flatMap((x) => x.groups.flatMap((g) => g.rows.filter((r) => r.status !== 'same').map((r) => ({ g: g.key, r }))));
        expect(changed.length).toBe(1);
        expect(changed[0].g).toBe(s[t.si].groups[t.gi].key);
        expect(changed[0].r.key).toBe(t.r.key);
        expect(changed[0].r.delta?.startsWith('+')).toBe(true);
        expect(d[t.si].changed).toBe(1);
        expect(d[t.si].groups[t.gi].status).toBe('changed');
      }),
      { numRuns: 50 },
    );
  });

  it('matches nodes by id between two presets, and marks the ones only one side has', () => {
    const smdk = sectionsOf('cxl-smdk-group-node'); // 4 nodes
    const separate = sectionsOf('cxl-separate-nodes'); // 6 nodes
    const nodes = diffSections(smdk, separate).find((x) => x.key === 'nodes')!;
    expect(nodes.groups.map((g) => g.key)).toEqual(['0', '1', '2', '3', '4', '5']);
    expect(nodes.groups.filter((g) => g.status === 'added').map((g) => g.key)).toEqual(['4', '5']);
    const back = diffSections(separate, smdk).find((x) => x.key === 'nodes')!;
    expect(back.groups.filter((g) => g.status === 'removed').map((g) => g.key)).toEqual(['4', '5']);
    expect(back.groups.find((g) => g.key === '4')!.rows.every((r) => r.after === undefined && r.delta === 'removed')).toBe(true);
  });
});

describe('diffWarnings', () => {
  const w = (rule: string, path = '$'): Violation => ({ rule, path, message: `${rule} broken`, severity: 'warning' });
  it('splits warnings into added, removed and kept', () => {
    const d = diffWarnings([w('a'), w('b')], [w('b'), w('c'), w('a', '$.dax[0]')]);
    expect(d.added.map((x) => `${x.rule}${x.path}`)).toEqual(['c$', 'a$.dax[0]']);
    expect(d.removed.map((x) => x.rule)).toEqual(['a']);
    expect(d.kept.map((x) => x.rule)).toEqual(['b']);
  });
});
