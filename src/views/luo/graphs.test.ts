import { describe, expect, it } from 'vitest';
import { MAINLINE_LIFECYCLES } from '../../sim/luo/describe';
import { arcLevels, arcPath, arrowHead, type GraphModel } from './graphShapes';
import { kexecBoundaryY, LIFECYCLE_EDGES, LIFECYCLE_STATES, lifecycleGraph, opLifecycle, type LifecycleInput } from './lifecycleGraph';
import { rfcGraph, rfcPathOf } from './rfcGraph';

const allowed = (...ok: string[]) => ['prepare', 'freeze', 'cancel', 'finish', 'kexec'].map((label) => ({ label, allowed: ok.includes(label) }));
const node = (g: GraphModel, id: string) => g.nodes.find((n) => n.id === id)!;
const edge = (g: GraphModel, id: string) => g.edges.find((e) => e.id === id)!;

function overlaps(g: GraphModel): string[] {
  const bad: string[] = [];
  for (const a of g.nodes)
    for (const b of g.nodes)
      if (a.id < b.id && !(a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y)) bad.push(`${a.id}/${b.id}`);
  return bad;
}

describe('RFC v2 graph', () => {
  it('marks the current state, the events possible now, and nothing else', () => {
    const g = rfcGraph({ current: 'prepared', allowed: allowed('freeze', 'cancel', 'kexec'), last: null, preview: null, selected: null });
    expect(node(g, 'prepared').classes).toContain('current');
    expect(g.nodes.filter((n) => n.classes.includes('current')).map((n) => n.id)).toEqual(['prepared']);
    expect(g.edges.filter((e) => e.marks.includes('possible')).map((e) => e.id).sort()).toEqual(['prepared-cancel', 'prepared-freeze']);
    expect(g.edges.some((e) => e.marks.includes('taken'))).toBe(false);
    expect(overlaps(g)).toEqual([]);
  });

  it('keeps the last transition highlighted, and a failed one highlights nothing', () => {
    const g = rfcGraph({ current: 'frozen', allowed: allowed('cancel', 'kexec'), last: { op: 'freeze', ok: true, from: 'prepared', to: 'frozen' }, preview: null, selected: null });
    expect(g.edges.filter((e) => e.marks.includes('taken')).map((e) => e.id)).toEqual(['prepared-freeze']);
    const refused = rfcGraph({ current: 'frozen', allowed: [], last: { op: 'finish', ok: false, from: 'frozen', to: 'frozen' }, preview: null, selected: null });
    expect(refused.edges.some((e) => e.marks.includes('taken'))).toBe(false);
  });

  it('previews the hovered event: target outlined, current state unchanged', () => {
    const g = rfcGraph({ current: 'prepared', allowed: allowed('freeze'), last: null, preview: { event: 'freeze', ok: true, nextState: 'frozen' }, selected: null });
    expect(node(g, 'frozen').classes).toContain('preview');
    expect(node(g, 'frozen').classes).not.toContain('current');
    expect(node(g, 'prepared').classes).toContain('current');
    expect(edge(g, 'prepared-freeze').marks).toContain('preview');
    const refused = rfcGraph({ current: 'frozen', allowed: [], last: null, preview: { event: 'finish', ok: false, nextState: 'frozen' }, selected: null });
    expect(refused.nodes.some((n) => n.classes.includes('preview'))).toBe(false);
  });

  it('reboot(KEXEC) in PREPARED walks freeze then kexec', () => {
    expect(rfcPathOf('kexec', 'prepared', 'updated')).toEqual(['prepared-freeze', 'frozen-kexec']);
    expect(rfcPathOf('kexec', 'normal', 'normal')).toEqual([]);
    expect(rfcPathOf('cancel', 'frozen', 'normal')).toEqual(['frozen-cancel']);
  });

  it('draws cancel over the top (nested) and finish along the bottom', () => {
    const g = rfcGraph({ current: 'normal', allowed: [], last: null, preview: null, selected: null });
    expect(edge(g, 'prepared-cancel')).toMatchObject({ shape: 'arc', side: 'above', level: 1 });
    expect(edge(g, 'frozen-cancel')).toMatchObject({ shape: 'arc', side: 'above', level: 2 });
    expect(edge(g, 'updated-finish')).toMatchObject({ shape: 'arc', side: 'below', level: 1 });
    expect(edge(g, 'normal-prepare').shape).toBe('straight');
  });
});

const emptyInput: LifecycleInput = { sessions: {}, files: {}, filesOf: 'all', focusStatus: null, focusName: null, taken: [], possible: [], preview: { nodes: [], edges: [] } };

