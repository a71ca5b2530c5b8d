// The Figures tab: every derived figure of the machine's layout (recomputed by the worker after
// each edit), each with how it is computed; warnings with the rule they come from; model notes.
import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import { RULES, type Violation } from '../../sim/machine';
import type { Selection } from '../../store/types';
import { SimplificationNote } from '../Panel';
import { useApp, useAppStore } from '../storeContext';
import { exactFigure, figureSections, formatFigure, objectIndex, sameSelection, selectionForPath, type FigureGroup, type FigureSection, type ObjectIndex } from './figures';

const NO_SECTIONS: FigureSection[] = [];
/** Sections longer than this (namespaces of a 1 GiB-shard carve-out) show their first groups only. */
const FIRST_GROUPS = 12;

const RULE_SOURCE = new Map(Object.values(RULES).map((r) => [r.id, r.source]));

export function FiguresPanel() {
  const store = useAppStore();
  const machine = useApp((s) => s.machine);
  const scenarioMachine = useApp((s) => s.scenario?.machine);
  const selection = useApp((s) => s.selection);
  const [explain, setExplain] = useState(false);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const root = useRef<HTMLDivElement>(null);

  const index = useMemo(() => objectIndex(scenarioMachine), [scenarioMachine]);
  const sections = useMemo(() => (machine ? figureSections(machine.layout, index) : NO_SECTIONS), [machine, index]);

  // Bring the selected object's figures into view when it is selected elsewhere (map, topology).
  useEffect(() => {
    root.current?.querySelector('[data-selected="true"]')?.scrollIntoView?.({ block: 'nearest' });
  }, [selection]);

  if (!machine) return <p className="muted">No machine loaded.</p>;
  const layout = machine.layout;
  const select = (sel: Selection | undefined | null) => sel && store.getState().select(sel);
  const shownSections = sections.filter((s) => s.groups.length > 0);
  const empty = sections.filter((s) => s.groups.length === 0).map((s) => s.title);

  return (
    <div className="figures" ref={root} data-testid="figures">
      <div className="fig-head">
        <p className="fig-lead">
          Derived figures of <strong>{layout.machine}</strong>, recomputed after every edit. Hover a figure (or turn on the explanations) to see how it is computed; click a node or an
          object to select it in every view.
        </p>
        <label className="fig-toggle">
          <input type="checkbox" checked={explain} onChange={(e) => setExplain(e.target.checked)} /> Show how each figure is computed
        </label>
        <nav className="fig-nav" aria-label="Figure sections">
          {[{ key: 'warnings', title: 'warnings', n: layout.warnings.length }, ...shownSections.map((s) => ({ key: s.key, title: s.title, n: s.groups.length }))].map((x) => (
            <button key={x.key} type="button" className="chip" onClick={() => jumpTo(root.current, `fig-${x.key}`)}>
              {x.title} <span className="fig-count">{x.n}</span>
            </button>
          ))}
        </nav>
      </div>

      <Warnings warnings={layout.warnings} index={index} selection={selection} onSelect={select} />

      {shownSections.map((s) => {
        const open = expanded.has(s.key) || s.groups.length <= FIRST_GROUPS + 2;
        const groups = open ? s.groups : s.groups.filter((g, i) => i < FIRST_GROUPS || sameSelection(g.select, selection));
        return (
          <section key={s.key} className="fig-section" aria-labelledby={`fig-${s.key}`}>
            <h3 id={`fig-${s.key}`} tabIndex={-1}>
              {s.title}
            </h3>
            <p className="fig-section-explain">{s.explain}</p>
            {groups.map((g) => (
              <Group key={g.key} section={s.key} group={g} explain={explain} selected={sameSelection(g.select, selection)} onSelect={select} />
            ))}
            {!open && (
              <button type="button" className="fig-more" onClick={() => setExpanded(new Set([...expanded, s.key]))}>
                Show all {s.groups.length} {s.title}
              </button>
            )}
          </section>
        );
      })}
      {empty.length > 0 && <p className="muted fig-empty">This machine has no {empty.join(', ')}.</p>}

      {layout.notes.length > 0 && (
        <section className="fig-section" aria-labelledby="fig-notes">
          <h3 id="fig-notes">Where the model simplifies</h3>
          <div className="fig-notes">
            {layout.notes.map((n) => (
              <SimplificationNote key={n}>{n}</SimplificationNote>
            ))}
          </div>
        </section>
      )}
    </div>
  );
}

