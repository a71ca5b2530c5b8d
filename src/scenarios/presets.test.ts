import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseScenarioText } from '../sim/scenario/load';
import { buildEngine } from '../sim/scenario/build';

const dir = __dirname;
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('preset scenarios', () => {
  it('exist', () => expect(files.length).toBeGreaterThan(0));

  it.each(files)('%s validates and runs to its end deterministically', (file) => {
    const text = readFileSync(path.join(dir, file), 'utf8');
    const r = parseScenarioText(text, file);
    if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
    expect(r.scenario.name.length).toBeGreaterThan(3);
    expect(r.scenario.description.length).toBeGreaterThan(20);
    const a = buildEngine(r.scenario);
    const b = buildEngine(r.scenario);
    a.runUntil(r.scenario.duration);
    b.runUntil(r.scenario.duration);
    expect(a.summary()).toEqual(b.summary());
    expect(a.now).toBe(r.scenario.duration);
  });
});
