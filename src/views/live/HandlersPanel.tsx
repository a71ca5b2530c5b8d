import type { LuoFrame } from '../../worker/protocol';
import { useAppStore } from '../storeContext';

/** File handlers with their callbacks; each callback can be made to fail once with -EIO. */
export function HandlersPanel({ luo }: { luo: LuoFrame }) {
  const store = useAppStore();
  return (
    <div className="luo-handlers">
      <p className="small">
        A file is preserved by the handler that accepts it. <span className="mono">/dev/null</span> and other files no handler accepts are refused with
        -ENOENT. “Fail next” makes that callback's next call return -EIO, so you can watch the rollback.
      </p>
      {luo.handlers.map((h) => (
        <section key={h.compatible} className={`handler ${h.proposed ? 'proposed' : ''}`}>
          <h4>
            {h.compatible} {h.proposed && <span className="badge">proposed, not merged</span>}
          </h4>
          <p className="small">{h.note}</p>
          <div className="luo-buttons">
            {h.callbacks.map((cb) => (
              <button key={cb} type="button" onClick={() => void store.getState().luoOp(`fail ${h.compatible} ${cb}`)} title={`the next ${cb}() of ${h.compatible} returns -EIO`}>
                fail next {cb}
              </button>
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
