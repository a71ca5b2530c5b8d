import { useState } from 'react';
import { MODEL_NOTES } from '../../sim/luo/describe';
import { Panel, SimplificationNote } from '../Panel';
import { useApp, useAppStore } from '../storeContext';
import { EventButtons } from './EventButtons';
import { HandlersPanel } from './HandlersPanel';
import { KhoBlackout } from './KhoBlackout';
import { DriveForm, MainlineView } from './MainlineView';
import { Refusal } from './Refusal';
import { RfcGraph } from './RfcGraph';

const TABS = [
  { id: 'graph', label: 'State' },
  { id: 'handlers', label: 'Handlers' },
  { id: 'kho', label: 'KHO & blackout' },
] as const;

export function LiveUpdateView({ panelRef }: { panelRef: (el: HTMLElement | null) => void }) {
  const store = useAppStore();
  const luo = useApp((s) => s.frame?.luo);
  const cfg = useApp((s) => s.scenario?.liveUpdate);
  const [tab, setTab] = useState<(typeof TABS)[number]['id']>('graph');
  const [preview, setPreview] = useState<string | null>(null);
  const [focus, setFocus] = useState<string | null>(null);
  const modelValue = cfg ? (cfg.model === 'rfc-v2' ? 'rfc-v2' : `mainline-${cfg.kernel}`) : 'mainline-latest';
  return (
    <Panel
      view="luo"
      title="Live update"
      subtitle={luo ? (luo.model === 'rfc-v2' ? 'LUO RFC v2: one global state' : `LUO ${luo.kernel === '6.19' ? '6.19' : 'latest'}: sessions and files`) : ''}
      panelRef={panelRef}
      tools={
        <label className="arch-select">
          Model{' '}
          <select
            value={modelValue}
            onChange={(e) => {
              const v = e.target.value;
              setFocus(null);
              void store.getState().setLiveUpdate(v === 'rfc-v2' ? { model: 'rfc-v2' } : { model: 'mainline', kernel: v === 'mainline-6.19' ? '6.19' : 'latest' });
            }}
          >
            <option value="rfc-v2">RFC v2 (May 2025)</option>
            <option value="mainline-6.19">mainline 6.19</option>
            <option value="mainline-latest">mainline, later kernels</option>
          </select>
        </label>
      }
    >
      {luo && (
        <>
          <div className="tabs inner" role="tablist" aria-label="Live-update views">
            {TABS.map((t) => (
              <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} onClick={() => setTab(t.id)}>
                {t.label}
              </button>
            ))}
          </div>
          {tab === 'graph' && (
            <>
              {luo.model === 'rfc-v2' ? (
                <RfcGraph luo={luo} preview={preview} />
              ) : (
                <MainlineView
                  luo={luo}
                  focus={focus}
                  onFocus={(n) => {
                    setFocus(n);
                    void store.getState().setLuoFocus(n);
                  }}
                />
              )}
              <EventButtons luo={luo} onPreview={setPreview} />
              <Refusal luo={luo} />
              <DriveForm luo={luo} />
              <details className="luo-log">
                <summary className="small">Kernel log of the live update ({luo.log.length} latest lines)</summary>
                <ol className="mono small">
                  {luo.log.map((l) => (
                    <li key={l.seq} className={`log-${l.kind}`}>
                      [boot {l.boot}] {l.text}
                    </li>
                  ))}
                </ol>
              </details>
            </>
          )}
          {tab === 'handlers' && <HandlersPanel luo={luo} />}
          {tab === 'kho' && <KhoBlackout luo={luo} />}
          <details className="luo-notes">
            <summary className="small">Where the model simplifies ({MODEL_NOTES.length} notes)</summary>
            {MODEL_NOTES.map((n, i) => (
              <SimplificationNote key={i}>{n}</SimplificationNote>
            ))}
          </details>
        </>
      )}
    </Panel>
  );
}
