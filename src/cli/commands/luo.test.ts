import { describe, expect, it } from 'vitest';
import { CliError, type CliIO } from '../command';
import { luoCommand } from './luo';

function io(stdin: string) {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIO = { readStdin: async () => stdin, readFile: async () => '', out: (t) => out.push(t), err: (t) => err.push(t) };
  return { cli, out, err };
}

describe('sim luo', () => {
  it('prints one line per operation; comments and blank lines are ignored', async () => {
    const { cli, out } = io('# stage 1\nopen\n\ncreate s  # the session\npreserve s 0x1a memfd:4K\nnumber\nopen\n');
    expect(await luoCommand.run(['--model', 'mainline'], cli)).toBe(0);
    expect(out.join('')).toBe('ok\nok\nok\n0\n-EBUSY\n');
  });

  it('--kernel 6.19 applies the 6.19 limits', async () => {
    const script = ['open', 'create s', ...Array.from({ length: 129 }, (_, i) => `preserve s ${i} memfd:4K`)].join('\n');
    const a = io(script);
    await luoCommand.run(['--model', 'mainline', '--kernel', '6.19'], a.cli);
    expect(a.out.join('').trim().split('\n').pop()).toBe('-ENOSPC');
    const b = io(script);
    await luoCommand.run(['--model=mainline', '--kernel=latest'], b.cli);
    expect(b.out.join('').trim().split('\n').pop()).toBe('ok');
  });

  it('rfc-v2: preserve prints the kernel token', async () => {
    const { cli, out } = io('preserve memfd:4K\npreserve memfd:4K\nstate\n');
    await luoCommand.run(['--model', 'rfc-v2'], cli);
    expect(out.join('')).toBe('ok token=0\nok token=1\nnormal\n');
  });

  it('a malformed line is a located one-line error', async () => {
    const { cli } = io('open\ncreate\n');
    await expect(luoCommand.run(['--model', 'mainline'], cli)).rejects.toThrow(new CliError('line 2: create takes <name>'));
    await expect(luoCommand.run(['--model', 'mainline'], io('prepare\n').cli)).rejects.toThrow(/^line 1: unknown operation "prepare" for the mainline model/);
    await expect(luoCommand.run(['--model', 'rfc-v2'], io('preserve memfd:4Q\n').cli)).rejects.toThrow(/^line 1: invalid size "4Q"/);
    await expect(luoCommand.run(['--model', 'rfc-v2'], io('fail memfd-v1 unpreserve\n').cli)).rejects.toThrow(/^line 1: unknown rfc-v2 handler callback/);
  });

  it('a run-time script error prints the lines so far, then fails', async () => {
    const { cli, out } = io('open\ncreate s\npreserve s 1 @nolabel\n');
    await expect(luoCommand.run(['--model', 'mainline'], cli)).rejects.toThrow('line 3: unknown file label "@nolabel"');
    expect(out.join('')).toBe('ok\nok\n');
  });

  it('bad options are one-line errors', async () => {
    await expect(luoCommand.run([], io('').cli)).rejects.toBeInstanceOf(CliError);
    await expect(luoCommand.run(['--model', 'mainline', '--kernel', '6.18'], io('').cli)).rejects.toThrow(/--kernel must be 6.19 or latest/);
    await expect(luoCommand.run(['--model', 'mainline', 'extra'], io('').cli)).rejects.toThrow(/unexpected argument/);
    await expect(luoCommand.run(['--model', 'mainline', '--bogus', 'x'], io('').cli)).rejects.toThrow(/unknown option --bogus/);
  });

  it('kho finalize cannot fail with --kernel latest', async () => {
    await expect(luoCommand.run(['--model', 'mainline'], io('fail kho finalize\n').cli)).rejects.toThrow(/line 1: kho finalize cannot fail/);
  });
});
