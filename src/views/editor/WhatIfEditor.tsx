// The "What-if" tab: edit the machine (pmem, dax, CXL, memory blocks) as an engineer asking
// "what if…", with undo/redo. Every edit goes to the worker as an EditOp; a refusal is shown next
// to the form that sent it, with the rule that refused it. The map selection opens its object.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { EditOp } from '../../sim/machine/edits/ops';
import type { Machine } from '../../sim/machine/schema';
import type { Selection } from '../../store/types';
import { useApp, useAppStore } from '../storeContext';
import { CxlSection } from './CxlSection';
import { BlocksSection, DaxSection, hasBlocks } from './DaxBlocksSections';
import { EditorContext, RefusalBox, type EditorApi, type Picks } from './fields';
import { bytesText, targetOfSelection, type EditorTarget } from './forms';
import { PmemSection } from './PmemSection';

type SectionId = 'pmem' | 'dax' | 'cxl' | 'blocks';

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

function picksFor(t: EditorTarget, m: Machine): Picks {
  if (t.section === 'pmem' && t.kind === 'namespace') return { region: m.pmem?.namespaces.find((n) => n.id === t.id)?.region, namespace: t.id };
  if (t.section === 'pmem' && t.kind === 'region') return { region: t.id, namespace: undefined };
  if (t.section === 'pmem') return { dimm: t.id };
  if (t.section === 'dax') return { dax: t.id };
  if (t.section === 'cxl') return t.kind === 'region' ? { cxlRegion: t.id } : { memdev: t.id };
  return { range: t.id };
}

export function WhatIfEditor() {
  const store = useAppStore();
  const m = useApp((s) => s.scenario?.machine);
  const layout = useApp((s) => s.machine?.layout);
  const steps = useApp((s) => s.past.length);
  const canUndo = steps > 0;
  const canRedo = useApp((s) => s.future.length > 0);
  const editError = useApp((s) => s.editError);
  const sel = useApp((s) => s.selection);

  const [active, setActive] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  // Sections the user opened or closed; the rest start open, except memory blocks when there is more to edit.
  const [open, setOpen] = useState<Partial<Record<SectionId, boolean>>>({});
  const [picks, setPicks] = useState<Picks>({});
  const [seen, setSeen] = useState<{ sel: Selection | null } | null>(null);
  const [scrollTo, setScrollTo] = useState<{ section: SectionId; n: number } | null>(null);
  const sections = useRef<Partial<Record<SectionId, HTMLElement | null>>>({});

  // The selection made anywhere (map, figures, inspector) opens its object here.
  if (!seen || seen.sel !== sel) {
    setSeen({ sel });
    const t = m ? targetOfSelection(sel, m) : null;
    if (t && m) {
      setOpen((o) => ({ ...o, [t.section]: true }));
      setPicks((p) => ({ ...p, ...picksFor(t, m) }));
      if (seen) setScrollTo((s) => ({ section: t.section, n: (s?.n ?? 0) + 1 }));
    }
  }
  useEffect(() => {
    if (scrollTo) sections.current[scrollTo.section]?.scrollIntoView({ block: 'nearest' });
  }, [scrollTo]);

  const run = useCallback(
    async (form: string, op: EditOp, summary: string) => {
      setActive(form);
      setStatus(null);
      setBusy(true);
      try {
        const ok = await store.getState().editMachine(op);
        if (ok) setStatus(`Applied: ${summary}. The map, figures and commands follow; Undo takes it back.`);
        return ok;
      } catch (e) {
        setStatus(`The edit could not be sent to the simulation: ${(e as Error).message}`);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [store],
  );
  const api: EditorApi = useMemo(() => ({ run, active, busy }), [run, active, busy]);
  const pick = useCallback((p: Picks) => setPicks((x) => ({ ...x, ...p })), []);

  const history = async (dir: 'undo' | 'redo') => {
    setActive(null);
    await store.getState()[dir]();
    setStatus(dir === 'undo' ? 'Undid the last edit.' : 'Redid the edit.');
  };

  if (!m) return <p className="muted">Open a scenario to edit its machine.</p>;

  const onlyBlocks = !(m.pmem?.regions.length || m.pmem?.dimms.length || m.dax?.length || m.cxl?.memdevs.length || m.cxl?.regions.length || m.cxl?.rootDecoders.length);
  const isOpen = (id: SectionId) => open[id] ?? (id !== 'blocks' || onlyBlocks);
  const section = (id: SectionId, title: string, summary: string, body: ReactNode) => (
    <details
      key={id}
      className="we-section"
      data-testid={`whatif-${id}`}
      ref={(el) => {
        sections.current[id] = el;
      }}
      open={isOpen(id)}
      onToggle={(e) => {
        const now = e.currentTarget.open;
        if (now !== isOpen(id)) setOpen((o) => ({ ...o, [id]: now }));
      }}
    >
      <summary>
        <span className="we-section-title">{title}</span>
        <span className="we-section-sum">{summary}</span>
      </summary>
      <div className="we-section-body">{body}</div>
    </details>
  );

  const props = { m, layout, picks, pick };
  const parts: ReactNode[] = [];
  if (m.pmem && (m.pmem.regions.length || m.pmem.dimms.length))
    parts.push(section('pmem', 'Persistent memory', `${count(m.pmem.regions.length, 'region')} · ${count(m.pmem.namespaces.length, 'namespace')} · ${count(m.pmem.dimms.length, 'DIMM')}`, <PmemSection {...props} />));
  if (m.dax?.length) parts.push(section('dax', 'dax devices', count(m.dax.length, 'device'), <DaxSection {...props} />));
  if (m.cxl && (m.cxl.memdevs.length || m.cxl.regions.length || m.cxl.rootDecoders.length))
    parts.push(
      section('cxl', 'CXL memory', `${count(m.cxl.memdevs.length, 'memdev')} · ${count(m.cxl.regions.length, 'region')}${m.cxl.smdk ? ` · SMDK ${m.cxl.smdk.mode}` : ''}`, <CxlSection {...props} />),
    );
  if (hasBlocks(m)) parts.push(section('blocks', 'Memory blocks', `${bytesText(m.memoryBlockBytes)} blocks · online, offline, zone`, <BlocksSection {...props} />));

  return (
    <EditorContext.Provider value={api}>
      <div className="whatif" data-testid="whatif">
        <div className="we-bar">
          <div className="we-history" role="group" aria-label="Edit history">
            <button type="button" disabled={!canUndo} aria-keyshortcuts="Control+Z" title="Undo the last edit (Ctrl+Z)" onClick={() => void history('undo')}>
              <span aria-hidden="true">↶ </span>Undo
            </button>
            <button type="button" disabled={!canRedo} aria-keyshortcuts="Control+Shift+Z" title="Redo (Ctrl+Shift+Z)" onClick={() => void history('redo')}>
              Redo<span aria-hidden="true"> ↷</span>
            </button>
          </div>
          <span className="we-count">{steps ? `${steps} step${steps === 1 ? '' : 's'} to undo · Ctrl+Z` : 'nothing to undo yet'}</span>
        </div>
        <p className="we-intro">What if the machine were laid out differently? Edits the kernel would refuse are refused here, with the rule.</p>
        <p className="we-status" role="status" data-testid="whatif-status">
          {status}
        </p>
        {editError && active === null && <RefusalBox rule={editError.rule} message={editError.message} path={editError.path} />}
        {parts.length ? parts : <p className="muted">This machine has no pmem, dax, CXL or System RAM to edit.</p>}
      </div>
    </EditorContext.Provider>
  );
}
