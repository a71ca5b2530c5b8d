import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { khoMemoryMap } from '../../sim/kho/memmap';
import { formatSeries } from '../../sim/kho/formats';
import { applyOp, blackoutInput, blackoutTimeline, createLuoSystem, MODEL_NOTES, parseLine } from '../../sim/luo';
import { luoFrame } from '../../worker/luoFrame';
import { inputFromTimeline, inputFromUpdate, phaseSegments, recompute } from './blackoutModel';
import { chartModel, wrapLabel } from './formatChart';
import { luoFrameKey } from './frameKey';
import { nextLastTransition } from './lastTransition';
import { bytesByKind, regionGroups, stripRows } from './khoStrip';
import { notesFor, unplacedNotes } from './modelNotes';

function mainline(lines: string[]) {
  const sys = createLuoSystem({ model: 'mainline', kernel: 'latest', proposedHandlers: true });
  for (const l of lines) applyOp(sys, parseLine(l, 'mainline'));
  return sys;
}

describe('blackout model', () => {
  const input = fc.record({
    sessions: fc.nat(3000),
    files: fc.nat(100_000),
    folios: fc.nat(10_000_000),
    holePages: fc.nat(1_000_000),
    preservedBlocks: fc.nat(1_000_000),
    trackerBitmaps: fc.nat(10_000),
  });

  it('reads the inputs back from a timeline', () => {
    fc.assert(
      fc.property(input, (i) => {
        expect(inputFromTimeline(blackoutTimeline(i))).toEqual(i);
      }),
    );
  });

  it('recomputes with a changed parameter: only phases using it change', () => {
    const sys = mainline(['open', 'create vm0', 'preserve vm0 1 memfd:64M:fill=0.5']);
    const base = blackoutTimeline(blackoutInput(sys));
    const t = recompute(inputFromTimeline(base), { kexecJump: 1_000_000 });
    const d = (tl: typeof base, id: string) => tl.phases.find((p) => p.id === id)!.durationNs;
    expect(d(t, 'kexec')).toBe(1_000_000);
    expect(d(t, 'preserve')).toBe(d(base, 'preserve'));
    expect(base.blackout.durationNs - t.blackout.durationNs).toBe(150_000_000 - 1_000_000);
    expect(recompute(inputFromTimeline(base), { kexecJump: -5 }).phases).toEqual(base.phases);
  });

  it('draws every phase visible and the bar full width', () => {
    const t = blackoutTimeline({ sessions: 1, files: 1, folios: 10, holePages: 0, preservedBlocks: 3, trackerBitmaps: 0 });
    const segs = phaseSegments(t);
    expect(segs.reduce((s, x) => s + x.width, 0)).toBeCloseTo(1, 9);
    expect(segs.every((s) => s.width > 0)).toBe(true);
    expect(segs.find((s) => s.id === 'freeze')!.tiny).toBe(true);
    expect(segs.find((s) => s.id === 'boot')!.tiny).toBe(false);
  });

  it('approximates a past update from its record', () => {
    const i = inputFromUpdate({ fromBoot: 0, model: 'mainline', sessions: 2, files: 3, folios: 40, preservedBytes: 0, trackerBlocks: 9 });
    expect(i).toEqual({ sessions: 2, files: 3, folios: 40, holePages: 0, preservedBlocks: 9, trackerBitmaps: 0 });
  });
});

describe('KHO strip', () => {
  it('draws each node to scale, widening tiny regions and never past the edge', () => {
    const sys = mainline(['open', 'create vm0', 'preserve vm0 1 memfd:64M:fill=0.5']);
    const map = khoMemoryMap(sys.kho);
    const rows = stripRows(map, 1000, 3);
    expect(rows.map((r) => r.node)).toEqual(map.nodes.map((n) => n.id));
    const segs = rows.flatMap((r) => r.segments);
    expect(segs.some((s) => s.region.kind === 'preserved')).toBe(true);
    for (const s of segs) {
      expect(s.width).toBeGreaterThanOrEqual(3);
      expect(s.x).toBeGreaterThanOrEqual(0);
      expect(s.x + s.width).toBeLessThanOrEqual(1000 + 1e-6);
    }
    const scratch = segs.filter((s) => s.region.kind === 'scratch');
    expect(scratch.every((s) => !s.widened)).toBe(true);
    expect(segs.filter((s) => s.region.kind === 'preserved').every((s) => s.widened)).toBe(true);
    // Scratch is drawn first (underneath), preserved memory last (on top).
    const kinds = rows[0].segments.map((s) => s.region.kind);
    expect(kinds.indexOf('scratch')).toBeLessThan(kinds.lastIndexOf('preserved') === -1 ? Infinity : kinds.lastIndexOf('preserved'));
    const by = bytesByKind(map.regions);
    expect(by.preserved).toBe(map.preservedBytes);
    expect(by.scratch).toBe(map.scratchBytes);
    expect(regionGroups(map.regions).reduce((s, g) => s + g.bytes, 0)).toBe(map.regions.reduce((s, r) => s + r.size, 0));
  });
});

