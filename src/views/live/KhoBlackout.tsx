import { formatDuration } from '../../sim/units/duration';
import { formatBytes } from '../../sim/units/size';
import type { LuoFrame } from '../../worker/protocol';

/** What KHO holds across the kexec, the tracker that describes it, and the blackout it costs. */
export function KhoBlackout({ luo }: { luo: LuoFrame }) {
  const { kho, blackout } = luo;
  const total = blackout.totalNs || 1;
  return (
    <div className="kho">
      <h4>Blackout</h4>
      <div className="blackout-bar" role="img" aria-label={`Blackout ${formatDuration(blackout.blackout.durationNs)} of ${formatDuration(blackout.totalNs)} in all`}>
        {blackout.phases.map((p) => (
          <div
            key={p.id}
            className={`phase ${p.inBlackout ? 'dark' : ''}`}
            style={{ width: `${Math.max(0.5, (100 * p.durationNs) / total)}%` }}
            title={`${p.label}: ${formatDuration(p.durationNs)} = ${p.terms.map((t) => `${t.count} × ${t.param}`).join(' + ')}`}
          />
        ))}
      </div>
      <table className="rounds">
        <tbody>
          {blackout.phases.map((p) => (
            <tr key={p.id}>
              <td>{p.label}</td>
              <td>{p.inBlackout ? 'in the blackout' : 'system running'}</td>
              <td>{formatDuration(p.durationNs)}</td>
            </tr>
          ))}
          <tr>
            <td>
              <strong>blackout</strong>
            </td>
            <td />
            <td data-testid="blackout-total">
              <strong>{formatDuration(blackout.blackout.durationNs)}</strong>
            </td>
          </tr>
        </tbody>
      </table>
      <p className="muted small">{blackout.note}</p>
      <details>
        <summary className="small">Published figures to compare with</summary>
        <ul className="small">
          {blackout.references.map((r) => (
            <li key={r.id}>
              <strong>{r.value}</strong> — {r.context} <span className="muted">({r.source})</span>
            </li>
          ))}
        </ul>
      </details>
      <h4>KHO: what crosses the kexec</h4>
      <p className="small">
        preserved {formatBytes(kho.preservedBytes)} · arrived from the previous kernel {formatBytes(kho.incomingBytes)} · scratch {formatBytes(kho.scratchBytes)}
      </p>
      <table className="rounds" aria-label="Preserved-memory tracker size by format">
        <thead>
          <tr>
            <th scope="col">tracker format</th>
            <th scope="col">bitmaps / leaves</th>
            <th scope="col">index pages</th>
            <th scope="col">bytes</th>
          </tr>
        </thead>
        <tbody>
          {Object.values(kho.tracker).map((t) => (
            <tr key={t.format}>
              <td>{t.format === 'radix' ? 'radix tree (later)' : t.format === '6.16' ? '6.16: 512-byte bitmaps' : '6.19: page bitmaps, 255 a chunk'}</td>
              <td>{t.bitmaps.toLocaleString('en-US')}</td>
              <td>{t.indexPages.toLocaleString('en-US')}</td>
              <td>{formatBytes(t.bytes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="rounds" aria-label="KHO memory regions">
        <thead>
          <tr>
            <th scope="col">region</th>
            <th scope="col">use</th>
            <th scope="col">start</th>
            <th scope="col">size</th>
          </tr>
        </thead>
        <tbody>
          {kho.regions.slice(0, 40).map((r, i) => (
            <tr key={i}>
              <td>{r.owner}</td>
              <td>{r.use}</td>
              <td className="mono">0x{r.start.toString(16)}</td>
              <td>{formatBytes(r.size)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
