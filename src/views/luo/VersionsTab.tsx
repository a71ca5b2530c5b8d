// Version compatibility: kernels with the formats they read and write, which updates are allowed
// (B must read a version of every format family A writes), and the chain of live updates from one
// kernel to another, or why there is none. Illustrative kernels are marked; the formats of any
// kernel can be changed to ask "what if".
import { useMemo, useState } from 'react';
import { checkUpdate, compatMatrix, FORMAT_FAMILY, KERNELS, planUpgrade, type EdgeVerdict, type FormatId, type KernelNode } from '../../sim/luo/compat';
import type { LuoFrame } from '../../worker/protocol';

const FORMATS = Object.keys(FORMAT_FAMILY) as FormatId[];

function modelKernel(luo: LuoFrame): string {
  return luo.model === 'rfc-v2' ? '6.16' : luo.kernel === '6.19' ? '6.19' : 'radix';
}

function Choice({ v }: { v: EdgeVerdict }) {
  const entries = Object.entries(v.choice);
  return (
    <>
      {v.allowed ? (
        <span>
          luod writes {entries.map(([fam, f], i) => (
            <span key={fam}>
              {i ? ', ' : ''}
              <code>{f}</code>
            </span>
          ))}
        </span>
      ) : (
        <span className="lv-bad">{v.reasons.join('; ')}</span>
      )}
    </>
  );
}

