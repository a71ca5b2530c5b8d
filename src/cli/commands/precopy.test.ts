import { describe, expect, it } from 'vitest';
import { dispatch } from '../dispatch';

async function sim(argv: string[]) {
  let out = '';
  let err = '';
  const code = await dispatch(argv, { readStdin: async () => '', readFile: async () => '', out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const MiB = 2 ** 20;

describe('sim precopy', () => {
  it('worked example 1, analytic: the exact JSON contract', async () => {
    const r = await sim(['precopy', '--memory', '1G', '--bandwidth', '128M/s', '--downtime-limit', '300ms', '--dirty-rate', '32M/s']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(['rounds', 'converged', 'downtimeS', 'totalS', 'sentBytesTotal', 'throttlePercent']);
    expect(j.rounds).toEqual([
      { round: 0, sentBytes: 1024 * MiB, durationS: 8 },
      { round: 1, sentBytes: 256 * MiB, durationS: 2 },
      { round: 2, sentBytes: 64 * MiB, durationS: 0.5 },
      { round: 3, sentBytes: 16 * MiB, durationS: 0.125 },
    ]);
    expect(j).toMatchObject({ converged: true, downtimeS: 0.125, totalS: 10.625, sentBytesTotal: 1360 * MiB, throttlePercent: 0 });
  });

  it('QEMU defaults: 128 MiB/s and 300 ms when left out; KiB-style suffixes and "=" work', async () => {
    const a = await sim(['precopy', '--memory=1GiB', '--dirty-rate=32MiB/s']);
    const b = await sim(['precopy', '--memory', '1G', '--bandwidth', '128M/s', '--downtime-limit', '300ms', '--dirty-rate', '32M/s']);
    expect(a.out).toBe(b.out);
  });

  it('worked example 2: diverges; --auto-converge throttles to 60 % and converges', async () => {
    const base = ['precopy', '--memory', '4G', '--bandwidth', '128M/s', '--downtime-limit', '300ms', '--dirty-rate', '160M/s'];
    const plain = JSON.parse((await sim(base)).out);
    expect(plain.converged).toBe(false);
    expect(plain.rounds).toHaveLength(30);
    expect(JSON.parse((await sim([...base, '--max-rounds', '5'])).out).rounds).toHaveLength(6);
    const ac = JSON.parse((await sim([...base, '--auto-converge'])).out);
    expect(ac).toMatchObject({ converged: true, throttlePercent: 60 });
    expect(ac.downtimeS).toBeLessThanOrEqual(0.3);
  });

  it('--model pages: worked example 3 page by page, deterministic for a seed', async () => {
    const argv = ['precopy', '--memory', '1G', '--bandwidth', '128M/s', '--downtime-limit', '300ms', '--write-rate', '5000/s', '--model', 'pages', '--seed', '4'];
    const a = await sim(argv);
    expect(a.code).toBe(0);
    const j = JSON.parse(a.out);
    expect(j.rounds).toHaveLength(3);
    expect(Math.abs(j.totalS / 9.30303 - 1)).toBeLessThan(0.02);
    expect(j.sentBytesTotal).toBe(j.rounds.reduce((s: number, x: { sentBytes: number }) => s + x.sentBytes, 0));
    expect((await sim(argv)).out).toBe(a.out);
    const other = await sim([...argv.slice(0, -1), '5']);
    expect(other.out).not.toBe(a.out);
  });

  it('--hot-set and --tracker soft-dirty run the page model', async () => {
    const r = await sim(['precopy', '--memory', '64M', '--write-rate', '20000', '--model', 'pages', '--hot-set', '0.25', '--tracker', 'soft-dirty']);
    expect(r.code).toBe(0);
    for (const x of JSON.parse(r.out).rounds.slice(1)) expect(x.sentBytes).toBeLessThanOrEqual(16 * MiB);
  });

  it.each([
    [['precopy'], /--memory is required/],
    [['precopy', '--memory', '1G'], /needs --dirty-rate/],
    [['precopy', '--memory', '1G', '--model', 'pages'], /needs --write-rate/],
    [['precopy', '--memory', 'lots', '--dirty-rate', '1M/s'], /--memory: invalid size "lots"/],
    [['precopy', '--memory', '1G', '--bandwidth', '0/s', '--dirty-rate', '1M/s'], /--bandwidth: must be more than 0/],
    [['precopy', '--memory', '1G', '--downtime-limit', 'soon', '--dirty-rate', '1M/s'], /--downtime-limit: invalid duration/],
    [['precopy', '--memory', '1G', '--dirty-rate', '1M/s', '--model', 'fluid'], /--model must be analytic or pages/],
    [['precopy', '--memory', '1G', '--write-rate', '5', '--model', 'pages', '--tracker', 'dirty-ring'], /--tracker must be uffd-wp-async or soft-dirty/],
    [['precopy', '--memory', '1G', '--dirty-rate', '1M/s', '--hot-set', '0.5'], /--hot-set applies to --model pages/],
    [['precopy', '--memory', '1G', '--write-rate', '5', '--model', 'pages', '--hot-set', '1.5'], /--hot-set: expected a fraction/],
    [['precopy', '--memory', '1G', '--dirty-rate', '1M/s', '--max-rounds', '-1'], /--max-rounds: expected a whole number/],
    [['precopy', '--memory', '1G', '--write-rate', '5', '--model', 'pages', '--seed', 'x'], /--seed: expected an integer/],
    [['precopy', '--memory', '1000', '--write-rate', '5', '--model', 'pages'], /multiple of 4 KiB/],
    [['precopy', '--memory', '1G', '--dirty-rate', '1M/s', '--auto-converge=yes'], /takes no value/],
    [['precopy', '--memory', '1G', '--dirty-rate', '1M/s', 'extra'], /unexpected argument "extra"/],
  ])('%j fails with one line on stderr and exit code 2', async (argv, msg) => {
    const r = await sim(argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(msg);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  });

  it('is listed in the help with its QEMU defaults', async () => {
    const r = await sim(['help']);
    expect(r.out).toMatch(/precopy --memory <size> --bandwidth <size>\/s --downtime-limit <duration>.*128M\/s.*300ms.*initial 20%.*increment 10%.*max 99%.*threshold 50%/);
  });
});
