// File handlers: what each preserves and how, its callbacks (when the kernel calls each, what a
// failure does), and a button per callback that makes its next call fail (`fail <handler> <cb>`).
import type { LuoFrame } from '../../worker/protocol';
import { useAppStore } from '../storeContext';
import { KernelAnswer } from './KernelAnswer';
import { ModelNotes } from './ModelNotes';

type Model = LuoFrame['model'];

/** When each callback runs and what its failure does, per model. */
const CALLBACKS: Record<Model, Record<string, { when: string; failure: string }>> = {
  'rfc-v2': {
    can_preserve: { when: 'PRESERVE: does this handler take the file?', failure: 'false: no handler takes it, -ENOENT' },
    prepare: { when: 'PREPARE, files in token order, before subsystems', failure: 'earlier files cancelled, PREPARE fails, state stays NORMAL' },
    freeze: { when: 'FREEZE, or reboot(KEXEC) in PREPARED', failure: 'earlier items cancelled, state NORMAL; KHO stays finalized (the RFC gap)' },
    cancel: { when: 'CANCEL from PREPARED or FROZEN', failure: 'void: the kernel carries on, the work is skipped (leak)' },
    retrieve: { when: 'RESTORE in UPDATED (next kernel)', failure: 'RESTORE returns the error' },
    finish: { when: 'FINISH in UPDATED, with reclaimed = restored or not', failure: 'void: skipped, pages leak' },
  },
  mainline: {
    can_preserve: { when: 'PRESERVE_FD: does this handler take the file?', failure: 'false: no handler takes it, -ENOENT' },
    preserve: { when: 'PRESERVE_FD: the heavy work, before the blackout', failure: 'PRESERVE_FD returns the error' },
    unpreserve: { when: 'closing the session, or luod exiting', failure: 'void: skipped, memory stays preserved (leak)' },
    freeze: { when: 'reboot(KEXEC), file by file in preservation order', failure: 'every frozen file unfrozen; reboot fails, the system keeps running' },
    unfreeze: { when: 'a later freeze failed (rollback)', failure: 'void: skipped' },
    retrieve: { when: 'RETRIEVE_FD in the next kernel', failure: 'RETRIEVE_FD returns the error (later kernels: on every retry)' },
    can_finish: { when: 'FINISH, for every file before any finishes', failure: 'false: -EBUSY, nothing finished' },
    finish: { when: 'FINISH (or closing a retrieved session)', failure: 'void: skipped, pages leak' },
  },
};

const RFC_HANDLER_CALLBACKS = ['can_preserve', 'prepare', 'freeze', 'cancel', 'retrieve', 'finish'];

/** What the simulator says each handler preserves (the issue's facts, with sources in docs/live-update.md). */
const FACTS: Record<string, string[]> = {
  'memfd-v1': [
    'Only unlinked shmem files (memfd_create); hugetlb memfds are refused (-ENOENT).',
    'Holes are filled with new zeroed pages at preserve time: a sparse file becomes dense.',
    '16 bytes of metadata per folio (memfd_luo_folio_ser) in a preserved vmalloc array; one page for memfd_luo_ser.',
    'Contents, size and file position survive; seals and FD_CLOEXEC do not (the retrieved descriptor is O_CLOEXEC).',
  ],
  'vfio-pci-proposed': [
    'Proposed, not merged (lore 20251126193608.2678510-1-dmatlack@google.com): where device preservation fits.',
    'Files: vfio:<PCI address>, e.g. vfio:0000:00:04.0; one preserved record page.',
    'can_finish returns false until the device was retrieved (an illustrative choice).',
  ],
};

const PSEUDO: Record<Model, Record<string, { when: string; failure: string }>> = {
  'rfc-v2': {
    'kho.finalize': { when: 'PREPARE: kho_finalize() serializes the KHO tree first', failure: 'PREPARE fails; kho_abort cancels every file and subsystem' },
  },
  mainline: {
    'kho.finalize': { when: 'reboot(KEXEC) after freezing (6.19: serializes the tracker)', failure: '-EAGAIN; the sessions stay frozen (6.19)' },
    'luo.deserialize': { when: 'the first open of /dev/liveupdate in the next kernel', failure: 'open fails with -EIO, every time (the error is remembered)' },
  },
};

/** Mainline order of the callbacks (HANDLER_CALLBACKS of the model). */
const ORDER: Record<Model, string[]> = {
  'rfc-v2': RFC_HANDLER_CALLBACKS,
  mainline: ['can_preserve', 'preserve', 'unpreserve', 'freeze', 'unfreeze', 'retrieve', 'can_finish', 'finish'],
};

