// The one test command: type check, unit and property tests (Vitest), end-to-end and
// accessibility tests (Playwright on Debian's Chromium). Ends with "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });
let passed = 0;
let failed = 0;
let broken = false;

function run(title, cmd, args, env = {}) {
  process.stdout.write(`\n=== ${title}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

if (run('type check (tsc -b)', 'node_modules/.bin/tsc', ['-b']) !== 0) {
  failed++;
  broken = true;
}

const vitestOut = 'test-results/vitest.json';
const vcode = run('unit and property tests (vitest)', 'node_modules/.bin/vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile=${vitestOut}`]);
if (existsSync(vitestOut)) {
  const v = JSON.parse(readFileSync(vitestOut, 'utf8'));
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  if (vcode !== 0 && v.numFailedTests === 0) broken = true;
} else broken = true;

const pwOut = 'test-results/playwright.json';
const pcode = run('end-to-end tests (playwright)', 'node_modules/.bin/playwright', ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwOut });
if (existsSync(pwOut)) {
  const s = JSON.parse(readFileSync(pwOut, 'utf8')).stats;
  passed += s.expected + s.flaky;
  failed += s.unexpected;
  if (pcode !== 0 && s.unexpected === 0) broken = true;
} else broken = true;

if (broken && failed === 0) failed = 1;
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 ? 1 : 0);
