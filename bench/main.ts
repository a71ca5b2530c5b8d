// `npm run --silent bench -- [--json] [--only area,area]`: figures on stdout, progress on stderr.
import { areas } from './areas';
import type { Figures } from './harness';

const args = process.argv.slice(2);
const json = args.includes('--json');
const onlyIdx = args.indexOf('--only');
const only = onlyIdx >= 0 ? new Set(args[onlyIdx + 1]?.split(',')) : null;

// Keys are "<area>" or "<area>/<part>": parts of one area (e.g. Node and browser figures) merge.
const result: Record<string, Figures> = {};
for (const [key, load] of Object.entries(areas)) {
  const area = key.split('/')[0];
  if (only && !only.has(area) && !only.has(key)) continue;
  const progress = (msg: string) => process.stderr.write(`[bench ${key}] ${msg}\n`);
  progress('start');
  const { run } = await load();
  result[area] = { ...result[area], ...(await run(progress)) };
}
if (json) process.stdout.write(JSON.stringify(result) + '\n');
else
  for (const [area, figs] of Object.entries(result))
    for (const [k, v] of Object.entries(figs)) process.stdout.write(`${area}.${k}`.padEnd(32) + ` ${v}\n`);