export function VersionsTab({ luo }: { luo: LuoFrame }) {
  const [kernels, setKernels] = useState<KernelNode[]>(KERNELS);
  const [from, setFrom] = useState('6.19');
  const [to, setTo] = useState('F');
  const [forwardOnly, setForwardOnly] = useState(true);
  const [pair, setPair] = useState<[string, string] | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const matrix = useMemo(() => compatMatrix(kernels), [kernels]);
  const plan = useMemo(() => planUpgrade(from, to, kernels, { forwardOnly }), [from, to, kernels, forwardOnly]);
  const edited = kernels !== KERNELS;
  const here = modelKernel(luo);
  const byId = new Map(kernels.map((k) => [k.id, k]));
  const pairVerdict = pair && byId.has(pair[0]) && byId.has(pair[1]) ? checkUpdate(byId.get(pair[0])!, byId.get(pair[1])!) : null;

  const toggle = (id: string, list: 'reads' | 'writes', f: FormatId) =>
    setKernels((ks) => ks.map((k) => (k.id !== id ? k : { ...k, [list]: k[list].includes(f) ? k[list].filter((x) => x !== f) : [...k[list], f].sort((a, b) => FORMATS.indexOf(a) - FORMATS.indexOf(b)) })));

  return (
    <div className="lv-tab-body lv-versions">
      <p className="lv-lead">
        An update from A to B is allowed only when B reads, for every format family A writes, one of the versions A can write; during a transition a kernel may write both an old and a new version,
        and the agent (luod) picks the newest one the next kernel reads. Upstream supports one step; a distribution plans the chain.
      </p>
      <table className="lv-table lv-kernels">
        <caption>
          Kernels and their formats {edited && <strong className="lv-bad">(what-if: formats changed)</strong>}
        </caption>
        <thead>
          <tr>
            <th scope="col">kernel</th>
            <th scope="col">reads</th>
            <th scope="col">writes</th>
            <th scope="col">
              <span className="sr-only">what if</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {kernels.map((k) => (
            <tr key={k.id} className={k.illustrative ? 'lv-illustrative' : ''}>
              <th scope="row">
                <strong>{k.id}</strong>
                {k.illustrative && <span className="lv-badge lv-badge-proposed">illustrative</span>}
                {k.id === here && <span className="lv-badge">this model</span>}
                <span className="lv-sub">{k.label}</span>
                <span className="lv-sub">{k.evidence}</span>
              </th>
              {(['reads', 'writes'] as const).map((list) => (
                <td key={list}>
                  {editing === k.id ? (
                    <fieldset className="lv-formats-edit">
                      <legend className="sr-only">
                        {k.id} {list}
                      </legend>
                      {FORMATS.map((f) => (
                        <label key={f}>
                          <input type="checkbox" checked={k[list].includes(f)} onChange={() => toggle(k.id, list, f)} /> {f}
                        </label>
                      ))}
                    </fieldset>
                  ) : (
                    <span className="lv-chips">
                      {k[list].map((f) => (
                        <code key={f} className={`lv-fmt lv-fam-${FORMAT_FAMILY[f]}`}>
                          {f}
                        </code>
                      ))}
                    </span>
                  )}
                </td>
              ))}
              <td>
                <button type="button" onClick={() => setEditing(editing === k.id ? null : k.id)} aria-pressed={editing === k.id}>
                  {editing === k.id ? 'Done' : 'What if…'}
                  <span className="sr-only"> ({k.id})</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {edited && (
        <button type="button" onClick={() => setKernels(KERNELS)}>
          Reset the kernels' formats
        </button>
      )}

      <section aria-labelledby="lv-matrix-h">
        <h3 id="lv-matrix-h">Can A live-update to B?</h3>
        <div className="lv-matrix-wrap">
          <table className="lv-matrix" data-testid="compat-matrix">
            <caption className="sr-only">Rows: the running kernel A; columns: the next kernel B</caption>
            <thead>
              <tr>
                <th scope="col">A ↓ · B →</th>
                {kernels.map((k) => (
                  <th key={k.id} scope="col" className={k.illustrative ? 'lv-illustrative' : ''}>
                    {k.id}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {matrix.map((row, i) => (
                <tr key={kernels[i].id}>
                  <th scope="row" className={kernels[i].illustrative ? 'lv-illustrative' : ''}>
                    {kernels[i].id}
                  </th>
                  {row.map((v) => {
                    const on = pair?.[0] === v.from && pair?.[1] === v.to;
                    return (
                      <td key={v.to} className={`${v.from === v.to ? 'lv-diag' : v.allowed ? 'lv-yes' : 'lv-no'}${on ? ' lv-on' : ''}`}>
                        {v.from === v.to ? (
                          '—'
                        ) : (
                          <button type="button" className="lv-cell" aria-pressed={on} onClick={() => setPair(on ? null : [v.from, v.to])} aria-label={`${v.from} to ${v.to}: ${v.allowed ? 'allowed' : 'refused'}`}>
                            {v.allowed ? '✓' : '✗'}
                          </button>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="lv-verdict-line" aria-live="polite">
          {pairVerdict ? (
            <>
              <strong>
                {pairVerdict.from} → {pairVerdict.to}: {pairVerdict.allowed ? 'allowed' : 'refused'}.
              </strong>{' '}
              <Choice v={pairVerdict} />
            </>
          ) : (
            'Select a cell to see which version of each format luod would write, or why the update is refused.'
          )}
        </p>
      </section>

      <section aria-labelledby="lv-plan-h">
        <h3 id="lv-plan-h">Upgrade planner</h3>
        <div className="lv-form">
          <label className="lv-field">
            <span>from</span>
            <select value={from} onChange={(e) => setFrom(e.target.value)}>
              {kernels.map((k) => (
                <option key={k.id} value={k.id}>
                  {k.id}
                  {k.illustrative ? ' (illustrative)' : ''}
                </option>
              ))}
            </select>
          </label>
          <label className="lv-field">
            <span>to</span>
            <select value={to} onChange={(e) => setTo(e.target.value)}>
              {kernels.map((k) => (
                <option key={k.id} value={k.id}>
                  {k.id}
                  {k.illustrative ? ' (illustrative)' : ''}
                </option>
              ))}
            </select>
          </label>
          <label className="lv-check">
            <input type="checkbox" checked={forwardOnly} onChange={(e) => setForwardOnly(e.target.checked)} /> forward only (newer kernels, as a distribution plans)
          </label>
        </div>
        <div className="lv-plan" data-testid="upgrade-plan" aria-live="polite">
          {plan.ok ? (
            plan.steps.length === 0 ? (
              <p>Same kernel: nothing to do.</p>
            ) : (
              <>
                <p className="lv-chain">
                  {plan.path.map((id, i) => (
                    <span key={id}>
                      {i > 0 && <span className="lv-arrow-text"> → </span>}
                      <strong className={byId.get(id)?.illustrative ? 'lv-illustrative' : ''}>{id}</strong>
                    </span>
                  ))}{' '}
                  <span className="lv-muted">
                    ({plan.steps.length} live update{plan.steps.length === 1 ? '' : 's'})
                  </span>
                </p>
                <ol className="lv-steps">
                  {plan.steps.map((s) => (
                    <li key={`${s.from}-${s.to}`}>
                      {s.from} → {s.to}: <Choice v={s} />
                    </li>
                  ))}
                </ol>
              </>
            )
          ) : (
            <p className="lv-bad" role="status">
              {plan.reason}
            </p>
          )}
        </div>
      </section>
    </div>
  );
}
