// The contract every `sim <command>` implements. Commands are plain functions over text so that
// tests call them directly, without spawning a process.
export interface CliIO {
  /** All of standard input (commands that read a script or trace). */
  readStdin(): Promise<string>;
  /** Reads a file given on the command line. */
  readFile(path: string): Promise<string>;
  out(text: string): void;
  err(text: string): void;
}

export interface CliCommand {
  name: string;
  usage: string;
  /** Returns the process exit code. Throw CliError for a one-line error with exit code 2. */
  run(args: string[], io: CliIO): Promise<number>;
}

/** A user error: bad argument, unknown flag, bad file. Printed as one line on stderr, exit code 2. */
export class CliError extends Error {}

/** Minimal flag parser: `--name value`, `--name=value`, boolean flags, positionals. */
export function parseArgs(
  args: string[],
  spec: { values?: string[]; booleans?: string[] },
): { flags: Record<string, string>; bools: Set<string>; positionals: string[] } {
  const values = new Set(spec.values ?? []);
  const booleans = new Set(spec.booleans ?? []);
  const flags: Record<string, string> = {};
  const bools = new Set<string>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (booleans.has(name)) {
      if (eq >= 0) throw new CliError(`--${name} takes no value`);
      bools.add(name);
    } else if (values.has(name)) {
      const v = eq >= 0 ? a.slice(eq + 1) : args[++i];
      if (v === undefined) throw new CliError(`--${name} needs a value`);
      flags[name] = v;
    } else {
      throw new CliError(`unknown option --${name}`);
    }
  }
  return { flags, bools, positionals };
}
