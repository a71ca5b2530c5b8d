import { useEffect, useRef } from 'react';
import { formatBytes } from '../../sim/units/size';
import type { WorkloadSummary } from '../../worker/protocol';
import { prepareCanvas, themeColor, useSize } from '../canvas';
import { Panel, SimplificationNote } from '../Panel';
import { useApp, useAppStore } from '../storeContext';

const NONE: WorkloadSummary[] = [];

export function DirtyView({ panelRef }: { panelRef: (el: HTMLElement | null) => void }) {
  const workloads = useApp((s) => s.frame?.workloads ?? NONE);
  return (
    <Panel view="dirty" title="Dirty-page tracking" subtitle="pages written since the last tracking round" panelRef={panelRef}>
      {workloads.length === 0 && <p className="muted">This scenario has no workload that writes memory.</p>}
      {workloads.map((w) => (
        <WorkloadHeatmap key={w.id} w={w} />
      ))}
      <SimplificationNote>the tracker here is ideal: it reports exactly the pages written since the round began. Soft-dirty and uffd-wp, with their costs and false positives, are modelled page by page in the dirty-tracking model.</SimplificationNote>
    </Panel>
  );
}

function WorkloadHeatmap({ w }: { w: WorkloadSummary }) {
  const store = useAppStore();
  const selected = useApp((s) => s.selection?.kind === 'workload' && s.selection.id === w.id);
  const theme = useApp((s) => s.theme);
  const [wrap, size] = useSize<HTMLDivElement>();
  const canvas = useRef<HTMLCanvasElement>(null);
  const cols = 128;
  const rows = Math.ceil(w.heat.length / cols);
  const cell = Math.max(2, Math.floor(Math.min((size.w || 300) / cols, 160 / rows)));
  const bytesPerCell = w.pagesPerBucket * 4096;

  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const ctx = prepareCanvas(c, cols * cell, rows * cell);
    if (!ctx) return;
    const empty = themeColor('--heat-0');
    const hot = themeColor('--heat-1');
    ctx.fillStyle = empty;
    ctx.fillRect(0, 0, cols * cell, rows * cell);
    ctx.fillStyle = hot;
    for (let i = 0; i < w.heat.length; i++) {
      const n = w.heat[i];
      if (n === 0) continue;
      // A single written page must stay visible: alpha starts at 0.3.
      ctx.globalAlpha = 0.3 + 0.7 * Math.min(1, n / w.pagesPerBucket);
      ctx.fillRect((i % cols) * cell, Math.floor(i / cols) * cell, cell, cell);
    }
    ctx.globalAlpha = 1;
  }, [w.heat, w.pagesPerBucket, cell, rows, theme]);

  const pct = w.pages ? (100 * w.writtenSinceClear) / w.pages : 0;
  return (
    <div className={`heat${selected ? ' selected' : ''}`}>
      <button type="button" className="heat-title" onClick={() => store.getState().select({ kind: 'workload', id: w.id })} aria-pressed={selected}>
        {w.label} <span className="muted">({w.kind}, {formatBytes(w.pages * 4096)})</span>
      </button>
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
      <div ref={wrap} className="heat-wrap">
        <canvas
          ref={canvas}
          style={{ width: cols * cell, height: rows * cell }}
          role="img"
          aria-label={`Heatmap of ${w.label}: ${w.writtenSinceClear} of ${w.pages} pages written this round, in ${w.heat.length} cells of ${formatBytes(bytesPerCell)}.`}
        />
      </div>
      <p className="scale">
        Each cell is {formatBytes(bytesPerCell)} ({w.pagesPerBucket.toLocaleString('en-US')} pages); darker means more of its pages were written. A cell with one written page is
        still visible.{w.sampled ? ' This workload is larger than the tracked bitmap: pages are sampled onto it.' : ''}
      </p>
    </div>
  );
}
