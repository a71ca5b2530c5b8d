// Mainline (6.19 and later): the device, then the lifecycles of sessions and files with the
// number of objects in each state; the focused session is marked, its files are counted.
import { useCallback, useMemo } from 'react';
import type { MainlineView } from '../../sim/luo/describe';
import { kernelLimits } from '../../sim/luo/limits';
import type { LuoFrame } from '../../worker/protocol';
import { FlowGraph, graphBounds } from './FlowGraph';
import { kexecBoundaryY, LIFECYCLE_STATES, lifecycleGraph, opLifecycle } from './lifecycleGraph';
import type { LastOp } from './lastTransition';
import type { OpPreview } from './previewTypes';
import { fileStateCounts } from './sessionList';

type Session = MainlineView['sessions'][number];

/** The session a name refers to: luod's descriptor for it, the incoming one first (as the model resolves retrieve-fd, finish, close). */
export function focusedSession(ml: MainlineView, name: string | null): Session | null {
  if (name === null) return null;
  const all = ml.sessions.filter((s) => s.name === name);
  return all.find((s) => s.dir === 'incoming' && s.fdOpen) ?? all.find((s) => s.fdOpen) ?? all[0] ?? null;
}

export function MainlineGraph(props: { luo: LuoFrame; focus: string | null; preview: OpPreview | null; onStatusClick(status: string): void; lastTransition: LastOp | null }) {
  const { luo, focus, preview, lastTransition } = props;
  const ml = luo.mainline!;
  const session = focusedSession(ml, focus);
  const listedAll = ml.sessions.length >= ml.counts.outgoing + ml.counts.incoming;
  const dirOf = useCallback((name: string) => ml.sessions.find((s) => s.name === name && s.fdOpen)?.dir ?? null, [ml.sessions]);

  const model = useMemo(() => {
    const files = session ? fileStateCounts(session.files) : fileStateCounts(ml.sessions.flatMap((s) => s.files));
    const occupied = (id: string) => {
      const st = LIFECYCLE_STATES.find((s) => s.id === id);
      if (!st || st.terminal) return true;
      return ((st.lane === 's' ? ml.counts.byStatus[st.state as keyof typeof ml.counts.byStatus] : files[st.state]) ?? 0) > 0;
    };
    const possible = luo.allowed.filter((a) => a.allowed).flatMap((a) => opLifecycle(a.label, dirOf).edges.filter((e) => occupied(e.split('>')[0])));
    const last = lastTransition;
    const p = preview && preview.result.ok ? opLifecycle(preview.line, dirOf) : { nodes: [], edges: [] };
    return lifecycleGraph({
      sessions: ml.counts.byStatus,
      files,
      filesOf: session ? session.name : 'all',
      focusStatus: session?.status ?? null,
      focusName: session?.name ?? null,
      taken: last && last.ok ? opLifecycle(last.op, dirOf).edges : [],
      possible,
      preview: p,
    });
  }, [ml, session, luo.allowed, lastTransition, preview, dirOf]);

  const onNodeClick = useCallback(
    (id: string) => {
      const st = LIFECYCLE_STATES.find((s) => s.id === id);
      if (st && st.lane === 's' && !st.terminal) props.onStatusClick(st.state);
    },
    [props],
  );

  const boundary = kexecBoundaryY(model);
  const bounds = graphBounds(model);
  const lane = (p: string) => model.nodes.filter((n) => n.id.startsWith(p));
  const sLeft = Math.min(...lane('s:').map((n) => n.x));
  const fLeft = Math.min(...lane('f:').map((n) => n.x));
  const top = Math.min(...model.nodes.map((n) => n.y));
  // Between the session chain and the files lane: nothing else is drawn there at the kexec.
  const sActive = model.nodes.find((n) => n.id === 's:active')!;
  const tagX = sActive.x + sActive.width + 12;
  const listedFiles = ml.sessions.reduce((n, s) => n + s.files.length, 0);
  const filesLabel = session
    ? `files of ${session.name || '""'} (${session.files.length})`
    : focus !== null && !listedAll
      ? `files of the ${ml.sessions.length} sessions listed (${listedFiles}; ${focus} is not among them)`
      : `files${listedAll ? '' : ` of the ${ml.sessions.length} sessions listed`} (${listedFiles})`;
  const overlay = (
    <div className="lv-overlay" aria-hidden="true">
      <div className="lv-boundary" style={{ transform: `translate(${bounds.x}px, ${boundary}px)`, width: bounds.width }} />
      <div className="lv-kernel-tag" style={{ transform: `translate(${tagX}px, ${boundary - 19}px)` }}>
        ▲ this kernel (outgoing)
      </div>
      <div className="lv-kernel-tag" style={{ transform: `translate(${tagX}px, ${boundary + 4}px)` }}>
        ▼ next kernel (incoming)
      </div>
      <div className="lv-lane-tag" style={{ transform: `translate(${sLeft}px, ${top - 26}px)` }}>
        sessions ({(ml.counts.outgoing + ml.counts.incoming).toLocaleString('en-US')})
      </div>
      <div className="lv-lane-tag" style={{ transform: `translate(${fLeft}px, ${top - 26}px)` }}>
        {filesLabel}
      </div>
    </div>
  );
  const label = `Mainline lifecycles: ${ml.counts.outgoing} outgoing and ${ml.counts.incoming} incoming sessions, ${ml.counts.files} files${session ? `; session ${session.name} is ${session.dir} and ${session.status}` : ''}`;
  return (
    <div className="lv-graph lv-graph-ml" role="group" aria-label={label} data-testid="mainline-graph" data-focus={session?.name ?? focus ?? ''} data-focus-status={session?.status ?? ''}>
      <FlowGraph model={model} overlay={overlay} overlayTop={30} onNodeClick={onNodeClick} />
    </div>
  );
}

