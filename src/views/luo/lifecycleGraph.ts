// The mainline model as a graph: there is no global state, so the graph shows the lifecycles of
// sessions and of files (MAINLINE_LIFECYCLES, plus the kexec bridge from this kernel's frozen
// objects to the next kernel's deserialized ones and the simulator's failure states), and puts
// the number of objects in each state on its node. 2000 sessions are 2000 in one node, not 2000
// nodes: the view groups, and lists sessions separately.
import { MAINLINE_LIFECYCLES, type Transition } from '../../sim/luo/describe';
import { arcLevels, bandExtents, type ArcSide, type EdgeMark, type GraphModel, type GraphNodeModel } from './graphShapes';
import { layeredLayout } from './layeredLayout';

export type Lane = 's' | 'f';

interface StateDef {
  id: string;
  lane: Lane;
  state: string;
  label: string;
  terminal?: boolean;
  /** Column, so both lanes line up at the kexec. */
  column: number;
  what: string;
}

/** The states drawn: one node each. `state` is the name MainlineView uses (status or file state). */
export const LIFECYCLE_STATES: StateDef[] = [
  { id: 's:none', lane: 's', state: 'none', label: '∅', terminal: true, column: 0, what: 'no session' },
  { id: 's:active', lane: 's', state: 'active', label: 'active', column: 1, what: 'outgoing session, open in luod (CREATE_SESSION)' },
  { id: 's:frozen', lane: 's', state: 'frozen', label: 'frozen', column: 2, what: 'outgoing session whose files reboot(KEXEC) froze' },
  { id: 's:deserialized', lane: 's', state: 'deserialized', label: 'deserialized', column: 3, what: 'incoming session, read back at the first open of /dev/liveupdate' },
  { id: 's:retrieved', lane: 's', state: 'retrieved', label: 'retrieved', column: 4, what: 'incoming session luod got back with RETRIEVE_SESSION' },
  { id: 's:finished', lane: 's', state: 'finished', label: 'finished', column: 5, what: 'incoming session after SESSION_FINISH' },
  { id: 's:leaked', lane: 's', state: 'leaked', label: 'leaked', column: 5, what: 'closed while finishing failed: the session stays with LUO until the next update' },
  { id: 's:closed', lane: 's', state: 'closed', label: '∅', terminal: true, column: 5, what: 'closed and gone' },
  { id: 'f:none', lane: 'f', state: 'none', label: '∅', terminal: true, column: 0, what: 'not preserved' },
  { id: 'f:preserved', lane: 'f', state: 'preserved', label: 'preserved', column: 1, what: 'PRESERVE_FD ran preserve(): the heavy work is done, before the blackout' },
  { id: 'f:frozen', lane: 'f', state: 'frozen', label: 'frozen', column: 2, what: 'freeze() ran in reboot(KEXEC)' },
  { id: 'f:deserialized', lane: 'f', state: 'deserialized', label: 'deserialized', column: 3, what: 'incoming file entry, not retrieved yet (no struct file)' },
  { id: 'f:retrieved', lane: 'f', state: 'retrieved', label: 'retrieved', column: 4, what: 'RETRIEVE_FD rebuilt the file from the preserved memory' },
  { id: 'f:retrieve-failed', lane: 'f', state: 'retrieve-failed', label: 'failed', column: 4, what: 'retrieve() failed (later kernels return the error again on every retry)' },
  { id: 'f:gone', lane: 'f', state: 'gone', label: '∅', terminal: true, column: 5, what: 'finished: finish() ran, the file is LUO\'s no more' },
];

const BRIDGE_NOTE = 'reboot(KEXEC) serializes every outgoing session; the next kernel deserializes them at the first open of /dev/liveupdate';

