// One live update in time: preserve (before the blackout), freeze, serialize, kexec, scratch-only
// early boot, boot, deserialize, retrieve, finish. Every duration is a labelled parameter (no
// LUO/KHO timing has been published); the published figures of related techniques sit beside it.
import { useMemo, useState } from 'react';
import { BLACKOUT_PARAMS, type BlackoutTimeline } from '../../sim/luo/blackout';
import { formatDuration } from '../../sim/units/duration';
import type { LuoFrame } from '../../worker/protocol';
import { inputFromTimeline, inputFromUpdate, phaseSegments, recompute, type ParamId } from './blackoutModel';
import { ModelNotes } from './ModelNotes';

export function BlackoutTimelineView({ luo }: { luo: LuoFrame }) {
  const [overrides, setOverrides] = useState<Partial<Record<ParamId, number>>>({});
  const [which, setWhich] = useState<'now' | number>('now');
  const update = which === 'now' ? null : (luo.updates[which] ?? null);
  const t: BlackoutTimeline = useMemo(() => recompute(update ? inputFromUpdate(update) : inputFromTimeline(luo.blackout), overrides), [luo.blackout, update, overrides]);
  const segs = phaseSegments(t);
  const inB = segs.filter((s) => s.inBlackout);
  const bStart = inB[0]?.start ?? 0;
  const bEnd = inB.length ? inB[inB.length - 1].start + inB[inB.length - 1].width : 0;
  const input = update ? inputFromUpdate(update) : inputFromTimeline(luo.blackout);
  const changed = Object.keys(overrides).length > 0;
  return (
    <section aria-labelledby="lv-blackout" className="lv-blackout">
      <h3 id="lv-blackout">Blackout timeline</h3>
      <div className="lv-row-controls">
        <label className="lv-field">
          <span>update</span>
          <select value={String(which)} onChange={(e) => setWhich(e.target.value === 'now' ? 'now' : Number(e.target.value))}>
            <option value="now">the next one (what is preserved now)</option>
            {luo.updates.map((u, i) => (
              <option key={i} value={i}>
                boot {u.fromBoot} → {u.fromBoot + 1}: {u.sessions} sessions, {u.files} files
              </option>
            ))}
          </select>
        </label>
        <span className="lv-muted">
          {input.sessions} sessions · {input.files} files · {input.folios.toLocaleString('en-US')} folios · {input.holePages.toLocaleString('en-US')} hole pages · {input.preservedBlocks.toLocaleString('en-US')} preserved blocks
        </span>
        {changed && (
          <button type="button" onClick={() => setOverrides({})}>
            Reset parameters
          </button>
        )}
      </div>
      {update && <p className="lv-muted lv-small">A past update: hole pages and tracker bitmaps were not recorded, so they count as 0.</p>}
      <div className="lv-bo" role="img" aria-label={`Blackout ${formatDuration(t.blackout.durationNs)} of ${formatDuration(t.totalNs)}: ${t.phases.map((p) => `${p.label} ${formatDuration(p.durationNs)}`).join(', ')}`}>
        <div className="lv-bo-bracket" style={{ left: `${bStart * 100}%`, width: `${(bEnd - bStart) * 100}%` }}>
          <span>blackout {formatDuration(t.blackout.durationNs)}</span>
        </div>
        <div className="lv-bo-bar">
          {segs.map((s) => {
            const p = t.phases.find((x) => x.id === s.id)!;
            return (
              <span key={s.id} className={`lv-bo-seg${s.inBlackout ? ' lv-dark' : ''}${s.tiny ? ' lv-tiny' : ''}`} style={{ left: `${s.start * 100}%`, width: `${s.width * 100}%` }} title={`${p.label}: ${formatDuration(p.durationNs)}`}>
                {s.width > 0.09 ? p.id : ''}
              </span>
            );
          })}
        </div>
      </div>
      <p className="lv-bo-total">
        Blackout <strong data-testid="blackout-total">{formatDuration(t.blackout.durationNs)}</strong> (freeze to the end of retrieve) · whole update {formatDuration(t.totalNs)} · phases under 0.6 % are drawn as slivers
      </p>
      <table className="lv-table lv-phases">
        <caption>Phases and the parameters their durations are made of (ns per unit; change any)</caption>
        <thead>
          <tr>
            <th scope="col">phase</th>
            <th scope="col" className="num">
              duration
            </th>
            <th scope="col">parameter × count</th>
          </tr>
        </thead>
        <tbody>
          {t.phases.map((p) => (
            <tr key={p.id} className={p.inBlackout ? 'lv-in-blackout' : ''}>
              <th scope="row">
                {p.label}
                {p.inBlackout && <span className="lv-sub">in the blackout</span>}
              </th>
              <td className="num">{formatDuration(p.durationNs)}</td>
              <td>
                <ul className="lv-terms">
                  {p.terms.map((term) => {
                    const id = term.param as ParamId;
                    const def = BLACKOUT_PARAMS[id];
                    return (
                      <li key={term.param}>
                        <label>
                          <span className="lv-term-label">{def.label}</span>
                          <input
                            type="number"
                            min={0}
                            step="any"
                            value={overrides[id] ?? def.ns}
                            onChange={(e) => {
                              const v = e.target.valueAsNumber;
                              setOverrides((o) => ({ ...o, [id]: Number.isFinite(v) ? v : def.ns }));
                            }}
                            aria-label={`${def.label}, ns per ${def.per}`}
                          />
                          <span className="lv-muted">
                            ns{def.per === 'fixed' ? '' : ` × ${term.count.toLocaleString('en-US')} ${def.per}${term.count === 1 ? '' : 's'}`}
                          </span>
                        </label>
                      </li>
                    );
                  })}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="lv-refs">
        <h4>Published figures, for context (none is a LUO/KHO measurement)</h4>
        <ul>
          {t.references.map((r) => (
            <li key={r.id}>
              <strong>{r.value}</strong> — {r.context} <span className="lv-muted">[{r.tag === 'D' ? 'documented' : 'inferred'}; {r.source}]</span>
            </li>
          ))}
        </ul>
      </div>
      <ModelNotes luo={luo} place="blackout" />
    </section>
  );
}
