import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RFC_TRANSITIONS } from '../../sim/luo/describe';
import { layeredLayout, type LayoutEdge, type LayoutNode } from './layeredLayout';

const box = (id: string, extra: Partial<LayoutNode> = {}): LayoutNode => ({ id, width: 100, height: 40, ...extra });

/** True when target reaches source over edges not marked back (the back edge closes a cycle). */
function reaches(edges: LayoutEdge[], back: Set<string>, from: string, to: string): boolean {
  const seen = new Set([from]);
  const todo = [from];
  while (todo.length) {
    const v = todo.pop()!;
    if (v === to) return true;
    for (const e of edges) if (!back.has(e.id) && e.source === v && !seen.has(e.target)) seen.add(e.target), todo.push(e.target);
  }
  return false;
}

describe('layeredLayout', () => {
  it('lays the RFC v2 machine out as one row, NORMAL to UPDATED, with cancel and finish as back edges', () => {
    const edges = RFC_TRANSITIONS.map((t) => ({ id: `${t.from}-${t.event}`, source: t.from, target: t.to }));
    const l = layeredLayout(['normal', 'prepared', 'frozen', 'updated'].map((id) => box(id)), edges);
    const xs = ['normal', 'prepared', 'frozen', 'updated'].map((id) => l.nodes[id].x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(new Set(xs).size).toBe(4);
    expect(new Set(['normal', 'prepared', 'frozen', 'updated'].map((id) => l.nodes[id].y)).size).toBe(1);
    expect([...l.backEdges].sort()).toEqual(['frozen-cancel', 'prepared-cancel', 'updated-finish']);
    expect([...l.straightEdges].sort()).toEqual(['frozen-kexec', 'normal-prepare', 'prepared-freeze']);
  });

  it('keeps lanes apart and honours minLayer', () => {
    const l = layeredLayout(
      [box('a'), box('b'), box('c', { lane: 1, minLayer: 1 }), box('d', { lane: 1 })],
      [
        { id: 'ab', source: 'a', target: 'b' },
        { id: 'cd', source: 'c', target: 'd' },
      ],
    );
    expect(l.nodes.c.layer).toBe(1);
    expect(l.nodes.d.layer).toBe(2);
    expect(l.nodes.c.y).toBeGreaterThanOrEqual(l.nodes.a.y + 40);
    expect(l.nodes.c.x).toBe(l.nodes.b.x);
  });

  it('lays out top to bottom as left to right turned', () => {
    const nodes = [box('a', { width: 100, height: 40 }), box('b', { width: 100, height: 40 }), box('c', { lane: 1, width: 60, height: 30 })];
    const edges = [{ id: 'ab', source: 'a', target: 'b' }];
    const tb = layeredLayout(nodes, edges, { layerGap: 20, rowGap: 5, laneGap: 30, direction: 'TB' });
    expect(tb.nodes.a.x).toBe(tb.nodes.b.x);
    expect(tb.nodes.b.y).toBe(tb.nodes.a.y + 40 + 20);
    expect(tb.nodes.c.x).toBeGreaterThanOrEqual(tb.nodes.a.x + 100 + 30);
    expect(tb.nodes.a).toMatchObject({ width: 100, height: 40 });
    expect(tb.width).toBeGreaterThanOrEqual(tb.nodes.c.x + 60);
    expect(tb.height).toBe(40 + 20 + 40);
  });

  it('opens extra room before a layer when asked', () => {
    const nodes = ['a', 'b', 'c'].map((id) => box(id));
    const edges = [
      { id: 'ab', source: 'a', target: 'b' },
      { id: 'bc', source: 'b', target: 'c' },
    ];
    const plain = layeredLayout(nodes, edges, { layerGap: 10, rowGap: 5, laneGap: 5 });
    const gapped = layeredLayout(nodes, edges, { layerGap: 10, rowGap: 5, laneGap: 5, gapBefore: { 2: 30 } });
    expect(gapped.nodes.b.x).toBe(plain.nodes.b.x);
    expect(gapped.nodes.c.x - plain.nodes.c.x).toBe(30);
    expect(gapped.width - plain.width).toBe(30);
  });

  it('ignores edges to unknown nodes and handles an empty graph', () => {
    expect(layeredLayout([], []).layers).toBe(0);
    const l = layeredLayout([box('a')], [{ id: 'x', source: 'a', target: 'zz' }]);
    expect(l.nodes.a).toMatchObject({ x: 0, y: 0, layer: 0 });
  });

  it('on any graph: forward edges go right, back edges close cycles, nodes never overlap', () => {
    const graph = fc.integer({ min: 1, max: 12 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        lanes: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n }),
        widths: fc.array(fc.integer({ min: 10, max: 120 }), { minLength: n, maxLength: n }),
        edges: fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), { maxLength: 30 }),
      }),
    );
    fc.assert(
      fc.property(graph, ({ n, lanes, widths, edges }) => {
        const nodes = Array.from({ length: n }, (_, i) => box(`n${i}`, { lane: lanes[i], width: widths[i], height: 20 + (i % 3) * 10 }));
        const es = edges.map(([s, t], i) => ({ id: `e${i}`, source: `n${s}`, target: `n${t}` }));
        const l = layeredLayout(nodes, es, { layerGap: 10, rowGap: 5, laneGap: 8 });
        for (const e of es) {
          if (l.backEdges.has(e.id)) expect(reaches(es, l.backEdges, e.target, e.source)).toBe(true);
          else expect(l.nodes[e.target].layer).toBeGreaterThan(l.nodes[e.source].layer);
        }
        const ps = Object.values(l.nodes);
        expect(ps.length).toBe(n);
        for (let i = 0; i < ps.length; i++)
          for (let j = i + 1; j < ps.length; j++) {
            const a = ps[i];
            const b = ps[j];
            const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
            expect(apart).toBe(true);
          }
        for (const p of ps) {
          expect(p.x + p.width).toBeLessThanOrEqual(l.width + 1e-9);
          expect(p.y + p.height).toBeLessThanOrEqual(l.height + 1e-9);
        }
      }),
      { numRuns: 300 },
    );
  });
});
