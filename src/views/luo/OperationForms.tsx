// Driving the model without writing a script: create a session, preserve a file (memfd of a size
// and fill, on hugetlb, /dev/null, a VFIO device), and for experts one line in `sim luo` words,
// previewed as it is typed.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { parseSize } from '../../sim/units/size';
import type { LuoFrame } from '../../worker/protocol';
import { useAppStore } from '../storeContext';
import { focusedSession } from './MainlineGraph';
import type { OpPreview } from './previewTypes';
import { nextSessionName, nextToken } from './sessionList';

type Kind = 'memfd' | 'memfd-hugetlb' | 'devnull' | 'vfio';

/** The `<file>` word of a script line, or the reason the fields do not make one. */
export function fileSpec(kind: Kind, size: string, fill: string, bdf: string): { ok: true; spec: string } | { ok: false; field: 'size' | 'fill' | 'bdf'; why: string } {
  if (kind === 'devnull') return { ok: true, spec: 'devnull' };
  if (kind === 'vfio') {
    if (!/^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/i.test(bdf.trim())) return { ok: false, field: 'bdf', why: 'a PCI address like 0000:00:04.0' };
    return { ok: true, spec: `vfio:${bdf.trim()}` };
  }
  try {
    const bytes = parseSize(size);
    if (bytes <= 0) return { ok: false, field: 'size', why: 'a size above 0' };
  } catch (e) {
    return { ok: false, field: 'size', why: (e as Error).message };
  }
  if (kind === 'memfd-hugetlb') return { ok: true, spec: `memfd-hugetlb:${size.trim()}` };
  const f = Number(fill);
  if (fill.trim() === '' || !Number.isFinite(f) || f < 0 || f > 1) return { ok: false, field: 'fill', why: 'a fraction from 0 to 1' };
  return { ok: true, spec: f === 1 ? `memfd:${size.trim()}` : `memfd:${size.trim()}:fill=${f}` };
}

function FileFields(props: { kind: Kind; setKind(k: Kind): void; size: string; setSize(s: string): void; fill: string; setFill(s: string): void; bdf: string; setBdf(s: string): void; bad: string | null; proposed: boolean }) {
  const { kind, bad } = props;
  return (
    <>
      <label className="lv-field">
        <span>file</span>
        <select value={kind} onChange={(e) => props.setKind(e.target.value as Kind)}>
          <option value="memfd">memfd (shmem)</option>
          <option value="memfd-hugetlb">memfd on hugetlb</option>
          <option value="devnull">/dev/null</option>
          {props.proposed && <option value="vfio">VFIO device (proposed)</option>}
        </select>
      </label>
      {(kind === 'memfd' || kind === 'memfd-hugetlb') && (
        <label className="lv-field">
          <span>size</span>
          <input value={props.size} onChange={(e) => props.setSize(e.target.value)} size={6} aria-invalid={bad === 'size'} spellCheck={false} />
        </label>
      )}
      {kind === 'memfd' && (
        <label className="lv-field" title="Fraction of the pages that hold data; memfd-v1 fills the holes with new pages at preserve time">
          <span>filled</span>
          <input value={props.fill} onChange={(e) => props.setFill(e.target.value)} size={4} inputMode="decimal" aria-invalid={bad === 'fill'} />
        </label>
      )}
      {kind === 'vfio' && (
        <label className="lv-field">
          <span>PCI address</span>
          <input value={props.bdf} onChange={(e) => props.setBdf(e.target.value)} size={12} aria-invalid={bad === 'bdf'} spellCheck={false} />
        </label>
      )}
    </>
  );
}

