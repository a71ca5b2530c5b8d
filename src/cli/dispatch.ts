import type { CliIO } from './command';
import { commands } from './commands/index';

/** Runs `sim <command> [args]`; returns the exit code. Errors are one line on stderr, exit code 2. */
export async function dispatch(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help') {
    io.out(['usage: sim <command> [args]', ...commands.map((c) => `  ${c.usage}`)].join('\n') + '\n');
    return name ? 0 : 2;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    io.err(`sim: unknown command "${name}" (known: ${commands.map((c) => c.name).join(', ')})\n`);
    return 2;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    io.err(`sim ${name}: ${msg.split('\n')[0]}\n`);
    return 2;
  }
}
