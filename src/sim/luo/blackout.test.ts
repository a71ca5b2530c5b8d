import { describe, expect, it } from 'vitest';
import { BLACKOUT_PARAMS, blackoutTimeline, type BlackoutInput } from './blackout';
import { blackoutInput } from './inputs';
import { REFERENCE_FIGURES } from './reference';
import { runLuoScript } from './script';
import { lines } from './testing';

const base: BlackoutInput = { sessions: 2, files: 4, folios: 1000, holePages: 0, preservedBlocks: 1100, trackerBitmaps: 3 };

describe('blackout timeline', () => {
  it('phases in order; the blackout runs from freeze to the end of retrieve', () => {
    const t = blackoutTimeline(base);
    expect(t.phases.map((p) => p.id)).toEqual(['preserve', 'freeze', 'serialize', 'kexec', 'scratch-boot', 'boot', 'deserialize', 'retrieve', 'finish']);
    for (let i = 1; i < t.phases.length; i++) expect(t.phases[i].startNs).toBe(t.phases[i - 1].startNs + t.phases[i - 1].durationNs);
    expect(t.blackout.startNs).toBe(t.phases[1].startNs);
    const retrieve = t.phases.find((p) => p.id === 'retrieve')!;
    expect(t.blackout.endNs).toBe(retrieve.startNs + retrieve.durationNs);
    expect(t.phases[0].inBlackout).toBe(false);
    expect(t.phases[8].inBlackout).toBe(false);
  });

  it('durations scale with what is preserved: folios cost at preserve and at retrieve, holes only at preserve', () => {
    const a = blackoutTimeline(base);
    const b = blackoutTimeline({ ...base, folios: 2000 });
    const d = (t: typeof a, id: string) => t.phases.find((p) => p.id === id)!.durationNs;
    expect(d(b, 'preserve') - d(a, 'preserve')).toBe(1000 * BLACKOUT_PARAMS.preservePerFolio.ns);
    expect(d(b, 'retrieve') - d(a, 'retrieve')).toBe(1000 * BLACKOUT_PARAMS.retrievePerFolio.ns);
    const h = blackoutTimeline({ ...base, holePages: 500 });
    expect(h.blackout.durationNs).toBe(a.blackout.durationNs);
    expect(d(h, 'preserve')).toBeGreaterThan(d(a, 'preserve'));
  });

  it('parameters can be changed', () => {
    const p = { ...BLACKOUT_PARAMS, kexecJump: { ...BLACKOUT_PARAMS.kexecJump, ns: 0 } };
    expect(blackoutTimeline(base, p).blackout.durationNs).toBe(blackoutTimeline(base).blackout.durationNs - BLACKOUT_PARAMS.kexecJump.ns);
  });

  it('exports the reference figures with their sources', () => {
    expect(REFERENCE_FIGURES.length).toBe(5);
    expect(REFERENCE_FIGURES.every((f) => f.source.length > 10)).toBe(true);
    expect(blackoutTimeline(base).references).toBe(REFERENCE_FIGURES);
  });

  it('inputs come from the live system', () => {
    const { system } = runLuoScript(lines('open', 'create s', 'preserve s 1 memfd:64K:fill=0.5', 'create t'), { model: 'mainline', kernel: '6.19' });
    const i = blackoutInput(system);
    expect(i).toMatchObject({ sessions: 2, files: 1, folios: 16, holePages: 8 });
    expect(i.trackerBitmaps).toBeGreaterThan(0);
    expect(blackoutInput(runLuoScript(lines('open', 'create s', 'preserve s 1 memfd:64K'), { model: 'mainline' }).system).trackerBitmaps).toBe(0);
  });
});
