import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../dispatch';

async function sim(argv: string[]) {
  let out = '';
  let err = '';
  const code = await dispatch(argv, { readStdin: async () => '', readFile: (p) => readFile(p, 'utf8'), out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('sim layout', () => {
  const file = path.resolve(__dirname, '../../scenarios/devdax-system-ram.json');
  it('prints the derived figures and the commands of a preset', async () => {
    const r = await sim(['layout', file]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.nodes.map((n: { kind: string }) => n.kind)).toEqual(['cpu+memory', 'cpu+memory', 'memory-only', 'memory-only']);
    expect(j.tiers.map((t: { id: number }) => t.id)).toEqual([4, 22]);
    expect(j.spans).toBeUndefined();
    expect(j.spanCount).toBeGreaterThan(0);
    expect(j.commands.daxctl[0]).toBe('daxctl reconfigure-device --mode=system-ram dax1.0');
  });

  it('reports a bad machine with its JSON path', async () => {
    const bad = {
      schema: 'handover-lab/scenario@1',
      name: 'bad',
      machine: {
        name: 'bad',
        nodes: [{ id: 0, cpus: [0] }],
        ranges: [{ id: 'ram', start: '4G', size: '4G', type: 'system-ram', node: 0 }],
        pmem: { namespaces: [{ id: 'namespace0.0', region: 'region9', start: '16G', size: '1G' }] },
      },
    };
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'sim-layout-')), 'bad.json');
    await writeFile(file, JSON.stringify(bad));
    const r = await sim(['layout', file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/\$\.machine\.pmem\.namespaces\[0\]\.region: region "region9" is not in pmem\.regions/);
  });
});
