// Compare two layouts side by side: a baseline (the machine before the first edit, or any preset)
// against the current machine, with every figure that differs highlighted and its difference.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { Violation } from '../../sim/machine';
import { figureSections, type SectionKey } from '../figures/figures';
import { PRESETS } from '../shell/presets';
import { useApp, useAppStore } from '../storeContext';
import { diffSections, diffWarnings, shown, type GroupDiff, type RowDiff, type SectionDiff } from './diff';

/** Sections whose every figure is shown; the object lists collapse what did not change. */
const MAIN: SectionKey[] = ['totals', 'nodes', 'zones', 'tiers'];
const BEFORE = 'before';
const OTHER = 'other';
const BEFORE_SUFFIX = '(before editing)';
/** Added or removed objects listed one per line, up to this many per section. */
const MAX_LISTED = 24;

export function CompareView() {
  const open = useApp((s) => s.compareOpen);
  return open ? <CompareDialog /> : null;
}

function initialSource(name: string | undefined): string {
  if (!name) return '';
  if (name.endsWith(BEFORE_SUFFIX)) return BEFORE;
  return PRESETS.find((p) => p.name === name)?.file ?? OTHER;
}

function CompareDialog() {
  const store = useAppStore();
  const machine = useApp((s) => s.machine);
  const baseline = useApp((s) => s.baseline);
  const past = useApp((s) => s.past);
  const scenarioName = useApp((s) => s.scenario?.name);
  const [source, setSource] = useState(() => initialSource(store.getState().baseline?.name));
  const [onlyDiff, setOnlyDiff] = useState(false);
  const [busy, setBusy] = useState(false);
  const dialog = useRef<HTMLDivElement>(null);
  const picker = useRef<HTMLSelectElement>(null);

  // Focus moves into the dialog and, when it closes, back to where it was.
  useEffect(() => {
    const prev = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    picker.current?.focus();
    return () => {
      if (prev && prev.isConnected && prev !== document.body) prev.focus();
      else document.querySelector<HTMLElement>('[data-compare-open]')?.focus();
    };
  }, []);

  const diff = useMemo(() => (baseline && machine ? diffSections(figureSections(baseline.machine.layout), figureSections(machine.layout)) : null), [baseline, machine]);
  const warnings = useMemo(() => (baseline && machine ? diffWarnings(baseline.machine.layout.warnings, machine.layout.warnings) : null), [baseline, machine]);

  const close = () => store.getState().setCompareOpen(false);
  const canBefore = past.length > 0 || source === BEFORE;
  const current = `${scenarioName ?? 'current'}${past.length ? ' (edited)' : ''}`;

  const choose = async (value: string) => {
    const s = store.getState();
    if (value === source || value === '' || value === OTHER) return;
    setBusy(true);
    try {
      if (value === BEFORE) {
        const original = s.past[0];
        if (original === undefined) return;
        if (await s.compareWithText(original, s.fileName)) {
          const b = store.getState().baseline;
          if (b) store.getState().setBaseline({ name: `${s.scenario?.name ?? b.name} ${BEFORE_SUFFIX}`, machine: b.machine });
          setSource(BEFORE);
        }
      } else {
        const p = PRESETS.find((x) => x.file === value);
        if (p && (await s.compareWithText(p.text, p.file))) setSource(value);
      }
    } finally {
      setBusy(false);
    }
  };

  const pinCurrent = () => {
    const s = store.getState();
    if (!s.machine) return;
    s.setBaseline({ name: `${s.scenario?.name ?? 'layout'} (pinned)`, machine: s.machine });
    setSource(OTHER);
  };

  // Tab stays inside the dialog; Escape closes it.
  const onKeyDown = (e: ReactKeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      close();
      return;
    }
    if (e.key !== 'Tab' || !dialog.current) return;
    const focusables = [...dialog.current.querySelectorAll<HTMLElement>('button, select, input, summary, [tabindex]:not([tabindex="-1"])')].filter((el) => !el.hasAttribute('disabled') && el.offsetParent !== null);
    const first = focusables[0];
    const last = focusables.at(-1);
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  const differing = diff?.reduce((n, s) => n + s.changed, 0) ?? 0;
  const objects = diff?.reduce((n, s) => n + s.groups.filter((g) => g.status !== 'same').length, 0) ?? 0;

  return (
    <div className="overlay cmp-overlay" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div className="cmp-dialog" role="dialog" aria-modal="true" aria-labelledby="cmp-title" aria-describedby="cmp-summary" ref={dialog} onKeyDown={onKeyDown} data-testid="compare">
        <div className="cmp-head">
          <h2 id="cmp-title">Compare layouts</h2>
          <label className="cmp-picker">
            <span>Baseline</span>
            <select ref={picker} value={source} disabled={busy} onChange={(e) => void choose(e.target.value)} aria-describedby="cmp-picker-help">
              {source === '' && <option value="">Choose a layout…</option>}
              {canBefore && <option value={BEFORE}>Before my edits</option>}
              {source === OTHER && baseline && <option value={OTHER}>{baseline.name}</option>}
              <optgroup label="Presets">
                {PRESETS.map((p) => (
                  <option key={p.file} value={p.file}>
                    {p.name}
                  </option>
                ))}
              </optgroup>
            </select>
          </label>
          <label className="cmp-only">
            <input type="checkbox" checked={onlyDiff} onChange={(e) => setOnlyDiff(e.target.checked)} /> Only what differs
          </label>
          <button type="button" onClick={pinCurrent} title="Compare your next edits against the layout as it is now">
            Use current as baseline
          </button>
          <button type="button" className="cmp-close" onClick={close} aria-label="Close compare">
            Close <kbd>Esc</kbd>
          </button>
        </div>
        <p id="cmp-picker-help" className="sr-only">
          The baseline is compared against the current layout; differing figures are highlighted.
        </p>

        {!baseline || !machine || !diff || !warnings ? (
          <div className="cmp-empty" id="cmp-summary">
            <p>
              <strong>Nothing to compare with yet.</strong> Pick a preset above, or edit the machine in the <em>What-if</em> tab: the layout before your first edit becomes the baseline
              automatically.
            </p>
          </div>
        ) : (
          <>
            <div className="cmp-summary" id="cmp-summary">
              <span className="cmp-side">
                <span className="cmp-side-tag">Baseline</span> {baseline.name}
              </span>
              <span aria-hidden="true" className="cmp-arrow">
                →
              </span>
              <span className="cmp-side">
                <span className="cmp-side-tag current">Current</span> {current}
              </span>
              <span className="cmp-counts" data-testid="compare-counts">
                {differing === 0 && warnings.added.length === 0 && warnings.removed.length === 0
                  ? 'identical figures'
                  : `${differing} figure${differing === 1 ? '' : 's'} differ in ${objects} group${objects === 1 ? '' : 's'} · ${
                      warnings.added.length + warnings.removed.length ? `warnings +${warnings.added.length} −${warnings.removed.length}` : 'same warnings'
                    }`}
              </span>
            </div>
            <div className="cmp-body" tabIndex={0} role="region" aria-label="Figures, baseline against current">
              <WarningsDiff added={warnings.added} removed={warnings.removed} kept={warnings.kept.length} />
              {diff.map((s) => (
                <SectionTable key={s.key} section={s} onlyDiff={onlyDiff} baseline={baseline.name} current={current} />
              ))}
            </div>
          </>
        )}
      </div>
    </div>
  );
}

