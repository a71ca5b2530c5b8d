import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filesSummary, filterSessions, nextSessionName, nextToken, scrollToRow, statusGroups, visibleRows } from './sessionList';

const sessions = Array.from({ length: 2000 }, (_, i) => ({ name: `s${i}`, dir: i % 2 ? ('incoming' as const) : ('outgoing' as const), status: i % 2 ? 'retrieved' : 'active' }));

describe('session list helpers', () => {
  it('groups by status in lifecycle order, with zero counts and unknown statuses kept', () => {
    const g = statusGroups({ retrieved: 3, active: 2000, weird: 1 });
    expect(g.map((x) => x.status)).toEqual(['active', 'frozen', 'deserialized', 'retrieved', 'finished', 'leaked', 'weird']);
    expect(g.find((x) => x.status === 'active')!.count).toBe(2000);
    expect(g.find((x) => x.status === 'frozen')!.count).toBe(0);
  });

  it('filters by name, direction and status; every word must match', () => {
    expect(filterSessions(sessions, 's1999').map((s) => s.name)).toEqual(['s1999']);
    expect(filterSessions(sessions, '')).toBe(sessions);
    expect(filterSessions(sessions, 'S19 in').every((s) => s.dir === 'incoming' && s.name.includes('s19'))).toBe(true);
    expect(filterSessions(sessions, 'retr').length).toBe(1000);
    expect(filterSessions(sessions, 'out s1').every((s) => s.dir === 'outgoing')).toBe(true);
    expect(filterSessions(sessions, 'nosuch')).toEqual([]);
  });

  it('renders only the rows on screen (plus overscan), and always covers the viewport', () => {
    expect(visibleRows(0, 200, 28, 2000, 0)).toEqual({ first: 0, end: 8 });
    expect(visibleRows(28 * 1990, 200, 28, 2000, 4)).toEqual({ first: 1986, end: 2000 });
    expect(visibleRows(0, 200, 28, 0)).toEqual({ first: 0, end: 0 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 10, max: 60 }), fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 8 }), (total, rowH, viewH, at, overscan) => {
        const maxScroll = Math.max(0, total * rowH - viewH);
        const scroll = at * maxScroll;
        const { first, end } = visibleRows(scroll, viewH, rowH, total, overscan);
        expect(first).toBeGreaterThanOrEqual(0);
        expect(end).toBeLessThanOrEqual(total);
        // Every row that intersects the viewport is rendered.
        const firstVisible = Math.floor(scroll / rowH);
        const lastVisible = Math.min(total - 1, Math.ceil((scroll + viewH) / rowH) - 1);
        expect(first).toBeLessThanOrEqual(firstVisible);
        if (viewH > 0) expect(end).toBeGreaterThan(lastVisible);
        // Never more than a screenful plus overscan.
        expect(end - first).toBeLessThanOrEqual(Math.ceil(viewH / rowH) + 1 + 2 * overscan);
      }),
    );
  });

  it('scrolls as little as needed to show a row', () => {
    expect(scrollToRow(0, 100, 200, 20)).toBe(0);
    expect(scrollToRow(6, 100, 200, 20)).toBe(100);
    expect(scrollToRow(20, 100, 200, 20)).toBe(220);
  });

  it('picks the next token and session name', () => {
    expect(nextToken([])).toBe(1);
    expect(nextToken([{ token: 1 }, { token: 7 }])).toBe(8);
    expect(nextSessionName(['vm0', 'vm1', 'vm3'])).toBe('vm2');
    expect(filesSummary([{ state: 'preserved' }, { state: 'frozen' }, { state: 'preserved' }])).toBe('3 files: 2 preserved, 1 frozen');
  });
});