/** Edges: event, from, to (state ids), note. Ids are "<from>><to>". */
function lifecycleEdges(): { id: string; from: string; to: string; event: string; note: string }[] {
  const L = MAINLINE_LIFECYCLES;
  const map = (lane: Lane, side: 'out' | 'in', t: Transition) => {
    const end = (s: string, isTarget: boolean) => (s === '-' ? (side === 'out' ? `${lane}:none` : isTarget ? (lane === 's' ? `${lane}:closed` : `${lane}:gone`) : `${lane}:none`) : `${lane}:${s}`);
    return { from: end(t.from, false), to: end(t.to, true), event: t.event, note: t.note };
  };
  const raw = [
    ...L.outgoingSession.map((t) => map('s', 'out', t)),
    { from: 's:frozen', to: 's:deserialized', event: 'kexec · open', note: BRIDGE_NOTE },
    // The incoming session's "open" entry is the bridge above.
    ...L.incomingSession.filter((t) => t.from !== '-').map((t) => map('s', 'in', t)),
    { from: 's:retrieved', to: 's:leaked', event: 'close (fails)', note: 'luo_session_release: finishing failed; the kernel warns and keeps the session' },
    ...L.outgoingFile.map((t) => map('f', 'out', t)),
    { from: 'f:preserved', to: 'f:none', event: 'unpreserve', note: 'closing the session (or luod exiting) unpreserves every file' },
    { from: 'f:frozen', to: 'f:deserialized', event: 'kexec · open', note: BRIDGE_NOTE },
    ...L.incomingFile.map((t) => map('f', 'in', t)),
    { from: 'f:deserialized', to: 'f:retrieve-failed', event: 'fails', note: 'retrieve() returned an error (injected, or a folio could not be restored)' },
  ];
  const seen = new Set<string>();
  return raw
    .map((e) => ({ ...e, id: `${e.from}>${e.to}` }))
    .filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)));
}

export const LIFECYCLE_EDGES = lifecycleEdges();

export interface LifecycleInput {
  /** Sessions per status (all sessions, not just the listed ones). */
  sessions: Partial<Record<string, number>>;
  /** Files per state (of the focused session, or of the listed sessions). */
  files: Partial<Record<string, number>>;
  /** What the file counts are of, for the lane label. */
  filesOf: string;
  /** The focused session's status (its node is marked), or null. */
  focusStatus: string | null;
  focusName: string | null;
  /** Edges to mark as the last transition, as possible now, and as previewed. */
  taken: string[];
  possible: string[];
  preview: { nodes: string[]; edges: string[] };
}

const STATE_W = 112;
const STATE_H = 40;
const TERM_W = 28;