/** /dev/liveupdate: closed or open (exclusive), the liveupdate-number, the kernel's limits. */
export function DeviceCard({ luo, preview }: { luo: LuoFrame; preview: OpPreview | null }) {
  const ml = luo.mainline!;
  const limits = kernelLimits(luo.kernel);
  const touches = preview && preview.result.ok && opLifecycle(preview.line).device;
  return (
    <div className={`lv-device${touches ? ' lv-preview' : ''}`} data-testid="luo-device">
      <div className="lv-device-main">
        <code>/dev/liveupdate</code>
        <span className="lv-switch" role="img" aria-label={`/dev/liveupdate is ${ml.device.open ? 'open' : 'closed'}`}>
          <span className={ml.device.open ? '' : 'on'}>closed</span>
          <span className={ml.device.open ? 'on' : ''}>open</span>
        </span>
        <span className="lv-device-fact">
          liveupdate-number <strong>{ml.liveupdateNumber}</strong>
        </span>
        <span className="lv-device-fact">
          {ml.device.error ? (
            <strong className="lv-bad">deserialization failed: -{ml.device.error}</strong>
          ) : ml.device.deserialized ? (
            'incoming sessions deserialized'
          ) : (
            'incoming sessions not read yet (first open)'
          )}
        </span>
      </div>
      <div className="lv-device-sub">
        {ml.device.open ? 'held by luod (exclusive: a second open gives -EBUSY)' : 'sessions survive closing it; each lives as long as its own descriptor'} ·{' '}
        {luo.kernel === '6.19'
          ? `6.19: at most ${limits.sessionsMax} sessions (then -${limits.sessionsFullErrno}) and ${limits.filesMax} files a session (then -${limits.filesFullErrno})`
          : `later kernels: kho_block sets of ${limits.sessionsPerBlock} sessions or ${limits.filesPerBlock} files a 4 KiB block, at most 10,000 blocks (then -${limits.sessionsFullErrno})`}
      </div>
    </div>
  );
}
