// Reference §5.2 (userspace API selftests), §5.3 (kexec lifecycle selftests, including the stress
// sizes) and §5.6 (invariants from the code), all through the script runner.
import { describe, expect, it } from 'vitest';
import { fileDigest, pageHashes } from './files';
import { registerHandler, unregisterHandler } from './mainline';
import { addInjection } from './inject';
import { parseLuoScript, runLuoScript, runParsed } from './script';
import { createLuoSystem } from './system';
import { luo, lines, repeat } from './testing';

const LATEST = { model: 'mainline', kernel: 'latest' } as const;
const K619 = { model: 'mainline', kernel: '6.19' } as const;

describe('§5.2 userspace API (liveupdate.c)', () => {
  it('1 basic_open_close', () => {
    expect(luo(lines('open', 'close-dev'), LATEST)).toEqual(['ok', 'ok']);
  });

  it('2 exclusive_open: the second open is -EBUSY', () => {
    expect(luo(lines('open', 'open'), LATEST)).toEqual(['ok', '-EBUSY']);
    expect(luo(lines('open', 'close-dev', 'open'), LATEST)).toEqual(['ok', 'ok', 'ok']);
  });

  it('3 create_duplicate_session: the second create is -EEXIST', () => {
    expect(luo(lines('open', 'create duplicate-session-test', 'create duplicate-session-test'), LATEST)).toEqual(['ok', 'ok', '-EEXIST']);
  });

  it('4 create_distinct_sessions', () => {
    expect(luo(lines('open', 'create session-a', 'create session-b'), LATEST)).toEqual(['ok', 'ok', 'ok']);
  });

  it('5 preserve_memfd: closing the session unpreserves; the memfd stays readable and unchanged', () => {
    const { system, lines: out } = runLuoScript(lines('open', 'create s', 'preserve s 0x1234 memfd:4K@m'), LATEST);
    expect(out).toEqual(['ok', 'ok', 'ok']);
    const f = system.files[String(system.labels.m)];
    const before = pageHashes(system, f);
    expect(f.frozen).toBe(1);
    expect(Object.values(system.kho.extents).some((e) => e.preserved && e.use === 'memfd-data')).toBe(true);
    const after = runLuoScript(lines('open', 'create s', 'preserve s 0x1234 memfd:4K@m', 'close s'), LATEST).system;
    const g = after.files[String(after.labels.m)];
    expect(g.released).toBe(false);
    expect(g.frozen).toBe(0);
    expect(pageHashes(after, g)).toEqual(before);
    expect(Object.values(after.kho.extents).filter((e) => e.preserved && e.use.startsWith('memfd'))).toEqual([]);
  });

  it('6 preserve_multiple_memfds', () => {
    expect(luo(lines('open', 'create s', 'preserve s 0xAAAA memfd:4K', 'preserve s 0xBBBB memfd:4K'), LATEST)).toEqual(['ok', 'ok', 'ok', 'ok']);
  });

  it('7 preserve_complex_scenario: two sessions, data and empty memfds', () => {
    const { system, lines: out } = runLuoScript(
      lines('open', 'create s1', 'create s2', 'preserve s1 0x1111 memfd:4K@d1', 'preserve s1 0x2222 memfd:0@e1', 'preserve s2 0x3333 memfd:4K@d2', 'preserve s2 0x4444 memfd:0@e2'),
      LATEST,
    );
    expect(out.every((l) => l === 'ok')).toBe(true);
    expect(system.files[String(system.labels.e1)].size).toBe(0);
    expect(system.files[String(system.labels.d1)].runs.length).toBeGreaterThan(0);
  });

  it('8 preserve_unsupported_fd: /dev/null -> -ENOENT', () => {
    expect(luo(lines('open', 'create s', 'preserve s 1 devnull'), LATEST)).toEqual(['ok', 'ok', '-ENOENT']);
  });

  it('9 prevent_double_preservation (later kernels): -EBUSY in another session and in the same one', () => {
    expect(luo(lines('open', 'create a', 'create b', 'preserve a 1 memfd:4K@m', 'preserve b 2 @m', 'preserve a 3 @m'), LATEST)).toEqual(['ok', 'ok', 'ok', 'ok', '-EBUSY', '-EBUSY']);
  });

  it('9b 6.19 has no double-preservation check: accepted, and the second retrieve fails after kexec', () => {
    const out = luo(lines('open', 'create a', 'create b', 'preserve a 1 memfd:4K@m', 'preserve b 2 @m', 'kexec', 'open', 'retrieve a', 'retrieve b', 'retrieve-fd a 1', 'retrieve-fd b 2'), K619);
    expect(out.slice(0, 5)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(out[9]).toMatch(/intact=yes/);
    expect(out[10]).toBe('-EIO');
  });

  it('10 create_session_no_null_termination: 64 characters -> -EINVAL (later); 6.19 truncates', () => {
    const x64 = 'X'.repeat(64);
    expect(luo(lines('open', `create ${x64}`), LATEST)).toEqual(['ok', '-EINVAL']);
    const { system, lines: out } = runLuoScript(lines('open', `create ${x64}`), K619);
    expect(out).toEqual(['ok', 'ok']);
    expect(system.ml!.outgoing[0].name).toBe('X'.repeat(63));
  });

  it('11 create_session_empty_name -> -EINVAL (later)', () => {
    expect(luo(lines('open', 'create ""'), LATEST)).toEqual(['ok', '-EINVAL']);
  });

  it('12 get_session_name / max length: 63 characters round-trip', () => {
    const a63 = 'A'.repeat(63);
    const { system, lines: out } = runLuoScript(lines('open', `create ${a63}`, 'create get-name-test'), LATEST);
    expect(out).toEqual(['ok', 'ok', 'ok']);
    expect(system.ml!.outgoing.map((s) => s.name)).toEqual([a63, 'get-name-test']);
  });

  it('13 preserve_many_sessions: 2000 sessions created then closed (later kernels)', () => {
    const script = lines('open', repeat(2000, (i) => `create many-${i}`), repeat(2000, (i) => `close many-${i}`));
    const { system, lines: out } = runLuoScript(script, LATEST);
    expect(out.length).toBe(4001);
    expect(out.every((l) => l === 'ok')).toBe(true);
    expect(system.ml!.outgoing).toEqual([]);
    expect(system.ml!.sessionPages).toEqual([]);
  });

  it('13b 6.19 holds LUO_SESSION_MAX = 819 outgoing sessions, then -ENOMEM', () => {
    const out = luo(lines('open', repeat(820, (i) => `create many-${i}`)), K619);
    expect(out.slice(1, 820).every((l) => l === 'ok')).toBe(true);
    expect(out[820]).toBe('-ENOMEM');
  });

  it('14 preserve_many_files: 500 memfds in one session (later kernels)', () => {
    const out = luo(lines('open', 'create many_files_session', repeat(500, (i) => `preserve many_files_session ${i} memfd:4K`)), LATEST);
    expect(out.length).toBe(502);
    expect(out.every((l) => l === 'ok')).toBe(true);
  });

  it('14b 6.19 holds 128 files a session, then -ENOSPC', () => {
    const out = luo(lines('open', 'create s', repeat(129, (i) => `preserve s ${i} memfd:4K`)), K619);
    expect(out.slice(2, 130).every((l) => l === 'ok')).toBe(true);
    expect(out[130]).toBe('-ENOSPC');
  });
});

/** Stage 1 of the kexec selftests: the state session holds a 1-page memfd saying "2". */
const stage1 = (body: string[]) => ['open', 'retrieve state-session', 'create state-session', 'preserve state-session 0x5 memfd:4K@state', ...body, 'close-dev', 'kexec'];
const stage2 = ['open', 'retrieve state-session', 'retrieve-fd state-session 0x5'];

describe('§5.3 kexec lifecycle (two stages)', () => {
  it('1 luo_kexec_simple', () => {
    const out = luo(lines(stage1(['create test-session', 'preserve test-session 0x1A memfd:4K@hello']), stage2, 'retrieve test-session', 'retrieve-fd test-session 0x1a', 'finish test-session', 'finish state-session'), LATEST);
    expect(out).toEqual([
      'ok',
      '-ENOENT',
      'ok',
      'ok',
      'ok',
      'ok',
      'ok',
      'ok',
      'ok',
      'ok',
      expect.stringMatching(/^ok size=4096 pos=0 digest=[0-9a-f]{8} intact=yes$/),
      'ok',
      expect.stringMatching(/^ok size=4096 pos=0 digest=[0-9a-f]{8} intact=yes$/),
      'ok',
      'ok',
    ]);
  });

  it('2 luo_multi_session', () => {
    const out = luo(
      lines(
        stage1(['create multi-test-empty-1', 'create multi-test-empty-2', 'create multi-test-files-1', 'preserve multi-test-files-1 0x1001 memfd:4K', 'create multi-test-files-2', 'preserve multi-test-files-2 0x2002 memfd:8K', 'preserve multi-test-files-2 0x3003 memfd:4K']),
        stage2,
        ['multi-test-empty-1', 'multi-test-empty-2', 'multi-test-files-1', 'multi-test-files-2'].map((n) => `retrieve ${n}`),
        'retrieve-fd multi-test-files-1 0x1001',
        'retrieve-fd multi-test-files-2 0x2002',
        'retrieve-fd multi-test-files-2 0x3003',
        'finish multi-test-empty-1',
        'finish multi-test-empty-2',
        'finish multi-test-files-1',
        'finish multi-test-files-2',
        'finish state-session',
      ),
      LATEST,
    );
    const tail = out.slice(-12);
    expect(tail.slice(0, 4)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(tail.slice(4, 7).every((l) => /intact=yes$/.test(l))).toBe(true);
    expect(tail[5]).toMatch(/size=8192/);
    expect(tail.slice(7)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
  });

  it('3 luo_stress_sessions: 2000 empty sessions across kexec, each retrieved and finished', () => {
    const { system, lines: out } = runLuoScript(
      lines(stage1(repeat(2000, (i) => `create many-test-${i}`)), stage2, repeat(2000, (i) => [`retrieve many-test-${i}`, `finish many-test-${i}`]), 'finish state-session'),
      LATEST,
    );
    expect(out.filter((l) => l !== 'ok')).toEqual(['-ENOENT', expect.stringMatching(/intact=yes$/)]);
    expect(system.ml!.incoming.length).toBe(2001);
    expect(system.ml!.incoming.every((s) => s.status === 'finished')).toBe(true);
  });

  it('4 luo_stress_files: 500 memfds (tokens 0..499) in one session survive and verify', () => {
    const { system, lines: out } = runLuoScript(
      lines(stage1(['create many_files_session', ...repeat(500, (i) => `preserve many_files_session ${i} memfd:4K`)]), stage2, 'retrieve many_files_session', repeat(500, (i) => `retrieve-fd many_files_session ${i}`), 'finish many_files_session'),
      LATEST,
    );
    const fds = out.slice(-501, -1);
    expect(fds.length).toBe(500);
    expect(fds.every((l) => /^ok size=4096 pos=0 digest=[0-9a-f]{8} intact=yes$/.test(l))).toBe(true);
    expect(new Set(fds).size).toBe(500);
    expect(out[out.length - 1]).toBe('ok');
    expect(Object.values(system.files).filter((f) => f.kind === 'memfd' && f.luoRefs > 0).length).toBe(1);
  });
});

describe('§5.6 invariants from the code', () => {
  it('RETRIEVE_SESSION unknown -> -ENOENT, twice -> -EINVAL; RETRIEVE_FD unknown token -> -ENOENT', () => {
    const out = luo(lines('open', 'create s', 'preserve s 7 memfd:4K', 'kexec', 'open', 'retrieve nope', 'retrieve s', 'retrieve s', 'retrieve-fd s 8'), LATEST);
    expect(out.slice(-4)).toEqual(['-ENOENT', 'ok', '-EINVAL', '-ENOENT']);
  });

  it('repeated RETRIEVE_FD returns the same file', () => {
    const out = luo(lines('open', 'create s', 'preserve s 7 memfd:12K', 'kexec', 'open', 'retrieve s', 'retrieve-fd s 7', 'retrieve-fd s 7'), LATEST);
    expect(out[7]).toBe(`${out[6]} again=1`);
  });

  it('outgoing and incoming names are separate lists', () => {
    expect(luo(lines('open', 'create s', 'kexec', 'open', 'create s', 'retrieve s'), LATEST).slice(-2)).toEqual(['ok', 'ok']);
  });

  it('PRESERVE_FD: duplicate token -> -EEXIST; a closed descriptor -> -EBADF', () => {
    expect(luo(lines('open', 'create s', 'preserve s 1 memfd:4K', 'preserve s 1 memfd:4K'), LATEST).slice(-1)).toEqual(['-EEXIST']);
    expect(luo(lines('open', 'create s', 'preserve s 1 memfd:4K@m', 'kexec', 'open', 'create t', 'preserve t 1 @m'), LATEST).slice(-1)).toEqual(['-EBADF']);
  });

  it('FINISH: a can_finish false -> -EBUSY and no file finished; after success it is a no-op', () => {
    const opts = { ...LATEST, proposedHandlers: true };
    const { system, lines: out } = runLuoScript(
      lines('open', 'create s', 'preserve s 1 memfd:4K', 'preserve s 2 vfio:0000:00:04.0', 'kexec', 'open', 'retrieve s', 'finish s'),
      opts,
    );
    expect(out.slice(-1)).toEqual(['-EBUSY']);
    expect(system.ml!.incoming[0].files.length).toBe(2);
    const ok = luo(lines('open', 'create s', 'preserve s 1 memfd:4K', 'preserve s 2 vfio:0000:00:04.0', 'kexec', 'open', 'retrieve s', 'retrieve-fd s 2', 'finish s', 'finish s'), opts);
    expect(ok.slice(-3)).toEqual(['ok file=vfio bdf=0000:00:04.0', 'ok', 'ok']);
  });

  it('a freeze failure at reboot unfreezes everything and the system keeps running', () => {
    const script = lines('open', 'create a', 'preserve a 1 memfd:4K', 'preserve a 2 memfd:4K', 'create b', 'preserve b 3 memfd:4K', 'fail memfd freeze', 'kexec', 'number');
    const { system, lines: out } = runLuoScript(script, LATEST);
    expect(out.slice(-3)).toEqual(['ok', '-EIO', '0']);
    expect(system.kho.boot).toBe(0);
    expect(system.ml!.outgoing.flatMap((s) => s.files).every((f) => !f.frozen)).toBe(true);
    expect(luo(lines(script, 'kexec', 'number'), LATEST).slice(-2)).toEqual(['ok', '1']);
  });

  it('6.19: unfreeze zeroes serialized data, so after a failed reboot the retry fails with -EINVAL', () => {
    const setup = lines('open', 'create a', 'preserve a 1 memfd:4K', 'preserve a 2 memfd:4K', 'create b', 'preserve b 3 memfd:4K');
    const retry = (opts: typeof K619 | typeof LATEST) => {
      const sys = runLuoScript(setup, opts).system;
      addInjection(sys, 'memfd-v1', 'freeze', 1); // the second freeze fails: the first is unfrozen
      const before = sys.ml!.outgoing.map((s) => s.files.map((f) => f.data));
      const out = runParsed(sys, parseLuoScript('kexec', 'mainline'));
      const after = sys.ml!.outgoing.map((s) => s.files.map((f) => f.data));
      return { out: [...out, ...runParsed(sys, parseLuoScript('kexec', 'mainline'))], before, after };
    };
    const old = retry(K619);
    expect(old.out).toEqual(['-EIO', '-EINVAL']);
    expect(old.after[0][0]).toBe(0);
    expect(old.after[0][1]).toBe(old.before[0][1]);
    const later = retry(LATEST);
    expect(later.out).toEqual(['-EIO', 'ok']);
    expect(later.after).toEqual(later.before);
  });

  it('handler registration while any session exists -> -EBUSY', () => {
    const sys = createLuoSystem(LATEST);
    expect(registerHandler(sys, 'memfd-v1')).toMatchObject({ ok: false, errno: 'EEXIST' });
    expect(runLuoScript('open', LATEST).lines).toEqual(['ok']);
    const busy = runLuoScript(lines('open', 'create s'), LATEST).system;
    expect(registerHandler(busy, 'vfio-pci-proposed')).toMatchObject({ ok: false, errno: 'EBUSY' });
    expect(unregisterHandler(busy, 'memfd-v1')).toMatchObject({ ok: false, errno: 'EBUSY' });
    expect(registerHandler(sys, 'vfio-pci-proposed')).toMatchObject({ ok: true });
  });

  it('a failed incoming deserialization makes every later open return -EIO', () => {
    expect(luo(lines('open', 'create s', 'fail luo deserialize', 'kexec', 'open', 'open', 'open'), LATEST).slice(-3)).toEqual(['-EIO', '-EIO', '-EIO']);
  });

  it('sessions survive closing /dev/liveupdate; the holder dying ends them', () => {
    expect(luo(lines('open', 'create s', 'close-dev', 'kexec', 'open', 'retrieve s'), LATEST).slice(-1)).toEqual(['ok']);
    expect(luo(lines('open', 'create s', 'preserve s 1 memfd:4K', 'luod-exit', 'kexec', 'open', 'retrieve s'), LATEST).slice(-1)).toEqual(['-ENOENT']);
  });

  it('liveupdate-number counts live updates', () => {
    expect(luo(lines('number', 'kexec', 'number', 'kexec', 'number'), LATEST)).toEqual(['0', 'ok', '1', 'ok', '2']);
  });

  it('session ioctls need the session descriptor; create/retrieve need /dev/liveupdate open', () => {
    expect(luo(lines('create s'), LATEST)).toEqual(['-EBADF']);
    expect(luo(lines('open', 'preserve nosuch 1 memfd:4K', 'close nosuch', 'finish nosuch', 'retrieve-fd nosuch 1'), LATEST)).toEqual(['ok', '-EBADF', '-EBADF', '-EBADF', '-EBADF']);
    expect(luo(lines('close-dev'), LATEST)).toEqual(['-EBADF']);
  });

  it('ioctl typing: PRESERVE_FD on an incoming session, FINISH/RETRIEVE_FD on an outgoing one -> -EINVAL', () => {
    expect(luo(lines('open', 'create s', 'finish s', 'retrieve-fd s 1'), LATEST).slice(-2)).toEqual(['-EINVAL', '-EINVAL']);
    expect(luo(lines('open', 'create s', 'kexec', 'open', 'retrieve s', 'preserve s 1 memfd:4K'), LATEST).slice(-1)).toEqual(['-EINVAL']);
  });

  it('closing a retrieved session finishes it; if finish fails the session leaks until the next update', () => {
    const opts = { ...LATEST, proposedHandlers: true };
    const { system, lines: out } = runLuoScript(lines('open', 'create s', 'preserve s 1 vfio:0000:00:04.0', 'kexec', 'open', 'retrieve s', 'close s', 'retrieve s'), opts);
    expect(out.slice(-2)).toEqual(['ok', '-EINVAL']);
    expect(system.ml!.incoming[0].status).toBe('leaked');
  });

  it('a later retrieve failure is permanent; in 6.19 it can be retried', () => {
    const script = lines('open', 'create s', 'preserve s 1 memfd:4K', 'kexec', 'open', 'retrieve s', 'fail memfd retrieve', 'retrieve-fd s 1', 'retrieve-fd s 1');
    expect(luo(script, LATEST).slice(-2)).toEqual(['-EIO', '-EIO']);
    expect(luo(script, K619).slice(-2)).toEqual(['-EIO', expect.stringMatching(/intact=yes$/)]);
  });

  it('the digest of a retrieved memfd equals the original', () => {
    const { system } = runLuoScript(lines('open', 'create s', 'preserve s 1 memfd:64K:fill=0.25@m'), LATEST);
    const want = fileDigest(system, system.files[String(system.labels.m)]);
    const out = luo(lines('open', 'create s', 'preserve s 1 memfd:64K:fill=0.25@m', 'kexec', 'open', 'retrieve s', 'retrieve-fd s 1'), LATEST);
    expect(out[out.length - 1]).toBe(`ok size=65536 pos=0 digest=${want} intact=yes`);
  });
});
