// `npm run --silent bench -- [--json] [--only area,area]`: figures on stdout, progress on stderr.
import { areas } from './areas';
import type { Figures } from './harness';

const args = process.argv.slice(2);
const json = args.includes('--json');
const onlyIdx = args.indexOf('--only');
const only = onlyIdx >= 0 ? new Set(args[onlyIdx + 1]?.split(',')) : null;

const result: Record<string, Figures> = {};
for (const [name, load] of Object.entries(areas)) {
  if (only && !only.has(name)) continue;
  const progress = (msg: string) => process.stderr.write(`[bench ${name}] ${msg}\n`);
  progress('start');
  const { run } = await load();
  result[name] = await run(progress);
}
if (json) process.stdout.write(JSON.stringify(result) + '\n');
else
  for (const [area, figs] of Object.entries(result))
    for (const [k, v] of Object.entries(figs)) process.stdout.write(`${area}.${k}`.padEnd(32) + ` ${v}\n`);
