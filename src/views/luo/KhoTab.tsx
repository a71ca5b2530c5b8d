// KHO and the blackout: the memory handed over (preserved, incoming, scratch) per node to scale,
// the tracker's size in each format, and the timeline of one live update with its parameters.
import { useState } from 'react';
import type { MemRegion } from '../../sim/kho/memmap';
import { formatBytes } from '../../sim/units/size';
import type { LuoFrame } from '../../worker/protocol';
import { BlackoutTimelineView } from './BlackoutTimeline';
import { bytesByKind, regionGroups, stripRows } from './khoStrip';
import { ModelNotes } from './ModelNotes';

const KIND_LABEL: Record<MemRegion['kind'], string> = {
  'kernel-image': 'kernel image',
  scratch: 'scratch',
  allocated: 'allocated (not handed over)',
  preserved: 'preserved for the next kernel',
  incoming: 'handed over by the previous kernel',
};

const hex = (n: number) => '0x' + n.toString(16);
const regionText = (r: MemRegion) => `${KIND_LABEL[r.kind]} · ${r.use} · ${r.owner} · ${hex(r.start)}, ${formatBytes(r.size)}${r.how ? ` (${r.how})` : ''}`;

/** The tracker format of the running kernel. */
function trackerFormat(luo: LuoFrame): '6.16' | '6.19' | 'radix' {
  return luo.model === 'rfc-v2' ? '6.16' : luo.kernel === '6.19' ? '6.19' : 'radix';
}

const TRACKER_DESC: Record<'6.16' | '6.19' | 'radix', string> = {
  '6.16': '512-byte bitmaps per order, 255 per chunk page',
  '6.19': 'page-sized bitmaps per order, 255 per chunk page',
  radix: 'one radix tree: 4 KiB tables and leaf bitmaps',
};

export function KhoTab({ luo }: { luo: LuoFrame }) {
  const kho = luo.kho;
  const rows = stripRows(kho, 1000, 3);
  const by = bytesByKind(kho.regions);
  const groups = regionGroups(kho.regions);
  const [showAll, setShowAll] = useState(false);
  const current = trackerFormat(luo);
  const kinds = (Object.keys(KIND_LABEL) as MemRegion['kind'][]).filter((k) => by[k] > 0 || k === 'preserved');
  return (
    <div className="lv-tab-body lv-kho">
      <section aria-labelledby="lv-kho-mem">
        <h3 id="lv-kho-mem">Memory KHO hands over</h3>
        <dl className="lv-stats">
          <div>
            <dt>preserved for the next kernel</dt>
            <dd>{formatBytes(kho.preservedBytes)}</dd>
          </div>
          <div>
            <dt>incoming from the previous one</dt>
            <dd>{formatBytes(kho.incomingBytes)}</dd>
          </div>
          <div>
            <dt>scratch ({kho.regions.filter((r) => r.kind === 'scratch').length} regions)</dt>
            <dd>{formatBytes(kho.scratchBytes)}</dd>
          </div>
        </dl>
        <ul className="lv-legend">
          {kinds.map((k) => (
            <li key={k}>
              <span className={`lv-swatch lv-k-${k}`} aria-hidden="true" />
              {KIND_LABEL[k]}
            </li>
          ))}
        </ul>
        <div className="lv-strips" role="img" aria-label={`Physical memory of ${rows.length} nodes to scale: ${groups.map((g) => `${g.count} ${g.kind} ${g.use} (${formatBytes(g.bytes)})`).join('; ')}`}>
          {rows.map((row) => (
            <div className="lv-strip-row" key={row.node}>
              <span className="lv-strip-label">
                node {row.node}
                <span className="lv-muted"> {formatBytes(row.size, 0)}</span>
              </span>
              <div className="lv-strip">
                {row.segments.map((s, i) => (
                  <span
                    key={i}
                    className={`lv-seg lv-k-${s.region.kind}${s.widened ? ' lv-widened' : ''}`}
                    style={{ left: `${s.x / 10}%`, width: `${s.width / 10}%` }}
                    title={regionText(s.region) + (s.widened ? ' — drawn wider than to scale' : '')}
                  />
                ))}
              </div>
            </div>
          ))}
        </div>
        <p className="lv-muted lv-small">To scale; regions smaller than 0.3 % of a node are drawn 0.3 % wide (outlined). Scratch regions: lowmem, global, one per node; the next kernel's early boot allocates only from them.</p>
        <table className="lv-table">
          <caption>Regions by kind and use</caption>
          <thead>
            <tr>
              <th scope="col">kind</th>
              <th scope="col">use</th>
              <th scope="col" className="num">
                regions
              </th>
              <th scope="col" className="num">
                bytes
              </th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={`${g.kind}|${g.use}`}>
                <td>
                  <span className={`lv-swatch lv-k-${g.kind}`} aria-hidden="true" />
                  {g.kind}
                </td>
                <td>
                  <code>{g.use}</code>
                </td>
                <td className="num">{g.count.toLocaleString('en-US')}</td>
                <td className="num">{formatBytes(g.bytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <details className="lv-regions" open={showAll} onToggle={(e) => setShowAll((e.currentTarget as HTMLDetailsElement).open)}>
          <summary>Every region ({kho.regions.length.toLocaleString('en-US')})</summary>
          {showAll && (
            <ol className="lv-region-list">
              {kho.regions.slice(0, 300).map((r, i) => (
                <li key={i}>
                  <code>{hex(r.start)}</code> {formatBytes(r.size)} <span className={`lv-swatch lv-k-${r.kind}`} aria-hidden="true" />
                  {r.kind} · {r.use} · {r.owner}
                  {r.how ? ` (${r.how})` : ''}
                </li>
              ))}
              {kho.regions.length > 300 && <li className="lv-muted">… {kho.regions.length - 300} more</li>}
            </ol>
          )}
        </details>
      </section>
      <section aria-labelledby="lv-kho-tracker">
        <h3 id="lv-kho-tracker">Preserved-memory tracker, by format</h3>
        <table className="lv-table" data-testid="tracker-sizes">
          <caption>Size of the tracker for what is preserved now ({formatBytes(kho.preservedBytes)})</caption>
          <thead>
            <tr>
              <th scope="col">format</th>
              <th scope="col" className="num">
                bitmaps / leaves
              </th>
              <th scope="col" className="num">
                index pages
              </th>
              <th scope="col" className="num">
                bytes
              </th>
            </tr>
          </thead>
          <tbody>
            {(['6.16', '6.19', 'radix'] as const).map((f) => (
              <tr key={f} className={f === current ? 'lv-this' : ''}>
                <th scope="row">
                  {f === 'radix' ? 'radix (after 6.19)' : f}
                  {f === current && <span className="lv-badge">this kernel</span>}
                  <span className="lv-sub">{TRACKER_DESC[f]}</span>
                </th>
                <td className="num">{kho.tracker[f].bitmaps.toLocaleString('en-US')}</td>
                <td className="num">{kho.tracker[f].indexPages.toLocaleString('en-US')}</td>
                <td className="num">{formatBytes(kho.tracker[f].bytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <ModelNotes luo={luo} place="kho" />
      <BlackoutTimelineView luo={luo} />
    </div>
  );
}