export function OperationForms({ luo, focus }: { luo: LuoFrame; focus: string | null }) {
  const store = useAppStore();
  const run = (line: string) => store.getState().luoOp(line);
  const [kind, setKind] = useState<Kind>('memfd');
  const [size, setSize] = useState('16G');
  const [fill, setFill] = useState('1');
  const [bdf, setBdf] = useState('0000:00:04.0');
  const [error, setError] = useState<string | null>(null);
  const [bad, setBad] = useState<string | null>(null);
  const ml = luo.mainline;
  const session = ml ? focusedSession(ml, focus) : null;
  const [newName, setNewName] = useState<string | null>(null);
  const [into, setInto] = useState<string | null>(null);
  const [token, setToken] = useState('');
  const proposed = luo.handlers.some((h) => h.proposed);
  // Following the focus: a selected session becomes the one the form preserves into.
  useEffect(() => {
    setInto(null);
    setToken('');
  }, [focus]);
  const outgoing = ml ? ml.sessions.filter((s) => s.dir === 'outgoing') : [];
  const newest = outgoing.reduce<(typeof outgoing)[number] | null>((a, s) => (a === null || s.id > a.id ? s : a), null);
  const created = newName ?? (ml ? nextSessionName(ml.sessions.map((s) => s.name)) : 'vm0');
  const sessionName = into ?? (session?.dir === 'outgoing' ? session.name : (newest?.name ?? created));
  const autoToken = nextToken(outgoing.find((s) => s.name === sessionName)?.files ?? []);

  const preserve = (e: FormEvent) => {
    e.preventDefault();
    const f = fileSpec(kind, size, fill, bdf);
    if (!f.ok) {
      setBad(f.field);
      setError(`${f.field}: expected ${f.why}`);
      return;
    }
    setBad(null);
    setError(null);
    if (luo.model === 'rfc-v2') void run(`preserve ${f.spec}`);
    else {
      const t = token.trim() || String(autoToken);
      if (!/^(\d+|0x[0-9a-f]+)$/i.test(t)) {
        setBad('token');
        setError('token: expected a number (decimal or 0x hex)');
        return;
      }
      void run(`preserve ${sessionName || '""'} ${t} ${f.spec}`);
      setToken('');
    }
  };
  const fields = { kind, setKind, size, setSize, fill, setFill, bdf, setBdf, bad, proposed };
  return (
    <div className="lv-forms">
      {luo.model === 'mainline' ? (
        <>
          <form
            className="lv-form"
            aria-label="Create a session"
            onSubmit={(e) => {
              e.preventDefault();
              void run(`create ${created || '""'}`).then((ok) => ok && setNewName(null));
            }}
          >
            <label className="lv-field">
              <span>new session</span>
              <input value={created} onChange={(e) => setNewName(e.target.value)} size={9} spellCheck={false} />
            </label>
            <button type="submit">Create session</button>
          </form>
          <form className="lv-form" onSubmit={preserve} aria-label="Preserve a file into a session">
            <label className="lv-field">
              <span>into session</span>
              <input value={sessionName} onChange={(e) => setInto(e.target.value)} size={9} spellCheck={false} />
            </label>
            <label className="lv-field">
              <span>token</span>
              <input value={token} placeholder={String(autoToken)} onChange={(e) => setToken(e.target.value)} size={4} aria-invalid={bad === 'token'} />
            </label>
            <FileFields {...fields} />
            <button type="submit" className="lv-primary">
              Preserve file
            </button>
          </form>
        </>
      ) : (
        <form className="lv-form" onSubmit={preserve} aria-label="Preserve a file">
          <FileFields {...fields} />
          <button type="submit" className="lv-primary">
            Preserve file
          </button>
          <span className="lv-muted">the kernel picks the token (from 0)</span>
        </form>
      )}
      {error && (
        <p className="lv-form-error" role="alert">
          {error}
        </p>
      )}
      <OperationLine luo={luo} />
    </div>
  );
}

/** One operation in `sim luo` words, previewed while typed, run with Enter. */
function OperationLine({ luo }: { luo: LuoFrame }) {
  const store = useAppStore();
  const [line, setLine] = useState('');
  const [preview, setPreview] = useState<OpPreview | null>(null);
  const seq = useRef(0);
  const hint = useId();
  useEffect(() => {
    const l = line.trim();
    const my = ++seq.current;
    if (!l) {
      setPreview(null);
      return;
    }
    const t = setTimeout(() => {
      void store
        .getState()
        .luoPreview(l)
        .then((r) => my === seq.current && setPreview({ line: l, result: r.result, nextState: r.nextState }))
        .catch(() => undefined);
    }, 150);
    return () => clearTimeout(t);
  }, [line, luo, store]);
  const examples = luo.model === 'rfc-v2' ? 'e.g. restore 0 · register kvm · fail kvm freeze · state' : 'e.g. retrieve vm0 · retrieve-fd vm0 1 · fail memfd freeze · number';
  return (
    <form
      className="lv-form lv-opline"
      onSubmit={(e) => {
        e.preventDefault();
        const l = line.trim();
        if (!l) return;
        void store
          .getState()
          .luoOp(l)
          .then((ok) => ok && setLine(''));
      }}
    >
      <label className="lv-field lv-grow">
        <span>operation</span>
        <input value={line} onChange={(e) => setLine(e.target.value)} placeholder={examples} aria-label="Operation, in the words of sim luo" aria-describedby={hint} spellCheck={false} autoComplete="off" className="lv-mono" />
      </label>
      <button type="submit">Run</button>
      <span id={hint} className={`lv-opline-hint${preview && !preview.result.ok ? ' lv-bad' : ''}`} aria-live="polite">
        {preview
          ? preview.result.ok
            ? `would answer ok${preview.result.values ? ' ' + Object.entries(preview.result.values).map(([k, v]) => `${k}=${v}`).join(' ') : ''}${preview.result.value !== undefined ? ` (${preview.result.value})` : ''}`
            : preview.result.source === 'simulator'
              ? `not an operation: ${preview.result.rule}`
              : `would be refused: -${preview.result.errno} — ${preview.result.rule}`
          : 'one line of the sim luo script language; Enter runs it'}
      </span>
    </form>
  );
}