describe('model notes', () => {
  it('places every note somewhere, and only where it applies', () => {
    expect(unplacedNotes()).toEqual([]);
    expect(notesFor('graph', 'rfc-v2', 'latest').some((n) => n.includes('RFC v2 had no memfd handler'))).toBe(true);
    expect(notesFor('graph', 'mainline', 'latest').some((n) => n.includes('RFC v2'))).toBe(false);
    expect(notesFor('graph', 'mainline', '6.19').some((n) => n.includes('ioctl typing'))).toBe(true);
    expect(notesFor('graph', 'mainline', 'latest').some((n) => n.includes('ioctl typing'))).toBe(false);
    expect(notesFor('blackout', 'mainline', 'latest')).toEqual([MODEL_NOTES.find((n) => n.startsWith('Blackout'))]);
  });
});

describe('format chart', () => {
  it('orders bar heights like the values, and flags zeros', () => {
    const s = formatSeries(4096);
    const m = chartModel(s, 'metadataBytes', { width: 600, height: 240 });
    expect(m.bars.length).toBe(s.labels.length * 3);
    for (const a of m.bars)
      for (const b of m.bars) if (a.value > 0 && b.value > 0 && a.value > b.value) expect(a.height).toBeGreaterThanOrEqual(b.height);
    const extra = chartModel(s, 'extraMemoryBytes', { width: 600, height: 240 });
    expect(extra.bars.filter((b) => b.format !== 'memfd-v1').every((b) => b.zero && b.height === 0)).toBe(true);
    expect(m.ticks.length).toBeGreaterThanOrEqual(2);
    for (const b of m.bars) expect(b.x).toBeGreaterThanOrEqual(m.plot.left);
  });

  it('wraps group labels at spaces', () => {
    expect(wrapLabel('VM memory 256 GiB, full', 10)).toEqual(['VM memory', '256 GiB,', 'full']);
    expect(wrapLabel('supercalifragilistic x', 5)).toEqual(['supercalifragilistic', 'x']);
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z]{1,12}$/), { maxLength: 8 }), fc.integer({ min: 1, max: 30 }), (words, max) => {
        const lines = wrapLabel(words.join(' '), max);
        expect(lines.join(' ')).toBe(words.join(' '));
        for (const l of lines) if (l.includes(' ')) expect(l.length).toBeLessThanOrEqual(max);
      }),
    );
  });
});

describe('frame key', () => {
  it('changes when the state changes and not otherwise', () => {
    const sys = mainline(['open', 'create vm0']);
    const st = { sys, lastResult: null };
    const a = luoFrameKey(luoFrame(st));
    expect(luoFrameKey(luoFrame(structuredClone(st)))).toBe(a);
    expect(luoFrameKey(luoFrame(st, 'vm0'))).not.toBe(a);
    applyOp(sys, parseLine('preserve vm0 1 memfd:1M', 'mainline'));
    expect(luoFrameKey(luoFrame(st))).not.toBe(a);
  });
});

describe('last transition', () => {
  it('survives a refused operation and queries, and is dropped when time goes back', () => {
    const freeze = { op: 'freeze', ok: true, from: 'prepared', to: 'frozen' };
    let kept = nextLastTransition(null, freeze, 10, 'rfc-v2');
    expect(kept?.last).toBe(freeze);
    kept = nextLastTransition(kept, { op: 'finish', ok: false, from: 'frozen', to: 'frozen', errno: 'EINVAL' }, 11, 'rfc-v2');
    expect(kept?.last).toBe(freeze);
    kept = nextLastTransition(kept, { op: 'fail memfd-v1 freeze', ok: true, from: 'frozen', to: 'frozen' }, 12, 'rfc-v2');
    expect(kept?.last).toBe(freeze);
    expect(nextLastTransition(kept, null, 5, 'rfc-v2')).toBeNull();
    // Mainline operations move objects without changing the summary label.
    const rfd = { op: 'retrieve-fd vm0 0x1', ok: true, from: 'dev:open out:0 in:1', to: 'dev:open out:0 in:1' };
    expect(nextLastTransition(null, rfd, 3, 'mainline')?.last).toBe(rfd);
    expect(nextLastTransition(null, rfd, 3, 'rfc-v2')).toBeNull();
  });
});
