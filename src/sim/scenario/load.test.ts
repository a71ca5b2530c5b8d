import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseScenarioText, validateScenario } from './load';
import { formatLocated } from '../errors';
import quickstart from '../../scenarios/quickstart-vm-host.json';

const good = JSON.stringify(quickstart, null, 2);

describe('scenario loading', () => {
  it('loads the quickstart preset with sizes and durations parsed', () => {
    const r = parseScenarioText(good, 'q.json');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.machine.ranges.find((x) => x.id === 'normal')?.size).toBe(61 * 2 ** 30);
    expect(r.scenario.script[0].at).toBe(500e6);
    expect(r.scenario.workloads[0].sizeBytes).toBe(16 * 2 ** 30);
  });

  it('locates a JSON syntax error by line and column', () => {
    const broken = good.replace('"seed": 42,', '"seed": 42');
    const r = parseScenarioText(broken, 'broken.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const line = broken.split('\n').findIndex((l) => l.includes('"duration"')) + 1;
    expect(r.errors[0]).toMatchObject({ file: 'broken.json', line });
    expect(formatLocated(r.errors[0])).toMatch(/^broken\.json:\d+:\d+: not valid JSON: expected "," or "}"/);
  });

  it('names the JSON path, line and expectation of an invalid field', () => {
    const doc = structuredClone(quickstart) as Record<string, any>;
    doc.machine.ranges[2].size = '12 parsecs';
    const text = JSON.stringify(doc, null, 2);
    const r = parseScenarioText(text, 'bad.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0].path).toBe('$.machine.ranges[2].size');
    expect(r.errors[0].message).toMatch(/invalid size "12 parsecs"/);
    expect(text.split('\n')[r.errors[0].line! - 1]).toContain('12 parsecs');
  });

  it('refuses unknown actions and workloads with the path of the action', () => {
    const doc = structuredClone(quickstart) as Record<string, any>;
    doc.script[1].action = 'luo.explode';
    doc.script[2].args.id = 'ghost';
    const r = parseScenarioText(JSON.stringify(doc), 'x.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.path)).toEqual(['$.script[1].action', '$.script[2].args']);
    expect(r.errors[0].message).toMatch(/unknown action "luo.explode"/);
    expect(r.errors[1].message).toMatch(/no workload with id "ghost"/);
  });

  it('refuses unknown versions and non-objects', () => {
    expect(validateScenario([], 'a')).toMatchObject({ ok: false, errors: [{ path: '$' }] });
    const r = validateScenario({ ...quickstart, schema: 'handover-lab/scenario@9' }, 'a');
    expect(r).toMatchObject({ ok: false, errors: [{ path: '$.schema', message: expect.stringMatching(/unknown version/) }] });
  });

  it('opens a scenario saved by the @0 draft through its migration', () => {
    const { script, ...rest } = structuredClone(quickstart) as Record<string, any>;
    const old = { ...rest, schema: 'handover-lab/scenario@0', actions: script.map(({ at, ...a }: any) => ({ time: at, ...a })) };
    const r = validateScenario(old, 'old.json');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.migratedFrom).toEqual(['handover-lab/scenario@0']);
    expect(r.scenario.script.map((a) => a.at)).toEqual([500e6, 1e9, 1.2e9, 1.5e9, 1.9e9]);
  });

  it('never throws, whatever the text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.nat(good.length), (noise, cut) => {
        for (const t of [noise, good.slice(0, cut), good.slice(0, cut) + noise + good.slice(cut)]) {
          const r = parseScenarioText(t, 'f.json');
          if (!r.ok) for (const e of r.errors) expect(e.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 1000) },
    );
  });

  it('locates deeply nested garbage without overflowing the stack', () => {
    const r = parseScenarioText('['.repeat(100_000), 'deep.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].message).toMatch(/not valid JSON/);
  });
});
