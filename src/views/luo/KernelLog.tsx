// The live-update log: operations, callbacks in call order, rollbacks and warnings, per boot.
import { useEffect, useRef } from 'react';
import type { LuoFrame } from '../../worker/protocol';

const KIND_LABEL: Record<string, string> = { op: 'op', callback: 'cb', rollback: 'rollback', warn: 'warn', info: 'info', kexec: 'kexec' };

export function KernelLog({ luo }: { luo: LuoFrame }) {
  const box = useRef<HTMLOListElement>(null);
  const last = luo.log.length ? luo.log[luo.log.length - 1].seq : -1;
  useEffect(() => {
    const el = box.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [last]);
  return (
    <details className="lv-log" open>
      <summary>
        Kernel log of the live update <span className="lv-muted">(last {luo.log.length} lines)</span>
      </summary>
      <ol ref={box} className="lv-log-lines" tabIndex={0} aria-label="Kernel log lines" data-testid="luo-log">
        {luo.log.map((l) => (
          <li key={`${l.boot}-${l.seq}`} className={`lv-log-${l.kind}`}>
            <span className="lv-log-boot">boot {l.boot}</span>
            <span className="lv-log-kind">{KIND_LABEL[l.kind] ?? l.kind}</span>
            <span className="lv-log-text">{l.text}</span>
          </li>
        ))}
      </ol>
    </details>
  );
}
