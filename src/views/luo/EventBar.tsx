// The events of the current state as buttons. Hovering (or focusing) one previews it without
// doing it; refused ones are marked with their errno and the rule, and still run when pressed,
// so the kernel's answer can be seen.
import type { LuoFrame } from '../../worker/protocol';
import { useAppStore } from '../storeContext';
import { describeMainlineChange, type OpPreview } from './previewTypes';

const MAX_RETRIEVE_FD = 8;

function previewText(luo: LuoFrame, p: OpPreview): string {
  if (!p.result.ok) return `${p.line} would be refused: -${p.result.errno} — ${p.result.rule}`;
  const values = p.result.values ? ' ' + Object.entries(p.result.values).map(([k, v]) => `${k}=${v}`).join(' ') : '';
  if (luo.model === 'rfc-v2') return `${p.line} → ${p.nextState.toUpperCase()}${p.nextState === luo.rfcState ? ' (stays)' : ''}${values} (preview, not taken)`;
  return `${p.line} → ok${values}: ${describeMainlineChange(luo.state, p.nextState)} (preview, not taken)`;
}

export function EventBar(props: { luo: LuoFrame; preview: OpPreview | null; onHover(line: string): void; onLeave(): void; focusName: string | null }) {
  const { luo, preview } = props;
  const store = useAppStore();
  const run = (line: string) => void store.getState().luoOp(line);
  const deviceOps = new Set(['open', 'close-dev', 'kexec', 'luod-exit']);
  const events = luo.allowed;
  const device = luo.model === 'rfc-v2' ? events : events.filter((e) => deviceOps.has(e.label));
  const session = luo.model === 'rfc-v2' ? [] : events.filter((e) => !deviceOps.has(e.label));
  const fds = session.filter((e) => e.label.startsWith('retrieve-fd '));
  const shownSession = [...session.filter((e) => !e.label.startsWith('retrieve-fd ')), ...fds.slice(0, MAX_RETRIEVE_FD)];
  const refused = events.filter((e) => !e.allowed && (device.includes(e) || shownSession.includes(e)));
  const why = (label: string) => `lv-why-${label.replace(/[^a-z0-9]+/gi, '-')}`;

  const button = (e: LuoFrame['allowed'][number]) => (
    <button
      key={e.label}
      type="button"
      className={`lv-ev ${e.allowed ? 'lv-ev-ok' : 'lv-ev-refused'}${preview?.line === e.label ? ' lv-ev-hover' : ''}`}
      aria-describedby={e.allowed ? undefined : why(e.label)}
      onMouseEnter={() => props.onHover(e.label)}
      onMouseLeave={props.onLeave}
      onFocus={() => props.onHover(e.label)}
      onBlur={props.onLeave}
      onClick={() => run(e.label)}
    >
      {e.label}
      {!e.result.ok && (
        <span className="lv-ev-errno" aria-hidden="true">
          −{e.result.errno}
        </span>
      )}
    </button>
  );

  return (
    <div className="lv-events">
      <div className={`lv-ev-rows${luo.model === 'mainline' ? ' lv-ev-rows-ml' : ''}`} role="group" aria-label="Live-update events">
        <div className="lv-ev-row">
          <span className="lv-ev-head">{luo.model === 'rfc-v2' ? 'Events' : 'Device and reboot'}</span>
          {device.map(button)}
        </div>
        {luo.model === 'mainline' && (
          <div className="lv-ev-row">
            <span className="lv-ev-head">{props.focusName !== null ? `Session ${props.focusName || '""'}` : 'Session'}</span>
            {props.focusName === null ? <span className="lv-muted">select a session below to see its events</span> : shownSession.map(button)}
            {fds.length > MAX_RETRIEVE_FD && (
              <span className="lv-muted">
                +{fds.length - MAX_RETRIEVE_FD} more retrieve-fd: type one in the operation box ({fds[MAX_RETRIEVE_FD].label})
              </span>
            )}
          </div>
        )}
      </div>
      <p className="lv-hint" aria-live="polite" data-testid="luo-preview">
        {preview ? previewText(luo, preview) : 'Hover or focus an event to preview it. Marked events would be refused; pressing one still asks the kernel, to show its answer.'}
      </p>
      {refused.length > 0 && (
        <ul className="lv-why">
          {refused.map((e) => (
            <li key={e.label} id={why(e.label)}>
              <code>{e.label}</code> −{e.result.ok ? '' : e.result.errno}: {e.result.ok ? '' : e.result.rule}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