export function lifecycleGraph(input: LifecycleInput): GraphModel {
  const layout = layeredLayout(
    LIFECYCLE_STATES.map((s) => ({ id: s.id, width: s.terminal ? TERM_W : STATE_W, height: s.terminal ? TERM_W : STATE_H, lane: s.lane === 's' ? 0 : 1, minLayer: s.column })),
    LIFECYCLE_EDGES.map((e) => ({ id: e.id, source: e.from, target: e.to })),
    // Room at the kexec (before the deserialized layer) for the boundary and its labels.
    { layerGap: 30, rowGap: 14, laneGap: 40, direction: 'TB', gapBefore: { 3: 26 } },
  );
  const arcs = LIFECYCLE_EDGES.filter((e) => !layout.straightEdges.has(e.id));
  // Sessions on the left with their arcs outside on the left; files on the right, arcs on the right.
  const sideOf = (id: string): ArcSide => (id.startsWith('s:') ? 'left' : 'right');
  const levels = arcLevels(arcs.map((e) => ({ id: e.id, side: sideOf(e.from), from: layout.nodes[e.from].layer, to: layout.nodes[e.to].layer })));
  const taken = new Set(input.taken);
  const possible = new Set(input.possible);
  const pEdges = new Set(input.preview.edges);
  const pNodes = new Set(input.preview.nodes);

  const nodes: GraphNodeModel[] = LIFECYCLE_STATES.map((s) => {
    const p = layout.nodes[s.id];
    const count = s.terminal ? null : (s.lane === 's' ? input.sessions[s.state] : input.files[s.state]) ?? 0;
    const noun = s.lane === 's' ? 'session' : 'file';
    const focus = s.lane === 's' && input.focusStatus === s.state;
    const classes = [
      count === null ? '' : count > 0 ? 'occupied' : 'empty',
      focus ? 'current' : '',
      pNodes.has(s.id) ? 'preview' : '',
    ].filter(Boolean);
    const countText = count === null ? '' : `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
    return {
      id: s.id,
      label: s.label,
      sub: focus && input.focusName !== null ? `${countText} · ${input.focusName}` : countText,
      shape: s.terminal ? 'terminal' : 'state',
      x: p.x,
      y: p.y,
      width: p.width,
      height: p.height,
      classes,
      ariaLabel: s.terminal
        ? `${noun}: ${s.what}`
        : `${noun} state ${s.label}: ${countText}${focus ? `, including ${input.focusName}` : ''}. ${s.what}`,
    };
  });
  const bands = bandExtents(nodes, (id) => id.slice(0, 1));
  const edges = LIFECYCLE_EDGES.map((e) => {
    const marks: EdgeMark[] = [];
    if (taken.has(e.id)) marks.push('taken');
    if (possible.has(e.id)) marks.push('possible');
    if (pEdges.has(e.id)) marks.push('preview');
    return {
      id: e.id,
      source: e.from,
      target: e.to,
      label: e.event,
      note: e.note,
      shape: layout.straightEdges.has(e.id) ? ('straight' as const) : ('arc' as const),
      orient: 'TB' as const,
      side: sideOf(e.from),
      level: levels[e.id] ?? 0,
      base: bands[e.from.slice(0, 1)][sideOf(e.from)],
      marks,
    };
  });
  return { nodes, edges, width: layout.width, height: layout.height };
}

/** y of the kexec boundary (between the frozen and deserialized layers) in a lifecycle graph. */
export function kexecBoundaryY(g: GraphModel): number {
  const a = g.nodes.find((n) => n.id === 's:frozen')!;
  const b = g.nodes.find((n) => n.id === 's:deserialized')!;
  return (a.y + a.height + b.y) / 2;
}

/** The words of an operation line: "retrieve-fd vm0 0x1" → op "retrieve-fd", args ["vm0", "0x1"]. */
function words(line: string): { op: string; args: string[] } {
  const [op = '', ...args] = line.trim().split(/\s+/);
  return { op, args };
}

/**
 * Which lifecycle edges and nodes an operation goes through (for the hover preview and the last
 * transition). `dirOf` says whether a session name is outgoing or incoming (close differs).
 */
export function opLifecycle(line: string, dirOf: (name: string) => 'outgoing' | 'incoming' | null = () => null): { nodes: string[]; edges: string[]; device: boolean } {
  const { op, args } = words(line);
  const none = { nodes: [], edges: [], device: false };
  switch (op) {
    case 'open':
      return { nodes: ['s:deserialized', 'f:deserialized'], edges: ['s:frozen>s:deserialized', 'f:frozen>f:deserialized'], device: true };
    case 'close-dev':
      return { ...none, device: true };
    case 'create':
      return { nodes: ['s:active'], edges: ['s:none>s:active'], device: false };
    case 'preserve':
      return { nodes: ['f:preserved'], edges: ['f:none>f:preserved'], device: false };
    case 'close':
      return dirOf(args[0] ?? '') === 'incoming'
        ? { nodes: ['s:closed'], edges: ['s:retrieved>s:closed'], device: false }
        : { nodes: ['s:none', 'f:none'], edges: ['s:active>s:none', 'f:preserved>f:none'], device: false };
    case 'luod-exit':
      return { nodes: ['s:none', 'f:none'], edges: ['s:active>s:none', 'f:preserved>f:none'], device: true };
    case 'retrieve':
      return { nodes: ['s:retrieved'], edges: ['s:deserialized>s:retrieved'], device: false };
    case 'retrieve-fd':
      return { nodes: ['f:retrieved'], edges: ['f:deserialized>f:retrieved'], device: false };
    case 'finish':
      return { nodes: ['s:finished', 'f:gone'], edges: ['s:retrieved>s:finished', 'f:retrieved>f:gone', 'f:deserialized>f:gone'], device: false };
    case 'kexec':
      return { nodes: ['s:frozen', 'f:frozen'], edges: ['s:active>s:frozen', 'f:preserved>f:frozen'], device: true };
    default:
      return none;
  }
}
