import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEditOp, deriveLayout } from '../../sim/machine';
import { presetMachine } from '../../sim/machine/test-helpers';
import type { Machine } from '../../sim/machine/schema';
import { buildTopology, cpuList, selectedNodeOf, shortBytes, type Topology } from './build';

const topo = (m: Machine) => buildTopology(m, deriveLayout(m));
const box = (t: Topology, key: string) => t.boxes.find((b) => b.key === key);
const overlaps = (a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('buildTopology', () => {
  it('puts the fastest tier on top, compute below memory, CXL devices below compute', () => {
    const t = topo(presetMachine('cxl-separate-nodes'));
    expect(t.bands.map((b) => b.title)).toEqual(['memory_tier4', 'memory_tier22']);
    expect(t.bands[1].sub).toBe('adistance 2880');
    const dram = box(t, 'node0')!;
    const cxlNode = box(t, 'node2')!;
    const pkg = box(t, 'package0')!;
    const mem0 = box(t, 'memdev:mem0')!;
    expect(dram.y).toBeLessThan(cxlNode.y);
    expect(cxlNode.y).toBeLessThan(pkg.y);
    expect(pkg.y).toBeLessThan(mem0.y);
    expect(box(t, 'bridge:pci0000:34')!.y).toBeLessThan(mem0.y);
    // socket 0's CXL nodes sit in socket 0's column, left of socket 1's
    expect(cxlNode.x).toBeLessThan(box(t, 'node4')!.x);
    expect(mem0.lines[0]).toBe('region0 → node 2');
    expect(mem0.nodes).toEqual([2]);
  });

  it('labels demotion edges with the SLIT distance', () => {
    const t = topo(presetMachine('cxl-separate-nodes'));
    const e = t.edges.filter((x) => x.kind === 'demote');
    expect(e.map((x) => x.key).sort()).toEqual(['demote:0-2', 'demote:0-3', 'demote:1-4', 'demote:1-5']);
    expect(e.every((x) => x.label?.text === '14')).toBe(true);
    expect(t.matrix.d[0]).toEqual([10, 21, 14, 14, 24, 24]);
    expect(t.matrix.slit).toBe(true);
  });

  it('follows an SMDK grouping: two devices feed one node', () => {
    const m = presetMachine('cxl-separate-nodes');
    const r = applyEditOp(m, { op: 'setSmdkMode', args: [{ mode: 'group-node', version: 'v1' }] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const t = topo(r.machine);
    expect(box(t, 'memdev:mem0')!.lines[0]).toBe('region0 → node 2');
    expect(box(t, 'memdev:mem1')!.lines[0]).toBe('region1 → node 2');
    // nodes 4 and 5 are left without memory, outside every tier
    expect(t.bands.at(-1)?.title).toBe('no memory');
    expect(box(t, 'node5')!.faded).toBe(true);
  });

  it('shows another host sharing a CXL region, linked to the shared device', () => {
    const t = topo(presetMachine('cxl-shared-two-hosts'));
    const host = box(t, 'host:host-b')!;
    expect(host.lines[0]).toBe('maps region0 at 0x20000000000');
    const share = t.edges.filter((e) => e.kind === 'share');
    expect(share.map((e) => e.key)).toEqual(['share:mem0-host-b-region0']);
    expect(box(t, 'switch:switch0')!.title).toBe('switch0 +100 ns');
    // the shared device is drawn last, next to the other host
    expect(box(t, 'memdev:mem0')!.x).toBeGreaterThan(box(t, 'memdev:mem1')!.x);
    expect(t.columns.at(-1)?.host).toBe(true);
  });

  it('counts a DRAM pool beside the node’s RAM', () => {
    const m = presetMachine('dram-pool-hugetlb-guestmemfd-memfd');
    const pool = deriveLayout(m).pools[0];
    expect(box(topo(m), `node${pool.node}`)!.lines[0]).toContain(`${shortBytes(pool.size)} pool`);
  });

  it('a node box selects that node; a memdev its JSON path', () => {
    const t = topo(presetMachine('cxl-separate-nodes'));
    expect(box(t, 'node3')!.select).toEqual({ kind: 'node', id: '3' });
    expect(box(t, 'memdev:mem2')!.select).toEqual({ kind: 'range', id: '$.cxl.memdevs[2]' });
    expect(box(t, 'package1')!.select).toEqual({ kind: 'node', id: '1' });
  });

  it('no two boxes overlap, and everything is inside the drawing, on every preset', () => {
    for (const p of ['two-socket-dram-optane', 'cxl-separate-nodes', 'cxl-smdk-group-node', 'cxl-shared-two-hosts', 'devdax-system-ram', 'carveout-1g-shards-ramdax', 'dram-pool-hugetlb-guestmemfd-memfd']) {
      const t = topo(presetMachine(p));
      for (const [i, a] of t.boxes.entries()) {
        expect(a.x, `${p} ${a.key}`).toBeGreaterThanOrEqual(0);
        expect(a.x + a.w, `${p} ${a.key}`).toBeLessThanOrEqual(t.width);
        expect(a.y + a.h, `${p} ${a.key}`).toBeLessThanOrEqual(t.height);
        for (const b of t.boxes.slice(i + 1)) expect(overlaps(a, b), `${p}: ${a.key} overlaps ${b.key}`).toBe(false);
      }
      expect(t.boxes.filter((b) => b.kind === 'node').length).toBe(presetMachine(p).nodes.length);
    }
  });

  it('lays out any number of memory-only nodes per socket without overlap', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 0, maxLength: 6 }), (sockets) => {
        const base = presetMachine('two-socket-dram-optane');
        const extra = sockets.map((s, i) => ({ id: 2 + i, label: `cxl ${i}`, cpus: [], tier: 'cxl' as const, socket: s }));
        const m: Machine = { ...base, nodes: [...base.nodes, ...extra], distances: undefined, pmem: undefined, dax: undefined };
        const t = topo(m);
        const nodes = t.boxes.filter((b) => b.kind === 'node');
        expect(nodes.length).toBe(m.nodes.length);
        for (const [i, a] of nodes.entries()) for (const b of nodes.slice(i + 1)) expect(overlaps(a, b)).toBe(false);
        expect(t.matrix.slit).toBe(false);
        expect(t.matrix.d[0][1]).toBe(20);
      }),
      { numRuns: 20 },
    );
  });
});

describe('helpers', () => {
  it('prints CPU lists and sizes the way the tools do', () => {
    expect(cpuList([3, 0, 1, 2, 56, 57, 9])).toBe('0-3,9,56-57');
    expect(cpuList([])).toBe('');
    expect(shortBytes(190 * 2 ** 30)).toBe('190G');
    expect(shortBytes(1.5 * 2 ** 40)).toBe('1.5T');
    expect(shortBytes(512 * 2 ** 20)).toBe('512M');
  });

  it('finds the node of a selection', () => {
    const m = presetMachine('two-socket-dram-optane');
    const l = deriveLayout(m);
    expect(selectedNodeOf({ kind: 'node', id: '1' }, m, l)).toBe(1);
    expect(selectedNodeOf({ kind: 'range', id: '$.pmem.namespaces[2]' }, m, l)).toBe(1);
    expect(selectedNodeOf({ kind: 'range', id: 'node1-ram' }, m, l)).toBe(1);
    expect(selectedNodeOf({ kind: 'workload', id: 'x' }, m, l)).toBeNull();
    expect(selectedNodeOf({ kind: 'node', id: '' }, m, l)).toBeNull();
  });
});