/** One row per callback, one column of "fail" buttons per handler (or target). */
function CallbackTable(props: { model: Model; targets: { id: string; label: string; callbacks: string[]; off?: string | null }[]; rows: string[]; info: (cb: string) => { when: string; failure: string } | undefined; caption: string }) {
  const store = useAppStore();
  return (
    <table className="lv-cb-table">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">callback</th>
          <th scope="col">called when</th>
          <th scope="col">if it fails</th>
          {props.targets.map((t) => (
            <th key={t.id} scope="col" className="lv-cb-target">
              {t.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((cb) => {
          const info = props.info(cb);
          return (
            <tr key={cb}>
              <th scope="row">
                <code>{cb}()</code>
              </th>
              <td>{info?.when ?? ''}</td>
              <td>{info?.failure ?? ''}</td>
              {props.targets.map((t) => (
                <td key={t.id} className="lv-cb-target">
                  {!t.callbacks.includes(cb) ? (
                    <span className="lv-muted" title={`${t.id} does not implement ${cb}()`}>
                      —<span className="sr-only"> {t.id} does not implement it</span>
                    </span>
                  ) : (
                    <button
                      type="button"
                      className="lv-fail"
                      disabled={!!t.off}
                      title={t.off ?? `runs: fail ${t.id} ${cb}`}
                      aria-label={`fail next ${cb} of ${t.id}`}
                      onClick={() => void store.getState().luoOp(`fail ${t.id} ${cb}`)}
                    >
                      fail next
                    </button>
                  )}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function HandlersTab({ luo }: { luo: LuoFrame }) {
  const store = useAppStore();
  const cfg = luo.handlers.some((h) => h.proposed);
  const injections = luo.log.filter((l) => l.text.startsWith('armed:') || l.text.includes('(injected)')).slice(-6);
  const model = luo.model;
  const handlerCallbacks = (h: LuoFrame['handlers'][number]) => (model === 'rfc-v2' ? RFC_HANDLER_CALLBACKS : h.callbacks);
  const rows = ORDER[model].filter((cb) => luo.handlers.some((h) => handlerCallbacks(h).includes(cb)));
  const finalizeOff = model === 'mainline' && luo.kernel === 'latest' ? 'refused on later kernels: kho_finalize only sets a flag there' : null;
  return (
    <div className="lv-tab-body lv-handlers">
      <p className="lv-lead">
        A file handler preserves one kind of file across the kexec. <strong>fail next</strong> runs <code>fail &lt;handler&gt; &lt;callback&gt;</code>: the next call of that callback fails with -EIO (a bool callback
        returns false; a void one cannot report failure, so the kernel carries on and the work is skipped).
      </p>
      <div className="lv-handler-cards">
        {luo.handlers.map((h) => (
          <section key={h.compatible} className={`lv-handler${h.proposed ? ' lv-proposed' : ''}`} aria-labelledby={`lv-h-${h.compatible}`}>
            <h3 id={`lv-h-${h.compatible}`}>
              <code>{h.compatible}</code>
              {h.proposed ? (
                <span className="lv-badge lv-badge-proposed">PROPOSED · not merged</span>
              ) : (
                <span className="lv-badge">{model === 'rfc-v2' ? 'posted with LUO v1' : 'merged in 6.19'}</span>
              )}
            </h3>
            <ul className="lv-facts">
              {(FACTS[h.compatible] ?? [h.note]).map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          </section>
        ))}
        <section className="lv-handler lv-none" aria-labelledby="lv-h-none">
          <h3 id="lv-h-none">
            <code>/dev/null</code>
            {' and every other file'}
          </h3>
          <p>No handler's can_preserve() takes them: preserving one is refused with <strong>-ENOENT</strong>, as are hugetlb memfds. Try the file “/dev/null” on the Graph tab.</p>
        </section>
      </div>
      <CallbackTable
        model={model}
        caption="Handler callbacks: when the kernel calls each, and what its failure does"
        rows={rows}
        info={(cb) => CALLBACKS[model][cb]}
        targets={luo.handlers.map((h) => ({ id: h.compatible, label: h.proposed ? `${h.compatible} (proposed)` : h.compatible, callbacks: handlerCallbacks(h) }))}
      />
      <CallbackTable
        model={model}
        caption="KHO and LUO core"
        rows={model === 'mainline' ? ['finalize', 'deserialize'] : ['finalize']}
        info={(cb) => PSEUDO[model][`${cb === 'finalize' ? 'kho' : 'luo'}.${cb}`]}
        targets={[
          { id: 'kho', label: 'kho', callbacks: ['finalize'], off: finalizeOff },
          ...(model === 'mainline' ? [{ id: 'luo', label: 'luo', callbacks: ['deserialize'] }] : []),
        ]}
      />
      {finalizeOff && <p className="lv-muted lv-small">kho finalize: {finalizeOff}.</p>}
      {model === 'rfc-v2' && (
        <p className="lv-muted lv-small">
          Subsystems: register one with the operation box on the Graph tab (<code>register kvm</code>), then <code>fail kvm prepare</code> (prepare, freeze, cancel, finish).
        </p>
      )}
      <label className="lv-check">
        <input type="checkbox" checked={cfg} onChange={(e) => void store.getState().setLiveUpdate({ proposedHandlers: e.target.checked })} /> Register the proposed VFIO handler (reloads the scenario)
      </label>
      <KernelAnswer luo={luo} />
      {injections.length > 0 && (
        <div className="lv-injections">
          <h4>Injected failures, armed and hit</h4>
          <ul>
            {injections.map((l) => (
              <li key={`${l.boot}-${l.seq}`} className={`lv-log-${l.kind}`}>
                boot {l.boot}: {l.text}
              </li>
            ))}
          </ul>
        </div>
      )}
      <ModelNotes luo={luo} place="handlers" />
    </div>
  );
}
