import { useMemo, useRef } from 'react';
import { scaleLinear } from 'd3';
import type { ScriptAction } from '../../sim/scenario/schema';
import { formatDuration } from '../../sim/units/duration';
import { useSize } from '../canvas';
import { Panel } from '../Panel';
import { useApp, useAppStore } from '../storeContext';

const NO_SCRIPT: ScriptAction[] = [];
const LEFT = 92;
const RIGHT = 16;
const TRACK_H = 26;
const AXIS_H = 22;

/** Tracks are the model that reported an entry: "workload.clear" goes on the workload track. */
function trackOf(kind: string): string {
  return kind.slice(0, kind.indexOf('.') < 0 ? undefined : kind.indexOf('.'));
}

export function TimelineView({ panelRef }: { panelRef: (el: HTMLElement | null) => void }) {
  const store = useAppStore();
  const log = useApp((s) => s.log);
  const timeNs = useApp((s) => s.frame?.timeNs ?? 0);
  const durationNs = useApp((s) => s.frame?.durationNs ?? 1);
  const selection = useApp((s) => s.selection);
  const script = useApp((s) => s.scenario?.script ?? NO_SCRIPT);
  const timeWindow = useApp((s) => s.timeWindow);
  const [wrap, size] = useSize<HTMLDivElement>();
  const dragging = useRef(false);

  const domain = timeWindow ?? [0, durationNs];
  const x = useMemo(() => scaleLinear().domain(domain).range([LEFT, Math.max(LEFT + 10, size.w - RIGHT)]).clamp(false), [domain[0], domain[1], size.w]);
  const inView = (t: number) => t >= domain[0] && t <= domain[1];
  const tracks = useMemo(() => {
    const names = new Set(['timeline', 'workload', ...script.map((a) => trackOf(a.action)), ...log.map((l) => trackOf(l.kind))]);
    return [...names];
  }, [log, script]);
  const height = AXIS_H + tracks.length * TRACK_H + 6;
  const ticks = x.ticks(Math.max(2, Math.floor(size.w / 110)));

  const seekTo = (clientX: number, el: Element) => {
    const r = el.getBoundingClientRect();
    void store.getState().seek(x.invert(clientX - r.left));
  };

  return (
    <Panel
      view="timeline"
      title="Timeline"
      subtitle="click or drag to travel in time · W/S zoom · A/D pan · F fit · , . previous/next event"
      panelRef={panelRef}
      tools={
        timeWindow && (
          <button type="button" onClick={() => store.getState().fitTime()}>
            Showing {formatDuration(domain[0])} – {formatDuration(domain[1])} · Fit (F)
          </button>
        )
      }
    >
      <div ref={wrap} className="timeline-wrap">
        {size.w > 0 && (
          <svg
            width={size.w}
            height={height}
            role="slider"
            tabIndex={0}
            aria-label="Virtual time"
            aria-valuemin={0}
            aria-valuemax={durationNs}
            aria-valuenow={timeNs}
            aria-valuetext={formatDuration(timeNs)}
            data-testid="timeline-scrubber"
            onPointerDown={(e) => {
              if ((e.target as Element).closest('[data-entry]')) return;
              dragging.current = true;
              (e.currentTarget as Element).setPointerCapture(e.pointerId);
              seekTo(e.clientX, e.currentTarget);
            }}
            onPointerMove={(e) => dragging.current && seekTo(e.clientX, e.currentTarget)}
            onPointerUp={() => (dragging.current = false)}
            onWheel={(e) => {
              if (!e.ctrlKey && !e.metaKey && Math.abs(e.deltaX) <= Math.abs(e.deltaY)) return;
              const r = e.currentTarget.getBoundingClientRect();
              if (e.ctrlKey || e.metaKey) store.getState().zoomTime(e.deltaY > 0 ? 1.25 : 0.8, x.invert(e.clientX - r.left));
              else store.getState().panTime(e.deltaX / 500);
            }}
            onKeyDown={(e) => {
              const step = (domain[1] - domain[0]) / 100;
              if (e.key === 'ArrowRight') void store.getState().seek(timeNs + step);
              else if (e.key === 'ArrowLeft') void store.getState().seek(timeNs - step);
              else return;
              e.preventDefault();
              e.stopPropagation();
            }}
          >
            <g className="axis">
              {ticks.map((t) => (
                <g key={t} transform={`translate(${x(t)},0)`}>
                  <line y1={AXIS_H - 4} y2={height} className="grid" />
                  <text y={AXIS_H - 8} textAnchor="middle">
                    {formatDuration(t)}
                  </text>
                </g>
              ))}
            </g>
            {tracks.map((track, i) => (
              <g key={track} transform={`translate(0,${AXIS_H + i * TRACK_H})`}>
                <rect x={LEFT} width={Math.max(0, size.w - LEFT - RIGHT)} height={TRACK_H - 4} className="track" />
                <text x={LEFT - 8} y={TRACK_H / 2} textAnchor="end" className="track-label">
                  {track}
                </text>
                {script
                  .filter((a) => trackOf(a.action) === track && a.at > timeNs && inView(a.at))
                  .map((a, k) => (
                    <line key={`s${k}`} x1={x(a.at)} x2={x(a.at)} y1={4} y2={TRACK_H - 8} className="planned" />
                  ))}
                {log.map((l, k) =>
                  trackOf(l.kind) === track && inView(l.at) ? (
                    <g key={k} data-entry transform={`translate(${x(l.at)},0)`} onPointerDown={(e) => (e.stopPropagation(), store.getState().select({ kind: 'event', id: String(k) }))}>
                      <title>{`${formatDuration(l.at)}: ${l.label}`}</title>
                      <rect x={-3} y={2} width={6} height={TRACK_H - 8} rx={2} className={selection?.kind === 'event' && selection.id === String(k) ? 'entry selected' : 'entry'} />
                    </g>
                  ) : null,
                )}
              </g>
            ))}
            {inView(timeNs) && <line x1={x(timeNs)} x2={x(timeNs)} y1={AXIS_H - 6} y2={height} className="playhead" />}
          </svg>
        )}
      </div>
      <ol className="event-list" aria-label="Events so far">
        {log.slice(-6).map((l, k) => {
          const idx = log.length - Math.min(6, log.length) + k;
          return (
            <li key={idx}>
              <button type="button" className={selection?.kind === 'event' && selection.id === String(idx) ? 'link on' : 'link'} onClick={() => store.getState().select({ kind: 'event', id: String(idx) })}>
                <span className="mono">{formatDuration(l.at)}</span> {l.label}
              </button>
            </li>
          );
        })}
      </ol>
    </Panel>
  );
}
