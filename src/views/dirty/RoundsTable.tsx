import { formatDuration } from '../../sim/units/duration';
import type { WorkloadSummary } from '../../worker/protocol';

const n = (x: number) => x.toLocaleString('en-US');

/** Per round: pages written, what each tracker reported, its false positives, faults and CPU cost. */
export function RoundsTable({ w }: { w: WorkloadSummary }) {
  const rows = w.rounds.slice(-6).reverse();
  if (!rows.length) return <p className="muted small">No round has ended yet: a round ends at each “workload.clear” (a scan and re-protect, a pre-dump).</p>;
  return (
    <table className="rounds" aria-label={`Tracking rounds of ${w.label}`}>
      <thead>
        <tr>
          <th scope="col">round</th>
          <th scope="col">ended</th>
          <th scope="col" title="distinct pages written during the round">written</th>
          {w.trackers.uffd && (
            <>
              <th scope="col" title="pages PAGEMAP_SCAN returned as written">uffd-wp reported</th>
              <th scope="col" title="write-protect faults the tracking caused">faults</th>
              <th scope="col" title="faults, scan and re-protect, from the reference costs">cost</th>
            </>
          )}
          {w.trackers.softDirty && (
            <>
              <th scope="col" title="pages with bit 55 set in pagemap">soft-dirty reported</th>
              <th scope="col" title="reported but not written: VMA flags, THP granularity">false +</th>
              <th scope="col">cost</th>
            </>
          )}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.round}>
            <td>{r.round}</td>
            <td>{formatDuration(r.at)}</td>
            <td>{n(r.pagesWritten)}</td>
            {w.trackers.uffd && r.uffd && (
              <>
                <td className={r.uffd.pagesReported !== r.pagesWritten ? 'differs' : undefined}>{n(r.uffd.pagesReported)}</td>
                <td>{n(r.uffd.faults)}</td>
                <td>{formatDuration(Math.round(r.uffd.cost.totalNs))}</td>
              </>
            )}
            {w.trackers.softDirty && r.softDirty && (
              <>
                <td className={r.softDirty.pagesReported !== r.pagesWritten ? 'differs' : undefined}>{n(r.softDirty.pagesReported)}</td>
                <td>{n(r.softDirty.falsePositives)}</td>
                <td>{formatDuration(Math.round(r.softDirty.cost.totalNs))}</td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
