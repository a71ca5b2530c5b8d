// Entry point of `npm run --silent sim -- <command>`: the same engine as the app, in Node.
import { readFile } from 'node:fs/promises';
import { dispatch } from './dispatch';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const code = await dispatch(process.argv.slice(2), {
  readStdin,
  readFile: async (p) => {
    try {
      return await readFile(p, 'utf8');
    } catch (e) {
      throw new Error(`cannot read ${p}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
  },
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
});
process.exitCode = code;
