import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../dispatch';

async function sim(argv: string[]) {
  let out = '';
  let err = '';
  const code = await dispatch(argv, { readStdin: async () => '', readFile: (p) => readFile(p, 'utf8'), out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('sim namespace', () => {
  it('reproduces the 4 GiB devdax info block of samples/ndctl/read-infoblock-j-namespace0.0.json', async () => {
    const r = await sim(['namespace', '--size', '4G', '--mode', 'devdax', '--align', '2M', '--map', 'dev']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ dataOffsetBytes: 69206016, npfns: 1031680, usableBytes: 4225761280, metadataBytes: 69206016, metadataLocation: 'device' });
    expect(j.command).toBe('ndctl create-namespace --mode=devdax --size=4G --align=2M --map=dev');
  });

  it('reproduces the 1 TiB, 16M-aligned write-infoblock sample', async () => {
    const j = JSON.parse((await sim(['namespace', '--size', '1T', '--mode', 'fsdax', '--align', '16M'])).out);
    expect(j).toMatchObject({ dataOffsetBytes: 17196646400, npfns: 264237056 });
  });

  it('map=mem keeps struct pages in RAM', async () => {
    const j = JSON.parse((await sim(['namespace', '--size=4G', '--mode=fsdax', '--map=mem'])).out);
    expect(j).toMatchObject({ dataOffsetBytes: 2097152, metadataLocation: 'ram', ramBytes: j.npfns * 64 });
  });

  it('raw and sector have no pfn info block', async () => {
    expect(JSON.parse((await sim(['namespace', '--size', '1G', '--mode', 'raw'])).out)).toMatchObject({ npfns: null, metadataBytes: 0, metadataLocation: 'none' });
    const s = JSON.parse((await sim(['namespace', '--size', '1G', '--mode', 'sector'])).out);
    expect(s.npfns).toBeNull();
    expect(s.usableBytes + s.metadataBytes).toBe(2 ** 30);
  });

  it('refuses with exit 2 and a one-line message naming the rule', async () => {
    const r = await sim(['namespace', '--size', '4G', '--mode', 'devdax', '--start', '0x1200000']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^sim namespace: pmem\.ns-start-16M: fsdax and devdax namespaces must start on a 16 MiB boundary/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect((await sim(['namespace', '--size', '4G', '--mode', 'sector', '--map', 'dev'])).err).toMatch(/pmem\.ns-map-mode/);
    expect((await sim(['namespace', '--size', '4G', '--align', '3M'])).err).toMatch(/pmem\.ns-align-value/);
    expect((await sim(['namespace', '--mode', 'fsdax'])).err).toMatch(/--size is required/);
    expect((await sim(['namespace', '--size', '16M', '--align', '1G'])).code).toBe(2);
  });
});
