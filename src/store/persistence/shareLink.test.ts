import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeLink, encodeLink } from './shareLink';
import quickstart from '../../scenarios/quickstart-vm-host.json';

const state = { scenarioText: JSON.stringify(quickstart), timeNs: 1.25e9, view: 'dirty' as const, selection: { kind: 'workload' as const, id: 'guest0' } };

describe('share links', () => {
  it('round-trips scenario, time, view and selection', async () => {
    const hash = await encodeLink(state);
    expect(hash.length).toBeLessThan(3000);
    const r = await decodeLink('#' + hash);
    expect(r?.ok).toBe(true);
    if (!r?.ok) return;
    expect(JSON.parse(r.state.scenarioText)).toEqual(quickstart);
    expect(r.state).toMatchObject({ timeNs: 1.25e9, view: 'dirty', selection: { kind: 'workload', id: 'guest0' } });
  });

  it('ignores hashes that are not share links', async () => {
    expect(await decodeLink('#help')).toBeNull();
    expect(await decodeLink('')).toBeNull();
  });

  it('reports a tampered link as a located error, never throwing (property)', async () => {
    const hash = await encodeLink(state);
    await fc.assert(
      fc.asyncProperty(fc.nat(hash.length - 3), fc.string({ minLength: 1, maxLength: 8 }), async (at, junk) => {
        const tampered = hash.slice(0, 2 + at) + junk + hash.slice(3 + at);
        const r = await decodeLink(tampered);
        if (r && !r.ok) {
          expect(r.error.file).toBe('link');
          expect(r.error.message.length).toBeGreaterThan(5);
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 1000) },
    );
  });

  it('names the field of a well-formed link with a bad value', async () => {
    const hash = await encodeLink({ ...state, view: 'nowhere' as never });
    const r = await decodeLink(hash);
    expect(r).toMatchObject({ ok: false, error: { path: '$.view' } });
  });
});
