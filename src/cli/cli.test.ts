import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { dispatch } from './dispatch';

export async function sim(argv: string[], stdin = '') {
  let out = '';
  let err = '';
  const code = await dispatch(argv, {
    readStdin: async () => stdin,
    readFile: async (p) => readFile(p, 'utf8'),
    out: (t) => (out += t),
    err: (t) => (err += t),
  });
  return { code, out, err };
}

const quickstart = path.resolve(__dirname, '../scenarios/quickstart-vm-host.json');

describe('sim run', () => {
  it('prints timeNs, events and logHash, the same on every run', async () => {
    const a = await sim(['run', quickstart, '--until', '300ms']);
    const b = await sim(['run', quickstart, '--until', '300ms']);
    expect(a.code).toBe(0);
    const s = JSON.parse(a.out);
    expect(Object.keys(s)).toEqual(['timeNs', 'events', 'logHash']);
    expect(s.timeNs).toBe(300e6);
    expect(s.logHash).toMatch(/^[0-9a-f]{16}$/);
    expect(b.out).toBe(a.out);
    const c = await sim(['run', quickstart, '--until', '300ms', '--seed', '7']);
    expect(JSON.parse(c.out).logHash).not.toBe(s.logHash);
  });

  it('runs to the scenario duration by default', async () => {
    const r = await sim(['run', quickstart]);
    expect(JSON.parse(r.out).timeNs).toBe(2e9);
  });

  it.each([
    [['nope'], /unknown command "nope"/],
    [['run'], /expected one scenario file/],
    [['run', quickstart, '--until', '3 parsecs'], /--until: invalid duration/],
    [['run', quickstart, '--seed', '-4'], /--seed: expected an integer/],
    [['run', quickstart, '--frobnicate'], /unknown option --frobnicate/],
    [['run', '/nonexistent.json'], /ENOENT/],
  ])('%j fails with one line on stderr and exit code 2', async (argv, msg) => {
    const r = await sim(argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(msg);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  });
});
