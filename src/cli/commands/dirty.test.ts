import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../dispatch';

const CASES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/oracles/uffd/cases');

async function sim(argv: string[], stdin: string) {
  let out = '';
  let err = '';
  const code = await dispatch(argv, {
    readStdin: async () => stdin,
    readFile: async (p) => (p === 'trace.txt' ? stdin : Promise.reject(new Error(`cannot read ${p}`))),
    out: (t) => (out += t),
    err: (t) => (err += t),
  });
  return { code, out, err };
}

const caseText = (name: string, ext: string) => readFileSync(path.join(CASES, `${name}.${ext}`), 'utf8');

describe('sim dirty', () => {
  it('prints what the kernel printed for seq_writes', async () => {
    const r = await sim(['dirty'], caseText('seq_writes', 'trace'));
    expect(r.code).toBe(0);
    expect(r.out).toBe(caseText('seq_writes', 'expected'));
  });

  it('mirrors the oracle exit code 2 after its error line (sync_mode)', async () => {
    const r = await sim(['dirty'], caseText('sync_mode', 'trace'));
    expect(r.code).toBe(2);
    expect(r.out.trimEnd().split('\n').at(-1)).toBe('error ioctl(PAGEMAP_SCAN) errno=1 (Operation not permitted)');
  });

  it('reads the trace from a file argument too', async () => {
    const r = await sim(['dirty', 'trace.txt'], 'config pages=4\nw 1\nscan\n');
    expect(r.out.split('\n')[1]).toBe('scan#1 written=1 ranges=[1] pages=[1]');
  });

  it('simulates a soft-dirty kernel on request and refuses it on arm64', async () => {
    const probe = caseText('softdirty_probe', 'trace');
    expect((await sim(['dirty', '--soft-dirty'], probe)).out).toContain('bit55_after_clear=0 bit55_after_write=1 scan_soft_dirty_regions=1');
    const arm = await sim(['dirty', '--arch', 'arm64', '--soft-dirty'], probe);
    expect(arm.code).toBe(2);
    expect(arm.err).toMatch(/^sim dirty: arm64 has no soft-dirty/);
    const ppc = await sim(['dirty', '--arch', 'ppc64'], probe);
    expect(ppc.out).toContain('error UFFDIO_API(features) errno=95 (Operation not supported)');
    expect((await sim(['dirty', '--arch', 'vax'], probe)).code).toBe(2);
  });

  it('reports the crash the oracle would have on a guard page', async () => {
    const r = await sim(['dirty'], 'config pages=8\nguard 0-1\nr 0\n');
    expect(r.code).toBe(139);
    expect(r.err).toContain('SIGSEGV');
  });
});
