import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { importToScenario } from './importHost';
import { parseScenarioText } from '../sim/scenario/load';

const samples = path.resolve(__dirname, '../../../shared/samples');
const read = (p: string) => ({ name: path.basename(p), text: readFileSync(path.join(samples, p), 'utf8') });

describe('import to scenario', () => {
  it('turns several tool outputs into a scenario the app opens, with provenance', () => {
    const numactl = readdir('numactl')[0];
    const lsmem = readdir('lsmem')[0];
    const r = importToScenario([read(`numactl/${numactl}`), read(`lsmem/${lsmem}`)]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const loaded = parseScenarioText(r.text, 'imported.json');
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    expect(loaded.scenario.machine.nodes.length).toBeGreaterThan(0);
    expect(loaded.scenario.provenance?.files).toEqual([numactl, lsmem]);
    expect(Object.keys(loaded.scenario.provenance?.sources ?? {}).length).toBeGreaterThan(0);
  });

  it('gives located errors for a broken file and imports nothing from it', () => {
    const r = importToScenario([{ name: 'mystery.txt', text: 'no tool prints this\nat all\n' }]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/^mystery\.txt/);
  });

  it('refuses a file over the size limit, naming it', () => {
    const r = importToScenario([{ name: 'huge.txt', text: 'x'.repeat(64 * 2 ** 20 + 1) }]);
    expect(r).toMatchObject({ ok: false, errors: [expect.stringMatching(/huge\.txt: .* the limit for one file is 64 MiB/)] });
  });
});

function readdir(dir: string): string[] {
  return readdirSync(path.join(samples, dir)).sort();
}
