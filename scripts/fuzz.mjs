// `npm run fuzz [-- RUNS]`: every input-path fuzz property with many cases (default 100,000 each),
// then one line per property: cases, seconds, cases per second.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

const runs = Number(process.argv[2] ?? 100_000);
const files = ['src/fuzz', 'src/import/fuzz.test.ts', 'src/sim/scenario/load.test.ts', 'src/store/persistence/shareLink.test.ts'];
mkdirSync('test-results', { recursive: true });
const out = 'test-results/fuzz.json';
process.stderr.write(`fuzzing every input path with ${runs} cases per property…\n`);
const r = spawnSync('node_modules/.bin/vitest', ['run', ...files, '--reporter=json', `--outputFile=${out}`, '--testTimeout=0'], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, FUZZ_RUNS: String(runs) },
});
const report = JSON.parse(readFileSync(out, 'utf8'));
let failed = 0;
for (const file of report.testResults) {
  for (const t of file.assertionResults) {
    const s = (t.duration ?? 0) / 1000;
    if (t.status !== 'passed') failed++;
    const fuzz = /fuzz|never throws|tampered|mutat|noise|arbitrary|damaged|deleted|duplicated|corrupted|huge|wrong/i.test(t.fullName);
    if (fuzz) process.stdout.write(`${t.status.padEnd(7)} ${t.fullName.slice(0, 90).padEnd(90)} ${runs} cases ${s.toFixed(1)} s ${Math.round(runs / Math.max(s, 1e-3))}/s\n`);
  }
}
process.stdout.write(`${report.numPassedTests} passed, ${report.numFailedTests} failed\n`);
process.exit(r.status === 0 && failed === 0 ? 0 : 1);
