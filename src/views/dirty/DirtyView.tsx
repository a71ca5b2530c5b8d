import { useCallback, useMemo, useState } from 'react';
import { ARCHES } from '../../sim/dirty/arch';
import { PTE_SOFTWARE_BITS } from '../../sim/dirty/pteBits';
import { formatBytes } from '../../sim/units/size';
import type { WorkloadSummary } from '../../worker/protocol';
import { frameRecorder } from '../lod/frameLog';
import { LodStrip, type Lane } from '../lod/LodStrip';
import type { TileKey } from '../lod/tiles';
import { bytesPerPx, fit, zoomAt, type Viewport } from '../lod/viewport';
import { Panel, SimplificationNote } from '../Panel';
import { useApp, useAppStore } from '../storeContext';
import { CRIU_UFFD_REFUSAL } from './criu';
import { RoundsTable } from './RoundsTable';

const NONE: WorkloadSummary[] = [];
const recordFrame = frameRecorder('heatFrames');
const LABEL_W = 150;

/** Lane colours: the truth in slate, uffd-wp in blue, soft-dirty in orange (distinct in lightness too). */
const LANE_RGB = { truth: [71, 85, 105], uffd: [37, 99, 235], soft: [234, 88, 12] } as const;

export function DirtyView({ panelRef }: { panelRef: (el: HTMLElement | null) => void }) {
  const workloads = useApp((s) => s.frame?.workloads ?? NONE);
  const arch = useApp((s) => s.scenario?.machine.arch ?? 'x86_64');
  const [criu, setCriu] = useState(false);
  const store = useAppStore();
  const info = ARCHES[arch];
  return (
    <Panel
      view="dirty"
      title="Dirty-page tracking"
      subtitle="pages written this round, and what each tracker reports"
      panelRef={panelRef}
      tools={
        <label className="arch-select">
          Architecture{' '}
          <select
            value={arch}
            onChange={(e) => {
              const next = e.target.value as 'x86_64' | 'arm64';
              void store.getState().updateScenario((s) => ({ ...s, machine: { ...s.machine, arch: next } }));
            }}
          >
            <option value="x86_64">x86_64: soft-dirty and uffd-wp</option>
            <option value="arm64">arm64: uffd-wp only (6.10+)</option>
          </select>
        </label>
      }
    >
      {workloads.length === 0 && <p className="muted">This scenario has no workload that writes memory.</p>}
      {workloads.map((w) => (
        <WorkloadTracking key={w.id} w={w} />
      ))}
      <details className="arch-bits">
        <summary>
          Why {arch} {info.softDirty === 'yes' ? 'has both trackers' : 'has no soft-dirty'}: the page-table entry's software bits
        </summary>
        <p>{info.note}</p>
        <table className="bits">
          <thead>
            <tr>
              <th scope="col">arch</th>
              <th scope="col">PTE bit</th>
              <th scope="col">kernel name</th>
              <th scope="col">used by</th>
            </tr>
          </thead>
          <tbody>
            {Object.values(PTE_SOFTWARE_BITS).flatMap((a) =>
              a.softwareBits.map((b) => (
                <tr key={`${a.arch}-${b.bit}`} className={a.arch === arch ? 'this-arch' : undefined}>
                  <td>{a.arch}</td>
                  <td className="mono">{b.bit}</td>
                  <td className="mono">{b.name}</td>
                  <td>{b.use}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
        {Object.values(PTE_SOFTWARE_BITS).map((a) => (
          <p key={a.arch} className="small">
            <strong>{a.arch}:</strong> {a.summary} <span className="muted">Sources: {a.sources.join('; ')}</span>
          </p>
        ))}
      </details>
      <div className="criu">
        <button type="button" onClick={() => setCriu(true)} aria-expanded={criu}>
          Checkpoint this tracker with CRIU…
        </button>
        {criu && (
          <div role="alert" className="criu-refusal">
            <div className="mono">$ {CRIU_UFFD_REFUSAL.command}</div>
            <div className="mono">{CRIU_UFFD_REFUSAL.error}</div>
            <p>{CRIU_UFFD_REFUSAL.why}</p>
            <p className="muted small">Source: {CRIU_UFFD_REFUSAL.source}</p>
          </div>
        )}
      </div>
    </Panel>
  );
}

function WorkloadTracking({ w }: { w: WorkloadSummary }) {
  const store = useAppStore();
  const selected = useApp((s) => s.selection?.kind === 'workload' && s.selection.id === w.id);
  const events = useApp((s) => s.frame?.events ?? 0);
  const vp = useApp((s) => s.heatViewport);
  const [widthPx, setWidthPx] = useState(800);
  const total = w.pages * 4096;
  const fetchTiles = useCallback((keys: TileKey[]) => store.getState().fetchTiles(keys), [store]);

  const lanes: Lane[] = useMemo(() => {
    const lane = (id: 'truth' | 'uffd' | 'soft', label: string): Lane => ({
      id,
      label,
      source: `dirty:${w.id}:${id}`,
      version: events,
      paint: (v, bpp, out) => {
        if (v === 0) return false;
        const pagesPerPx = Math.max(1, bpp / 4096);
        // A single written page in a pixel of a million pages must stay visible: alpha starts at 0.35.
        const a = Math.round(255 * (0.35 + 0.65 * Math.min(1, v / pagesPerPx)));
        const [r, g, b] = LANE_RGB[id];
        out.set([r, g, b, a], 0);
        return true;
      },
    });
    const out = [lane('truth', 'written (truth)')];
    out.push(w.trackers.uffd ? lane('uffd', `uffd-wp ${w.tracking.uffdMode}`) : { ...lane('uffd', 'uffd-wp: none here'), paint: () => false });
    out.push(w.trackers.softDirty ? lane('soft', 'soft-dirty') : { ...lane('soft', 'soft-dirty: not on this arch'), paint: () => false });
    return out;
  }, [w.id, w.trackers.uffd, w.trackers.softDirty, w.tracking.uffdMode, events]);

  const shown: Viewport = vp ?? fit(total, widthPx);
  const scale = bytesPerPx(shown);
  const pct = w.pages ? (100 * w.writtenSinceClear) / w.pages : 0;
  const setVp = (v: Viewport | null) => store.getState().setHeatViewport(v);

  return (
    <div className={`heat${selected ? ' selected' : ''}`}>
      <div className="heat-head">
        <button type="button" className="heat-title" onClick={() => store.getState().select({ kind: 'workload', id: w.id })} aria-pressed={selected}>
          {w.label} <span className="muted">({w.kind}, {formatBytes(w.pages * 4096)})</span>
        </button>
        <div className="map-tools" role="group" aria-label={`Zoom the page heatmap of ${w.label}`}>
          <span className="scale" data-testid={`heat-scale-${w.id}`}>
            1 px = {scale >= 4096 ? `${(scale / 4096).toLocaleString('en-US')} page${scale === 4096 ? '' : 's'} (${formatBytes(scale, 0)})` : `${formatBytes(scale)} · a page is ${4096 / scale} px`}
          </span>
          <button type="button" aria-label="Zoom the heatmap out" onClick={() => setVp(zoomAt(shown, widthPx / 2, 1, total, widthPx))}>
            −
          </button>
          <button type="button" aria-label="Zoom the heatmap in" onClick={() => setVp(zoomAt(shown, widthPx / 2, -1, total, widthPx))}>
            +
          </button>
          <button type="button" onClick={() => setVp(null)}>
            Fit
          </button>
        </div>
      </div>
      <div className="counters" data-testid={`counters-${w.id}`}>
        <span>
          round <strong>{w.round}</strong>
        </span>
        <span>
          written <strong>{w.writtenSinceClear.toLocaleString('en-US')}</strong> pages ({pct.toFixed(2)}%)
        </span>
        <span>
          writes <strong>{w.writes.toLocaleString('en-US')}</strong>
        </span>
        <span>{w.running ? `${w.ratePagesPerSec.toLocaleString('en-US')} pages/s` : 'stopped'}</span>
      </div>
      <LodStrip
        lanes={lanes}
        totalBytes={total}
        fetchTiles={fetchTiles}
        viewport={vp}
        onViewport={setVp}
        onWidth={setWidthPx}
        onFrame={recordFrame}
        laneHeight={26}
        labelWidth={LABEL_W}
        ariaLabel={`Page heatmap of ${w.label}: ${w.writtenSinceClear} of ${w.pages} pages written this round; lanes for the truth${w.trackers.uffd ? ', uffd-wp' : ''}${w.trackers.softDirty ? ', soft-dirty' : ''}. + and - zoom, arrows pan, 0 fits.`}
      />
      <RoundsTable w={w} />
      {w.sampled && <SimplificationNote>this workload is larger than 1 TiB: its writes are sampled onto a bitmap and the trackers are not run page by page.</SimplificationNote>}
    </div>
  );
}
