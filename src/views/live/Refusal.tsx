import type { LuoFrame } from '../../worker/protocol';

/**
 * What the kernel answered to the last operation: a refusal with its errno, the rule and where
 * the rule is written; or what a success returned (a token, a retrieved file's digest).
 */
export function Refusal({ luo }: { luo: LuoFrame }) {
  const r = luo.lastResult;
  // Always takes its place, so that the controls below do not jump when an answer arrives.
  if (!r) return <div className="luo-answer empty muted">The kernel's answer to each operation shows here.</div>;
  if (r.result.ok) {
    const values = Object.entries(r.result.values ?? {});
    return (
      <div className="luo-answer" role="status" data-testid="luo-answer">
        <strong>{r.op}</strong> → ok{values.length ? ' ' + values.map(([k, v]) => `${k}=${v}`).join(' ') : ''}
        {r.result.warnings?.map((w, i) => (
          <div key={i} className="muted small">
            {w}
          </div>
        ))}
      </div>
    );
  }
  return (
    <div className="luo-refusal" role="alert" data-testid="luo-refusal">
      <strong>
        {r.op} → -{r.result.errno}
      </strong>
      <div>{r.result.rule}</div>
      <div className="muted small">{r.result.source}</div>
    </div>
  );
}