function SectionTable({ section: s, onlyDiff, baseline, current }: { section: SectionDiff; onlyDiff: boolean; baseline: string; current: string }) {
  const main = MAIN.includes(s.key);
  const visible = s.groups.filter((g) => !onlyDiff || g.status !== 'same');
  const full = visible.filter((g) => main || g.status === 'changed');
  const listed = main ? [] : visible.filter((g) => g.status === 'added' || g.status === 'removed');
  const unchanged = main ? [] : s.groups.filter((g) => g.status === 'same');
  if (s.groups.length === 0 || (onlyDiff && visible.length === 0)) return null;
  return (
    <section className="cmp-section" aria-labelledby={`cmp-s-${s.key}`} data-testid={`compare-${s.key}`}>
      <h3 id={`cmp-s-${s.key}`}>
        {s.title} {s.changed > 0 ? <span className="cmp-badge changed">{s.changed} differ</span> : <span className="cmp-badge">same</span>}
      </h3>
      {(full.length > 0 || listed.length > 0) && (
        <table className="cmp-table">
          <thead>
            <tr>
              <th scope="col">Figure</th>
              <th scope="col" title={baseline}>
                Baseline
              </th>
              <th scope="col" title={current}>
                Current
              </th>
              <th scope="col">Difference</th>
            </tr>
          </thead>
          {full.map((g) => (
            <GroupRows key={g.key} group={g} onlyDiff={onlyDiff} />
          ))}
          {listed.length > 0 && (
            <tbody>
              {listed.slice(0, MAX_LISTED).map((g) => (
                <tr key={g.key} className="cmp-row" data-status={g.status} data-group={g.key}>
                  <th scope="row">
                    <Marker status={g.status} />
                    {g.title}
                    {g.subtitle && <span className="cmp-sub"> · {g.subtitle}</span>}
                  </th>
                  <td>{g.status === 'removed' ? 'present' : '—'}</td>
                  <td>{g.status === 'added' ? 'present' : '—'}</td>
                  <td className="cmp-delta">{g.status === 'added' ? 'only in current' : 'only in baseline'}</td>
                </tr>
              ))}
              {listed.length > MAX_LISTED && (
                <tr className="cmp-row">
                  <td colSpan={4} className="cmp-more">
                    and {listed.length - MAX_LISTED} more {s.title} only on one side
                  </td>
                </tr>
              )}
            </tbody>
          )}
        </table>
      )}
      {!onlyDiff && unchanged.length > 0 && (
        <p className="cmp-unchanged">
          {unchanged.length} unchanged: {unchanged.slice(0, 8).map((g) => g.title).join(', ')}
          {unchanged.length > 8 ? ', …' : ''}
        </p>
      )}
    </section>
  );
}