describe('mainline lifecycle graph', () => {
  it('has an edge for every documented lifecycle transition', () => {
    const events = new Set(LIFECYCLE_EDGES.map((e) => e.event));
    for (const list of Object.values(MAINLINE_LIFECYCLES))
      for (const t of list) if (t.event !== 'open' && t.event !== 'close-dev') expect(events.has(t.event)).toBe(true);
    // Every edge joins two drawn states.
    const ids = new Set(LIFECYCLE_STATES.map((s) => s.id));
    for (const e of LIFECYCLE_EDGES) expect(ids.has(e.from) && ids.has(e.to)).toBe(true);
  });

  it('puts counts on the nodes and marks the focused session', () => {
    const g = lifecycleGraph({ ...emptyInput, sessions: { active: 2000, retrieved: 1 }, files: { retrieved: 500 }, focusStatus: 'retrieved', focusName: 'vm0' });
    expect(node(g, 's:active').sub).toBe('2,000 sessions');
    expect(node(g, 's:active').classes).toContain('occupied');
    expect(node(g, 's:frozen').classes).toContain('empty');
    expect(node(g, 's:retrieved').classes).toContain('current');
    expect(node(g, 's:retrieved').sub).toBe('1 session · vm0');
    expect(node(g, 'f:retrieved').sub).toBe('500 files');
    expect(overlaps(g)).toEqual([]);
  });

  it('lines both lanes up at the kexec: this kernel above, the next kernel below', () => {
    const g = lifecycleGraph(emptyInput);
    const y = kexecBoundaryY(g);
    for (const id of ['s:active', 's:frozen', 'f:preserved', 'f:frozen']) expect(node(g, id).y + node(g, id).height).toBeLessThan(y);
    for (const id of ['s:deserialized', 's:retrieved', 's:finished', 'f:deserialized', 'f:retrieved']) expect(node(g, id).y).toBeGreaterThan(y);
    expect(node(g, 's:frozen').y).toBe(node(g, 'f:frozen').y);
    expect(node(g, 's:deserialized').x + node(g, 's:deserialized').width).toBeLessThan(node(g, 'f:deserialized').x);
    // Session arcs run left of the sessions, file arcs right of the files.
    expect(edge(g, 's:active>s:none')).toMatchObject({ shape: 'arc', side: 'left', orient: 'TB' });
    expect(edge(g, 'f:frozen>f:preserved')).toMatchObject({ shape: 'arc', side: 'right' });
    expect(edge(g, 'f:deserialized>f:gone').base).toBeGreaterThanOrEqual(node(g, 'f:retrieve-failed').x + node(g, 'f:retrieve-failed').width);
    expect(edge(g, 's:active>s:none').base).toBeLessThanOrEqual(Math.min(...g.nodes.filter((n) => n.id.startsWith('s:')).map((n) => n.x)));
  });

  it('maps operations to the lifecycle edges they take', () => {
    expect(opLifecycle('retrieve-fd vm0 0x1').edges).toEqual(['f:deserialized>f:retrieved']);
    expect(opLifecycle('close vm0', () => 'incoming').nodes).toEqual(['s:closed']);
    expect(opLifecycle('close vm0', () => 'outgoing').nodes).toContain('s:none');
    expect(opLifecycle('kexec').device).toBe(true);
    expect(opLifecycle('fail memfd freeze').edges).toEqual([]);
    const ids = new Set(LIFECYCLE_EDGES.map((e) => e.id));
    for (const op of ['open', 'create a', 'preserve a 1 devnull', 'close a', 'retrieve a', 'retrieve-fd a 1', 'finish a', 'kexec', 'luod-exit'])
      for (const id of opLifecycle(op).edges) expect(ids.has(id), `${op}: ${id}`).toBe(true);
  });
});

describe('edge shapes', () => {
  it('nests arcs by span on each side', () => {
    const l = arcLevels([
      { id: 'wide', side: 'above', from: 3, to: 0 },
      { id: 'narrow', side: 'above', from: 1, to: 0 },
      { id: 'under', side: 'below', from: 3, to: 0 },
      { id: 'mid', side: 'above', from: 2, to: 0 },
    ]);
    expect(l).toEqual({ narrow: 1, mid: 2, wide: 3, under: 1 });
  });

  it('draws an arc from source to target through the line y0, and arrowheads tip at the point', () => {
    const d = arcPath(200, 50, 0, 50, 10);
    expect(d.startsWith('M 200 50')).toBe(true);
    expect(d.endsWith('L 0 50')).toBe(true);
    expect(d).toContain(' 10 ');
    // The same arc turned on its side: along the vertical line x = 10.
    const v = arcPath(50, 200, 50, 0, 10, 8, 'x');
    expect(v.startsWith('M 50 200')).toBe(true);
    expect(v.endsWith('L 50 0')).toBe(true);
    expect(v).toContain('L 10 ');
    expect(arrowHead(5, 5, 1, 0).startsWith('M 5 5')).toBe(true);
  });
});
