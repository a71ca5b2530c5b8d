import { useMemo, useRef, useState } from 'react';
import type { LuoFrame } from '../../worker/protocol';
import { useAppStore } from '../storeContext';

const ROW_H = 26;
const VISIBLE = 8;
const STATUSES = ['active', 'frozen', 'deserialized', 'retrieved', 'finished', 'leaked'] as const;

/** The device, and sessions grouped by status with a virtualized, searchable list. */
export function MainlineView({ luo, focus, onFocus }: { luo: LuoFrame; focus: string | null; onFocus(name: string | null): void }) {
  const ml = luo.mainline!;
  const [query, setQuery] = useState('');
  const [scroll, setScroll] = useState(0);
  const list = useRef<HTMLDivElement>(null);
  const sessions = useMemo(() => ml.sessions.filter((s) => !query || s.name.includes(query)), [ml.sessions, query]);
  const first = Math.floor(scroll / ROW_H);
  const shown = sessions.slice(first, first + VISIBLE + 2);
  return (
    <div className="ml">
      <div className="ml-device" data-testid="luo-device">
        <div className={`ml-box ${ml.device.open ? 'open' : ''}`}>
          <strong>/dev/liveupdate</strong> {ml.device.open ? 'open (held by luod)' : 'closed'}
          {ml.device.error && <div className="muted small">{ml.device.error}</div>}
        </div>
        <div className="ml-box">
          liveupdate-number <strong>{ml.liveupdateNumber}</strong>
        </div>
      </div>
      <div className="ml-groups" aria-label="Sessions by state">
        {STATUSES.map((st) => (
          <div key={st} className={`ml-group ${ml.counts.byStatus[st] ? '' : 'empty'}`}>
            <span className="ml-count">{ml.counts.byStatus[st] ?? 0}</span> {st}
          </div>
        ))}
        <div className="ml-group">
          <span className="ml-count">{ml.counts.files}</span> files
        </div>
      </div>
      <label className="ml-search">
        Find a session{' '}
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="name" />
        <span className="muted small">
          {ml.counts.outgoing + ml.counts.incoming} sessions{ml.sessions.length < ml.counts.outgoing + ml.counts.incoming ? `, the first ${ml.sessions.length} listed` : ''}
        </span>
      </label>
      <div
        ref={list}
        className="ml-list"
        role="listbox"
        aria-label="Sessions"
        aria-activedescendant={focus ? `session-${focus}` : undefined}
        style={{ height: ROW_H * VISIBLE }}
        onScroll={(e) => setScroll(e.currentTarget.scrollTop)}
        tabIndex={0}
        onKeyDown={(e) => {
          // Arrow keys move the selection through the whole (virtualized) list.
          const i = sessions.findIndex((x) => x.name === focus);
          const next = e.key === 'ArrowDown' ? Math.min(sessions.length - 1, i + 1) : e.key === 'ArrowUp' ? Math.max(0, i - 1) : -2;
          if (next === -2 || !sessions[next]) return;
          e.preventDefault();
          onFocus(sessions[next].name);
          const el = list.current;
          if (el && (next * ROW_H < el.scrollTop || (next + 1) * ROW_H > el.scrollTop + el.clientHeight)) el.scrollTop = next * ROW_H;
        }}
      >
        <div style={{ height: sessions.length * ROW_H, position: 'relative' }}>
          {shown.map((s, i) => (
            <div
              key={`${s.dir}-${s.id}`}
              role="option"
              id={`session-${s.name}`}
              aria-selected={focus === s.name}
              className={`ml-row ${focus === s.name ? 'on' : ''}`}
              style={{ top: (first + i) * ROW_H, height: ROW_H }}
              onClick={() => onFocus(focus === s.name ? null : s.name)}
            >
              <span className="mono">{s.name}</span>
              <span className={`ml-status ${s.status}`}>{s.dir === 'incoming' ? 'in' : 'out'} · {s.status}</span>
              <span className="muted small">
                {s.files.length} file{s.files.length === 1 ? '' : 's'}
                {s.files.length ? `: ${s.files.slice(0, 3).map((f) => `${f.token}=${f.handler} ${f.state}`).join(', ')}${s.files.length > 3 ? '…' : ''}` : ''}
              </span>
            </div>
          ))}
        </div>
      </div>
      {sessions.length === 0 && <p className="muted small">No session{query ? ` matches “${query}”` : ' yet: open the device and create one'}.</p>}
    </div>
  );
}

/** Create a session, preserve a file, or type any `sim luo` operation. */
export function DriveForm({ luo }: { luo: LuoFrame }) {
  const store = useAppStore();
  const [name, setName] = useState('vm0');
  const [size, setSize] = useState('16G');
  const [fill, setFill] = useState('1');
  const [kind, setKind] = useState<'memfd' | 'memfd-hugetlb' | 'devnull'>('memfd');
  const [token, setToken] = useState('1');
  const [line, setLine] = useState('');
  const file = kind === 'devnull' ? 'devnull' : kind === 'memfd-hugetlb' ? `memfd-hugetlb:${size}` : `memfd:${size}${fill !== '1' ? `:fill=${fill}` : ''}`;
  const run = (l: string) => void store.getState().luoOp(l);
  const mainline = luo.model === 'mainline';
  return (
    <div className="luo-drive">
      <form
        className="luo-form"
        onSubmit={(e) => {
          e.preventDefault();
          run(mainline ? `preserve ${name} ${token} ${file}` : `preserve ${file}`);
        }}
      >
        {mainline && (
          <>
            <label>
              session <input value={name} onChange={(e) => setName(e.target.value)} size={8} />
            </label>
            <button type="button" onClick={() => run(`create ${name}`)}>
              Create session
            </button>
            <label>
              token <input value={token} onChange={(e) => setToken(e.target.value)} size={3} />
            </label>
          </>
        )}
        <label>
          file{' '}
          <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            <option value="memfd">memfd (shmem)</option>
            <option value="memfd-hugetlb">memfd on hugetlb</option>
            <option value="devnull">/dev/null</option>
          </select>
        </label>
        {kind !== 'devnull' && (
          <label>
            size <input value={size} onChange={(e) => setSize(e.target.value)} size={5} />
          </label>
        )}
        {kind === 'memfd' && (
          <label>
            filled <input value={fill} onChange={(e) => setFill(e.target.value)} size={4} title="fraction of pages populated; holes are filled at preserve time" />
          </label>
        )}
        <button type="submit">Preserve file</button>
      </form>
      <form
        className="luo-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (line.trim()) run(line.trim());
          setLine('');
        }}
      >
        <label>
          operation <input value={line} onChange={(e) => setLine(e.target.value)} placeholder={luo.model === 'mainline' ? 'retrieve vm0' : 'restore 1'} size={26} aria-label="Live-update operation, in the words of sim luo" />
        </label>
        <button type="submit">Run</button>
      </form>
    </div>
  );
}
