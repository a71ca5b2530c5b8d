import { useCallback, useMemo, useRef, useState } from 'react';
import { MAP_CLASSES, type MapClass } from '../../sim/machine/addressmap';
import { formatBytes } from '../../sim/units/size';
import type { MapPoint } from '../../worker/protocol';
import { frameRecorder } from '../lod/frameLog';
import { LodStrip, type Lane } from '../lod/LodStrip';
import type { TileKey } from '../lod/tiles';
import { bytesPerPx, fit, focusRange, zoomAt, type Viewport } from '../lod/viewport';
import { Panel, SimplificationNote } from '../Panel';
import { useApp, useAppStore } from '../storeContext';
import { TopologyDiagram } from '../topology/TopologyDiagram';
import { Minimap } from './Minimap';
import { axisOffset, mapObjects } from './objects';
import { CLASS_LABEL, classColor, classCss } from './palette';

const LABEL_W = 150;

const recordFrame = frameRecorder('mapFrames');

export function MemoryMapView({ panelRef }: { panelRef: (el: HTMLElement | null) => void }) {
  const store = useAppStore();
  const machine = useApp((s) => s.machine);
  const version = useApp((s) => s.machineVersion);
  const nodes = useApp((s) => s.scenario?.machine.nodes);
  const dark = useApp((s) => s.theme === 'dark');
  const vp = useApp((s) => s.mapViewport);
  const selection = useApp((s) => s.selection);
  const [hover, setHover] = useState<MapPoint | null>(null);
  const [widthPx, setWidthPx] = useState(1000);
  const hoverSeq = useRef(0);
  const total = machine?.axisBytes ?? 1;

  const lanes: Lane[] = useMemo(() => {
    if (!machine || !nodes) return [];
    const byId = new Map(machine.layout.nodes.map((n) => [n.id, n]));
    // Memory above compute and fastest first, as lstopo draws it: order by tier, then id.
    const ordered = [...nodes].sort((a, b) => (byId.get(a.id)?.adistance ?? 0) - (byId.get(b.id)?.adistance ?? 0) || a.id - b.id);
    return ordered.map((n) => {
      const d = byId.get(n.id);
      const selected = selection?.kind === 'node' && selection.id === String(n.id);
      return {
        id: String(n.id),
        label: `${selected ? '▸ ' : ''}node ${n.id} · ${d?.kind ?? n.tier}`,
        source: `map:${n.id}`,
        version,
        paint: (v: number, _bpp: number, out: Uint8ClampedArray) => {
          const kind = v & 31;
          if (kind === 0) return false;
          const [r, g, b] = classColor(kind, dark);
          out.set([r, g, b, 255], 0);
          const minor = (v >> 8) & 31;
          if (minor) {
            const [r2, g2, b2] = classColor(minor, dark);
            out.set([r2, g2, b2, 255], 4);
          }
          return true;
        },
      };
    });
  }, [machine, nodes, version, dark, selection]);

  const fetchTiles = useCallback((keys: TileKey[]) => store.getState().fetchTiles(keys), [store]);
  const onHover = useCallback(
    (byte: number | null) => {
      const seq = ++hoverSeq.current;
      if (byte === null || byte < 0 || byte >= total) return setHover(null);
      void store.getState().mapPoint(byte).then((p) => seq === hoverSeq.current && setHover(p));
    },
    [store, total],
  );

  const present = useMemo(() => {
    const s = new Set<MapClass>(machine?.layout.spans.map((x) => x.cls as MapClass) ?? []);
    return MAP_CLASSES.filter((c) => c !== 'hole' && s.has(c));
  }, [machine]);

  const objects = useMemo(() => (machine ? mapObjects(machine) : []), [machine]);
  const selectedObj = selection?.kind === 'range' ? objects.find((o) => o.ref === selection.id) : undefined;
  // Leaf objects only (a region's namespaces, not the region over them), left to right.
  const labels = useMemo(() => {
    const out: Record<string, { from: number; to: number; text: string }[]> = {};
    if (!machine) return out;
    for (const o of objects) {
      const lane = (out[String(o.node)] ??= []);
      lane.push({ from: axisOffset(machine, o.start), to: axisOffset(machine, o.end - 1) + 1, text: `${o.label} · ${formatBytes(o.bytes, 1)}` });
    }
    for (const k in out) out[k].sort((a, b) => a.from - b.from || a.to - a.from - (b.to - b.from));
    return out;
  }, [machine, objects]);
  const highlight = useMemo(
    () => (machine && selectedObj ? [{ lane: String(selectedObj.node), from: axisOffset(machine, selectedObj.start), to: axisOffset(machine, selectedObj.end - 1) + 1 }] : []),
    [machine, selectedObj],
  );
  const shown: Viewport = vp ?? fit(total, widthPx);
  const scale = bytesPerPx(shown);
  const setVp = (v: Viewport) => store.getState().setMapViewport(v);

  return (
    <Panel
      view="map"
      title="Physical memory map"
      subtitle="a lane per NUMA node, fastest first"
      panelRef={panelRef}
      tools={
        <>
        <div className="map-tools" role="group" aria-label="Map zoom">
          <span className="scale" data-testid="map-scale" title="Bytes per pixel: a power of two at every zoom level">
            1 px = {formatBytes(scale, scale >= 1024 ? 0 : 0)}
            {scale < 4096 ? ` · a 4 KiB page is ${4096 / scale} px` : ''}
          </span>
          <button type="button" aria-label="Zoom out" onClick={() => setVp(zoomAt(shown, widthPx / 2, 1, total, widthPx))}>
            −
          </button>
          <button type="button" aria-label="Zoom in" onClick={() => setVp(zoomAt(shown, widthPx / 2, -1, total, widthPx))}>
            +
          </button>
          <button type="button" onClick={() => store.getState().setMapViewport(null)}>
            Fit
          </button>
          <label htmlFor="map-goto" className="sr-only">
            Go to
          </label>
          <select
            id="map-goto"
            value={selectedObj?.ref ?? ''}
            onChange={(e) => {
              const o = objects.find((x) => x.ref === e.target.value);
              if (!o || !machine) return;
              store.getState().select({ kind: 'range', id: o.ref });
              setVp(focusRange(axisOffset(machine, o.start), axisOffset(machine, o.end - 1) + 1, total, widthPx));
            }}
          >
            <option value="">Go to…</option>
            {objects.map((o) => (
              <option key={o.ref} value={o.ref}>
                {o.label} · {formatBytes(o.bytes, 1)} · node {o.node}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="compare-open" data-compare-open onClick={() => store.getState().setCompareOpen(true)} title="Compare this layout with the one before your edits, or with a preset (C)">
          Compare…
        </button>
        </>
      }
    >
      {machine && (
        <>
          <Minimap total={total} viewport={shown} widthPx={widthPx} labelWidth={LABEL_W} version={version} dark={dark} onJump={setVp} />
          <div className="map-lanes" onMouseLeave={() => setHover(null)}>
            <LodStrip
              lanes={lanes}
              totalBytes={total}
              fetchTiles={fetchTiles}
              viewport={vp}
              onViewport={setVp}
              laneHeight={38}
              labelWidth={LABEL_W}
              onWidth={setWidthPx}
              onHover={onHover}
              highlights={highlight}
              labels={labels}
              onFrame={recordFrame}
              onClickByte={(b) => {
                void store.getState().mapPoint(b).then((p) => p.span && store.getState().select({ kind: 'range', id: p.span.ref }));
              }}
              ariaLabel={`Physical memory map of ${nodes?.length ?? 0} NUMA nodes, ${formatBytes(total)} of address space shown without holes. Use + and - to zoom, arrows to pan, 0 to fit.`}
            />
            <div className="map-hover" aria-live="off" data-testid="map-hover">
              {hover?.span ? (
                <>
                  <strong>{hover.span.label}</strong> · {CLASS_LABEL[hover.span.cls as MapClass] ?? hover.span.cls}
                  {hover.span.zone ? ` · ${hover.span.zone}` : ''} · node {hover.span.node} · 0x{hover.span.start.toString(16)}–0x{(hover.span.end - 1).toString(16)} (
                  {formatBytes(hover.span.end - hover.span.start)}) · at 0x{Math.floor(hover.address).toString(16)}
                </>
              ) : (
                <span className="muted">Hover the map for what is at an address; click to select it; wheel or + and − to zoom, drag to pan.</span>
              )}
            </div>
          </div>
          <details className="topology" open>
            <summary>Topology: nodes, CPUs, tiers and distances</summary>
            <TopologyDiagram />
          </details>
          <ul className="legend" aria-label="Legend">
            {present.map((c) => (
              <li key={c}>
                <span className="swatch" style={{ background: classCss(c) }} />
                {CLASS_LABEL[c]}
              </li>
            ))}
            <li>bottom band: something else inside the pixel</li>
          </ul>
          <SimplificationNote>
            a pixel shows the class covering most of its bytes; when others are present too, the bottom band shows one of them, so a 4 KiB range stays visible at any zoom.
          </SimplificationNote>
        </>
      )}
    </Panel>
  );
}
