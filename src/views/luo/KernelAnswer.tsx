// What the kernel answered to the last operation: a refusal with its errno, the rule and where
// the rule comes from (an alert), or the values a success returned, in words where it matters
// (a retrieved memfd's contents compared with what was preserved).
import type { LuoFrame } from '../../worker/protocol';

function contentsVerdict(values: Record<string, string | number>): string | null {
  if (!('intact' in values)) return null;
  if (values.intact === 'yes') return `contents match what was preserved (digest ${values.digest})`;
  if (values.intact === 'no') return `contents differ from what was preserved (digest ${values.digest})`;
  return 'no record of the contents at preserve time';
}

export function KernelAnswer({ luo }: { luo: LuoFrame }) {
  const r = luo.lastResult;
  if (!r) return <div className="lv-answer lv-answer-empty">The kernel's answer to each operation shows here.</div>;
  if (!r.result.ok) {
    return (
      <div className="lv-answer lv-refusal" role="alert" data-testid="luo-refusal" key={`${r.op}|${luo.log.length}`}>
        <div className="lv-answer-head">
          <code>{r.op}</code> → <strong className="lv-errno">-{r.result.errno}</strong>
        </div>
        <div>{r.result.rule}</div>
        <div className="lv-source">source: {r.result.source}</div>
      </div>
    );
  }
  const values = r.result.values ?? {};
  const verdict = contentsVerdict(values);
  const text = r.result.value ?? ['ok', ...Object.entries(values).map(([k, v]) => `${k}=${v}`)].join(' ');
  return (
    <div className={`lv-answer lv-ok${verdict && values.intact === 'yes' ? ' lv-intact' : ''}`} role="status" data-testid="luo-answer">
      <div className="lv-answer-head">
        <code>{r.op}</code> → <code>{text}</code>
      </div>
      {verdict && <div className="lv-verdict">{verdict}</div>}
      {r.result.warnings?.map((w, i) => (
        <div key={i} className="lv-warn">
          warning: {w}
        </div>
      ))}
    </div>
  );
}
