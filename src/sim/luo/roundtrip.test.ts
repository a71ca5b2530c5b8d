// The KHO restore round trip with LUO: a memfd's pages (a seeded hash per page) survive kexec in
// the same physical pages; what is not preserved does not. Plus the memfd-v1 handler's rules.
import { describe, expect, it } from 'vitest';
import { unpreserveExtent } from '../kho/kho';
import { khoTree } from '../kho/fdt';
import { khoMemoryMap } from '../kho/memmap';
import { holePages, pageHashes } from './files';
import { parseLuoScript, runLuoScript, runParsed } from './script';
import { lines } from './testing';
import type { LuoSystem } from './types';

const LATEST = { model: 'mainline', kernel: 'latest' } as const;

function continueWith(sys: LuoSystem, script: string): string[] {
  return runParsed(sys, parseLuoScript(script, sys.model));
}

describe('memfd round trip through KHO', () => {
  it('page contents and physical pages survive; holes come back as zero pages', () => {
    const { system: sys } = runLuoScript(lines('open', 'create s', 'preserve s 0x1a memfd:64K:fill=0.5@m'), LATEST);
    const f = sys.files[String(sys.labels.m)];
    const hashes = pageHashes(sys, f);
    expect(hashes.slice(0, 8).every((h) => h !== 0)).toBe(true);
    expect(hashes.slice(8).every((h) => h === 0)).toBe(true);
    const pas = f.runs.map((r) => [r.index, r.count, r.pa]);
    expect(continueWith(sys, lines('close-dev', 'kexec', 'open', 'retrieve s', 'retrieve-fd s 0x1a'))[4]).toMatch(/intact=yes$/);
    const g = Object.values(sys.files).find((x) => x.kind === 'memfd' && x.luoRefs === 1)!;
    expect(pageHashes(sys, g)).toEqual(hashes);
    expect(g.runs.map((r) => [r.index, r.count, r.pa]).sort((a, b) => a[0] - b[0])).toEqual(pas.sort((a, b) => a[0] - b[0]));
  });

  it('a folio whose preservation was dropped cannot be restored: retrieve fails with -EIO', () => {
    const { system: sys } = runLuoScript(lines('open', 'create s', 'preserve s 1 memfd:16K@m'), LATEST);
    const f = sys.files[String(sys.labels.m)];
    unpreserveExtent(sys.kho, f.runs[0].pa);
    expect(continueWith(sys, lines('kexec', 'open', 'retrieve s', 'retrieve-fd s 1'))).toEqual(['ok', 'ok', 'ok', '-EIO']);
  });

  it('a memfd that was not preserved is gone after kexec', () => {
    const { system: sys } = runLuoScript(lines('open', 'create s', 'preserve s 1 memfd:4K@a', 'create t', 'preserve t 2 memfd:4K@b', 'close t'), LATEST);
    const b = sys.files[String(sys.labels.b)];
    const bPages = b.runs.map((r) => r.pa);
    const bContent = structuredClone(sys.kho.extents[String(bPages[0])].content);
    continueWith(sys, 'kexec');
    // The pages may be reused by the new kernel, but not with b's contents.
    for (const pa of bPages) expect(sys.kho.extents[String(pa)]?.content).not.toEqual(bContent);
    expect(Object.values(sys.kho.extents).filter((e) => e.use === 'memfd-data').length).toBe(1);
    expect(continueWith(sys, lines('open', 'retrieve t'))).toEqual(['ok', '-ENOENT']);
  });

  it('holes are filled at PRESERVE_FD, before the blackout: a sparse file becomes dense', () => {
    const { system: sys } = runLuoScript(lines('open', 'create s', 'preserve s 1 memfd:1M:fill=0.1@m'), LATEST);
    const f = sys.files[String(sys.labels.m)];
    expect(holePages(f)).toBe(0);
    expect(sys.holePagesFilled).toBe(256 - 26);
    const holes = khoMemoryMap(sys.kho).regions.filter((r) => r.use === 'memfd-hole');
    expect(holes.reduce((s, r) => s + r.size, 0)).toBe((256 - 26) * 4096);
    expect(holes.every((r) => r.kind === 'preserved')).toBe(true);
  });

  it('a 1 TiB cache 1 % populated cannot be preserved on a 64 GiB machine (-ENOMEM filling holes)', () => {
    const { system: sys, lines: out } = runLuoScript(lines('open', 'create s', 'preserve s 1 memfd:1T:fill=0.01@m'), LATEST);
    expect(out).toEqual(['ok', 'ok', '-ENOMEM']);
    expect(holePages(sys.files[String(sys.labels.m)])).toBeGreaterThan(0);
  });

  it('position is refreshed at freeze; seals are not preserved and the new descriptor is O_CLOEXEC', () => {
    const { system: sys } = runLuoScript(lines('open', 'create s', 'preserve s 1 memfd:8K@m'), LATEST);
    const f = sys.files[String(sys.labels.m)];
    f.pos = 1234; // moved after PRESERVE_FD; memfd freeze() copies it
    f.seals = ['F_SEAL_GROW', 'F_SEAL_SHRINK'];
    const out = continueWith(sys, lines('kexec', 'open', 'retrieve s', 'retrieve-fd s 1'));
    expect(out[3]).toMatch(/^ok size=8192 pos=1234 /);
    const g = Object.values(sys.files).find((x) => x.kind === 'memfd')!;
    expect(g.seals).toEqual([]);
    expect(g.cloexec).toBe(true);
  });

  it('hugetlb memfds and /dev/null are refused with -ENOENT', () => {
    expect(runLuoScript(lines('open', 'create s', 'preserve s 1 memfd-hugetlb:2M', 'preserve s 2 devnull'), LATEST).lines.slice(-2)).toEqual(['-ENOENT', '-ENOENT']);
  });

  it('the LUO subtree carries liveupdate-number and the session table', () => {
    const { system: sys } = runLuoScript(lines('open', 'create s', 'kexec'), { model: 'mainline', kernel: '6.19' });
    const tree = khoTree(sys.kho);
    const luoNode = tree.children.find((c) => c.name === 'LUO')!;
    const blob = luoNode.children[0];
    expect(blob.props).toContainEqual({ name: 'compatible', type: 'string', value: 'luo-v1' });
    expect(blob.props).toContainEqual({ name: 'liveupdate-number', type: 'u64', value: 2 });
    expect(blob.children[0].props[0]).toEqual({ name: 'compatible', type: 'string', value: 'luo-session-v2' });
  });

  it('unclaimed incoming memory stays reserved until the next kexec, which drops it', () => {
    const { system: sys } = runLuoScript(lines('open', 'create s', 'preserve s 1 memfd:64K', 'kexec'), LATEST);
    const memfdIncoming = () => khoMemoryMap(sys.kho).regions.filter((r) => r.kind === 'incoming' && r.use.startsWith('memfd')).reduce((s, r) => s + r.size, 0);
    expect(memfdIncoming()).toBe(64 * 1024 + 4096);
    continueWith(sys, 'kexec');
    expect(memfdIncoming()).toBe(0);
  });

  it('RFC v2: the same round trip through PREPARE / FREEZE / kexec / RESTORE', () => {
    const { system: sys } = runLuoScript(lines('preserve memfd:32K:fill=0.25@m', 'prepare', 'freeze'), { model: 'rfc-v2' });
    const want = pageHashes(sys, sys.files[String(sys.labels.m)]);
    const out = continueWith(sys, lines('kexec', 'restore 0'));
    expect(out[1]).toMatch(/intact=yes$/);
    const g = Object.values(sys.files).find((x) => x.kind === 'memfd')!;
    expect(pageHashes(sys, g)).toEqual(want);
  });
});