function GroupRows({ group: g, onlyDiff }: { group: GroupDiff; onlyDiff: boolean }) {
  const rows = onlyDiff ? g.rows.filter((r) => r.status !== 'same') : g.rows;
  return (
    <tbody className={`cmp-group-body ${g.status}`} data-group={g.key}>
      <tr className="cmp-group" data-status={g.status}>
        <th scope="colgroup" colSpan={4}>
          {g.title}
          {g.beforeTitle && <span className="cmp-sub"> (baseline: {g.beforeTitle})</span>}
          {g.subtitle && <span className="cmp-sub"> · {g.subtitle}</span>}
          {g.status !== 'same' && <span className={`cmp-badge ${g.status}`}>{g.status === 'added' ? 'only in current' : g.status === 'removed' ? 'only in baseline' : 'changed'}</span>}
        </th>
      </tr>
      {rows.map((r) => (
        <Row key={r.key} row={r} />
      ))}
    </tbody>
  );
}

function Row({ row: r }: { row: RowDiff }) {
  const differs = r.status !== 'same';
  return (
    <tr className={`cmp-row${differs ? ' differs' : ''}${r.level ? ' sub' : ''}`} data-status={r.status} data-figure={r.key} title={r.explain}>
      <th scope="row">
        <Marker status={r.status} />
        {r.label}
      </th>
      <td>{shown(r.before, r.unit)}</td>
      <td>{shown(r.after, r.unit)}</td>
      <td className="cmp-delta">{r.delta ?? ''}</td>
    </tr>
  );
}

/** A shape as well as a colour marks a differing row (and says so to a screen reader). */
function Marker({ status }: { status: GroupDiff['status'] }) {
  if (status === 'same') return <span className="cmp-marker" aria-hidden="true" />;
  const text = status === 'changed' ? 'differs' : status === 'added' ? 'only in current' : 'only in baseline';
  return (
    <span className={`cmp-marker ${status}`}>
      <span aria-hidden="true">{status === 'changed' ? '≠' : status === 'added' ? '+' : '−'}</span>
      <span className="sr-only">{text}: </span>
    </span>
  );
}

function WarningsDiff({ added, removed, kept }: { added: Violation[]; removed: Violation[]; kept: number }) {
  return (
    <section className="cmp-section" aria-labelledby="cmp-s-warnings" data-testid="compare-warnings">
      <h3 id="cmp-s-warnings">
        Warnings {added.length + removed.length > 0 ? <span className="cmp-badge changed">+{added.length} −{removed.length}</span> : <span className="cmp-badge">same</span>}
      </h3>
      {added.length + removed.length === 0 && <p className="cmp-unchanged">{kept ? `The same ${kept} warning${kept === 1 ? '' : 's'} on both sides.` : 'No warnings on either side.'}</p>}
      <ul className="cmp-warnings">
        {added.map((w, i) => (
          <li key={`a${i}`} data-status="added">
            <Marker status="added" />
            <span className={`fig-badge ${w.severity}`}>{w.severity}</span> {w.message} <code className="cmp-rule">{w.rule}</code>
          </li>
        ))}
        {removed.map((w, i) => (
          <li key={`r${i}`} data-status="removed">
            <Marker status="removed" />
            <span className={`fig-badge ${w.severity}`}>{w.severity}</span> {w.message} <code className="cmp-rule">{w.rule}</code> <span className="cmp-sub">(only in the baseline)</span>
          </li>
        ))}
      </ul>
      {kept > 0 && added.length + removed.length > 0 && <p className="cmp-unchanged">{kept} warning{kept === 1 ? '' : 's'} on both sides.</p>}
    </section>
  );
}
