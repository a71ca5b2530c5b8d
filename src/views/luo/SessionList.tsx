// Sessions by status (with counts), and a searchable list that renders only the rows on screen.
// Selecting a session makes its events (retrieve, retrieve-fd, finish, close) appear as buttons.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { MainlineView } from '../../sim/luo/describe';
import { focusedSession } from './MainlineGraph';
import { filesSummary, filterSessions, scrollToRow, statusGroups, visibleRows } from './sessionList';

const ROW_H = 30;
const VIEW_ROWS = 6;

export function SessionList(props: { ml: MainlineView; focus: string | null; onFocus(name: string | null): void; query: string; setQuery(q: string): void }) {
  const { ml, focus, query, setQuery } = props;
  const total = ml.counts.outgoing + ml.counts.incoming;
  const rows = useMemo(() => filterSessions(ml.sessions, query), [ml.sessions, query]);
  const selected = focusedSession(ml, focus);
  const [scrollTop, setScrollTop] = useState(0);
  const [active, setActive] = useState(0);
  const list = useRef<HTMLDivElement>(null);
  const viewH = ROW_H * Math.max(1, Math.min(VIEW_ROWS, rows.length));
  const { first, end } = visibleRows(scrollTop, viewH, ROW_H, rows.length, 3);
  const activeIdx = Math.min(active, Math.max(0, rows.length - 1));

  useEffect(() => {
    // A new search starts at the top.
    setActive(0);
    setScrollTop(0);
    if (list.current) list.current.scrollTop = 0;
  }, [query]);

  const moveTo = (i: number) => {
    const idx = Math.max(0, Math.min(rows.length - 1, i));
    setActive(idx);
    const el = list.current;
    if (el) {
      const top = scrollToRow(idx, el.scrollTop, viewH, ROW_H);
      if (top !== el.scrollTop) {
        el.scrollTop = top;
        setScrollTop(top);
      }
    }
  };
  const choose = (i: number) => {
    const s = rows[i];
    if (!s) return;
    setActive(i);
    props.onFocus(selected && selected.id === s.id && selected.dir === s.dir ? null : s.name);
  };
  const onKey = (e: KeyboardEvent) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(activeIdx + 1),
      ArrowUp: () => moveTo(activeIdx - 1),
      PageDown: () => moveTo(activeIdx + VIEW_ROWS),
      PageUp: () => moveTo(activeIdx - VIEW_ROWS),
      Home: () => moveTo(0),
      End: () => moveTo(rows.length - 1),
      Enter: () => choose(activeIdx),
      ' ': () => choose(activeIdx),
    };
    const f = keys[e.key];
    if (f) {
      e.preventDefault();
      e.stopPropagation();
      f();
    }
  };

  const word = query.trim();
  const canFocusByName = word !== '' && !/\s/.test(word) && !ml.sessions.some((s) => s.name === word) && total > ml.sessions.length;
  const groups = statusGroups(ml.counts.byStatus);
  return (
    <div className="lv-sessions">
      <div className="lv-groups" role="group" aria-label="Sessions by status (select one to list only those)">
        {groups.map((g) => (
          <button
            key={g.status}
            type="button"
            className={`lv-group${g.count ? '' : ' lv-zero'}`}
            aria-pressed={query.trim() === g.status}
            onClick={() => setQuery(query.trim() === g.status ? '' : g.status)}
            title={`${g.dir} sessions in state ${g.status}`}
          >
            <span className="lv-group-count">{g.count.toLocaleString('en-US')}</span> {g.status}
          </button>
        ))}
        <span className="lv-group lv-static">
          <span className="lv-group-count">{ml.counts.files.toLocaleString('en-US')}</span> files
        </span>
      </div>
      <div className="lv-search">
        <label>
          Find a session{' '}
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="name, in/out or status" aria-describedby="lv-sessions-count" />
        </label>
        <span id="lv-sessions-count" className="lv-muted" aria-live="polite">
          {rows.length.toLocaleString('en-US')} shown of {total.toLocaleString('en-US')}
          {ml.sessions.length < total ? ` (the worker lists the first ${ml.sessions.length}; the counts cover all)` : ''}
        </span>
        {canFocusByName && (
          <button type="button" onClick={() => props.onFocus(word)}>
            Select “{word}”
          </button>
        )}
      </div>
      <div
        ref={list}
        className="lv-list"
        role="listbox"
        aria-label={`Sessions (${rows.length} shown)`}
        tabIndex={0}
        style={{ height: viewH }}
        aria-activedescendant={rows.length ? `lv-sess-${rows[activeIdx].dir}-${rows[activeIdx].id}` : undefined}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onKeyDown={onKey}
        data-testid="session-list"
        data-rendered={end - first}
      >
        <div style={{ height: rows.length * ROW_H, position: 'relative' }}>
          {rows.slice(first, end).map((s, k) => {
            const i = first + k;
            const isSel = !!selected && selected.id === s.id && selected.dir === s.dir;
            return (
              <div
                key={`${s.dir}-${s.id}`}
                id={`lv-sess-${s.dir}-${s.id}`}
                role="option"
                aria-selected={isSel}
                aria-posinset={i + 1}
                aria-setsize={rows.length}
                className={`lv-row${isSel ? ' lv-on' : ''}${i === activeIdx ? ' lv-active' : ''}`}
                style={{ top: i * ROW_H, height: ROW_H }}
                onClick={() => choose(i)}
              >
                <span className="lv-row-name">{s.name === '' ? '""' : s.name}</span>
                <span className={`lv-row-status st-${s.status}`}>
                  {s.dir === 'incoming' ? 'in' : 'out'} · {s.status}
                </span>
                {!s.fdOpen && <span className="lv-row-fd">fd closed</span>}
                <span className="lv-row-files">{filesSummary(s.files)}</span>
              </div>
            );
          })}
        </div>
      </div>
      {rows.length === 0 && <p className="lv-empty">{word ? `No listed session matches “${word}”.` : 'No session yet: open /dev/liveupdate and create one.'}</p>}
    </div>
  );
}