/** Scrolls a section heading into view and moves focus to it (no URL hash: it holds share links). */
function jumpTo(root: HTMLElement | null, id: string) {
  const el = root?.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
  el?.scrollIntoView({ block: 'start' });
  el?.focus({ preventScroll: true });
}

function Group({ section, group: g, explain, selected, onSelect }: { section: string; group: FigureGroup; explain: boolean; selected: boolean; onSelect: (s: Selection | undefined) => void }) {
  const clickable = !!g.select;
  return (
    <div className={`fig-card${selected ? ' selected' : ''}${clickable ? ' clickable' : ''}`} data-selected={selected} data-testid={`fig-${section}-${g.key}`}>
    <table className="fig-table">
      <caption>
        {clickable ? (
          <button type="button" className="fig-title" aria-current={selected ? 'true' : undefined} onClick={() => onSelect(g.select)} title={`Select ${g.title} in every view`}>
            {g.title}
          </button>
        ) : (
          <span className="fig-title">{g.title}</span>
        )}
        {g.subtitle && <span className="fig-sub">{g.subtitle}</span>}
        {selected && <span className="fig-selected-tag">selected</span>}
      </caption>
      <tbody>
        {g.rows.map((r) => {
          const exact = exactFigure(r.value, r.unit);
          const zero = r.value === 0;
          const onClick = clickable ? () => onSelect(g.select) : undefined;
          return (
            <Fragment key={r.key}>
              <tr className={`${r.level ? 'sub' : ''}${zero ? ' zero' : ''}${explain ? ' explained' : ''}`} title={r.explain} onClick={onClick} data-figure={r.key}>
                <th scope="row">{r.label}</th>
                <td className={r.unit === 'text' ? 'text' : undefined} title={exact ?? undefined}>
                  {formatFigure(r.value, r.unit)}
                  {r.exact && exact && typeof r.value === 'number' && r.value >= 1024 && <span className="fig-exact">{exact}</span>}
                </td>
              </tr>
              {explain && (
                <tr className={`fig-explain-row${r.level ? ' sub' : ''}`} onClick={onClick}>
                  <td colSpan={2}>{r.explain}</td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
    </div>
  );
}

function Warnings({ warnings, index, selection, onSelect }: { warnings: Violation[]; index: ObjectIndex; selection: Selection | null; onSelect: (s: Selection | null) => void }) {
  return (
    <section className="fig-section" aria-labelledby="fig-warnings">
      <h3 id="fig-warnings" tabIndex={-1}>
        Warnings
      </h3>
      {warnings.length === 0 ? (
        <p className="fig-ok">No warnings: the layout breaks none of the rules the model checks.</p>
      ) : (
        <ul className="fig-warnings">
          {warnings.map((w, i) => {
            const sel = selectionForPath(w.path, index);
            const on = sameSelection(sel, selection);
            return (
              <li key={`${w.rule}-${i}`} className={`fig-warning ${w.severity}${on ? ' selected' : ''}`} data-selected={on}>
                <span className={`fig-badge ${w.severity}`}>{w.severity}</span>
                <span className="fig-warning-text">{w.message}</span>
                <span className="fig-rule">
                  rule <code>{w.rule}</code>
                  {RULE_SOURCE.has(w.rule) && <> · {RULE_SOURCE.get(w.rule)}</>}
                </span>
                <span className="fig-rule">
                  at{' '}
                  {sel ? (
                    <button type="button" className="link mono" onClick={() => onSelect(sel)} title="Select this object in every view">
                      {w.path}
                    </button>
                  ) : (
                    <code>{w.path}</code>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
