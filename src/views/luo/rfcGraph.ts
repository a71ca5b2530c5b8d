// The RFC v2 global state machine as a graph model: RFC_TRANSITIONS laid out automatically, with
// the current state, the hovered event's target, the events possible now and the last transition.
import { RFC_TRANSITIONS } from '../../sim/luo/describe';
import { arcLevels, bandExtents, type ArcSide, type EdgeMark, type GraphModel, type GraphNodeModel } from './graphShapes';
import { layeredLayout } from './layeredLayout';
import { RFC_V2_STATES } from './rfcV2Diagram';

import type { LastOp } from './lastTransition';

export interface EventPreview {
  /** The event's script line ("freeze", "kexec"). */
  event: string;
  ok: boolean;
  nextState: string | null;
}

export interface RfcGraphInput {
  current: string | null;
  allowed: { label: string; allowed: boolean }[];
  last: LastOp | null;
  preview: EventPreview | null;
  selected: string | null;
}

const NODE_W = 112;
const NODE_H = 46;

export const RFC_STATE_INFO: Record<string, { label: string; summary: string }> = Object.fromEntries(RFC_V2_STATES.map((s) => [s.id, { label: s.label, summary: s.summary }]));

const edgeId = (t: { from: string; event: string }) => `${t.from}-${t.event}`;

/**
 * Transitions an operation goes through from `from`: reboot(KEXEC) in PREPARED freezes first,
 * so it walks freeze then kexec.
 */
export function rfcPathOf(event: string, from: string, to: string | null): string[] {
  if (event === 'kexec' && from === 'prepared' && (to === null || to === 'updated')) return ['prepared-freeze', 'frozen-kexec'];
  const t = RFC_TRANSITIONS.find((x) => x.from === from && x.event === event && (to === null || x.to === to));
  return t ? [edgeId(t)] : [];
}

export function rfcGraph(input: RfcGraphInput): GraphModel {
  const ids = RFC_V2_STATES.map((s) => s.id as string);
  const layout = layeredLayout(
    ids.map((id) => ({ id, width: NODE_W, height: NODE_H })),
    RFC_TRANSITIONS.map((t) => ({ id: edgeId(t), source: t.from, target: t.to })),
    { layerGap: 76, rowGap: 16, laneGap: 24 },
  );
  // cancel arcs over the top, finish (the way back after an update) along the bottom.
  const side = (event: string): ArcSide => (event === 'finish' ? 'below' : 'above');
  const levels = arcLevels(
    RFC_TRANSITIONS.filter((t) => !layout.straightEdges.has(edgeId(t))).map((t) => ({
      id: edgeId(t),
      side: side(t.event),
      from: layout.nodes[t.from].layer,
      to: layout.nodes[t.to].layer,
    })),
  );

  const taken = new Set(input.last && input.last.ok ? rfcPathOf(input.last.op, input.last.from, input.last.to) : []);
  const previewEdges = new Set(input.preview && input.current ? rfcPathOf(input.preview.event, input.current, input.preview.ok ? input.preview.nextState : null) : []);
  const allowedNow = new Set(input.allowed.filter((a) => a.allowed).map((a) => a.label));
  const possible = new Set(input.current ? [...allowedNow].flatMap((e) => rfcPathOf(e, input.current!, null).slice(0, 1)) : []);
  const previewNode = input.preview?.ok && input.preview.nextState !== input.current ? input.preview.nextState : null;

  const nodes: GraphNodeModel[] = ids.map((id) => {
    const p = layout.nodes[id];
    const info = RFC_STATE_INFO[id];
    const current = id === input.current;
    const classes = [current ? 'current' : '', id === previewNode ? 'preview' : '', id === input.selected ? 'selected' : ''].filter(Boolean);
    return {
      id,
      label: info.label,
      sub: current ? `now · "${id}"` : id === previewNode ? `would go here` : `"${id}"`,
      shape: 'state',
      x: p.x,
      y: p.y,
      width: p.width,
      height: p.height,
      classes,
      ariaLabel: `${info.label}${current ? ' (current state)' : ''}${id === previewNode ? ' (the hovered event would lead here)' : ''}: ${info.summary}`,
    };
  });
  const band = bandExtents(nodes, () => 'row').row;
  const edges = RFC_TRANSITIONS.map((t) => {
    const id = edgeId(t);
    const marks: EdgeMark[] = [];
    if (taken.has(id)) marks.push('taken');
    if (possible.has(id)) marks.push('possible');
    if (previewEdges.has(id)) marks.push('preview');
    const straight = layout.straightEdges.has(id);
    return {
      id,
      source: t.from,
      target: t.to,
      label: t.event,
      note: t.note,
      shape: straight ? ('straight' as const) : ('arc' as const),
      orient: 'LR' as const,
      side: side(t.event),
      level: levels[id] ?? 0,
      base: band[side(t.event)],
      marks,
    };
  });
  return { nodes, edges, width: layout.width, height: layout.height };
}
