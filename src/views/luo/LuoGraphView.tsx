// The live-update view: the LUO state graph of the chosen model (RFC v2 or mainline), its file
// handlers with failure injection, KHO's preserved memory and the blackout, the metadata formats
// compared, and which kernels can live-update to which.
import { useState } from 'react';
import { Panel } from '../Panel';
import { useApp, useAppStore } from '../storeContext';
import { FormatsTab } from './FormatsTab';
import { GraphTab, useLuoFocus } from './GraphTab';
import { HandlersTab } from './HandlersTab';
import { KhoTab } from './KhoTab';
import { LuoTabs } from './LuoTabs';
import { useLuoFrame } from './useLuoFrame';
import { VersionsTab } from './VersionsTab';

const TABS = [
  { id: 'graph', label: 'State graph' },
  { id: 'handlers', label: 'Handlers' },
  { id: 'kho', label: 'KHO & blackout' },
  { id: 'formats', label: 'Formats' },
  { id: 'versions', label: 'Versions' },
] as const;

type TabId = (typeof TABS)[number]['id'];

const MODELS = [
  { value: 'rfc-v2', label: 'RFC v2 (May 2025)' },
  { value: 'mainline-6.19', label: 'mainline 6.19' },
  { value: 'mainline-latest', label: 'mainline, later kernels' },
] as const;

function subtitle(model: string | undefined, kernel: string | undefined): string {
  if (model === 'rfc-v2') return 'RFC v2: one global state machine, driven through /dev/liveupdate';
  if (model === 'mainline') return `mainline ${kernel === '6.19' ? '6.19' : 'after 6.19'}: no global state; sessions and files each have their own`;
  return '';
}

export function LuoGraphView({ panelRef }: { panelRef: (el: HTMLElement | null) => void }) {
  const store = useAppStore();
  const luo = useLuoFrame();
  const cfg = useApp((s) => s.scenario?.liveUpdate);
  const fileName = useApp((s) => s.fileName);
  const [tab, setTab] = useState<TabId>('graph');
  const [focus, setFocus] = useLuoFocus();
  const value = cfg ? (cfg.model === 'rfc-v2' ? 'rfc-v2' : `mainline-${cfg.kernel}`) : 'mainline-latest';
  const tools = (
    <label className="lv-model">
      Model{' '}
      <select
        value={value}
        disabled={!cfg}
        onChange={(e) => {
          const v = e.target.value;
          setFocus(null);
          void store.getState().setLiveUpdate(v === 'rfc-v2' ? { model: 'rfc-v2' } : { model: 'mainline', kernel: v === 'mainline-6.19' ? '6.19' : 'latest' });
        }}
      >
        {MODELS.map((m) => (
          <option key={m.value} value={m.value}>
            {m.label}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <Panel view="luo" title="LUO state graph" subtitle={subtitle(luo?.model, luo?.kernel)} panelRef={panelRef} tools={tools}>
      <LuoTabs<TabId> tabs={TABS} value={tab} onChange={setTab} label="Live-update views" idPrefix="lv" />
      <div className="lv-tabpanel" role="tabpanel" id={`lv-panel-${tab}`} aria-labelledby={`lv-tab-${tab}`} data-testid={`luo-tab-${tab}`}>
        {!luo ? (
          <p className="lv-muted">Loading the live-update model…</p>
        ) : tab === 'graph' ? (
          <GraphTab key={`${luo.model}|${fileName}`} luo={luo} focus={focus} setFocus={setFocus} />
        ) : tab === 'handlers' ? (
          <HandlersTab luo={luo} />
        ) : tab === 'kho' ? (
          <KhoTab luo={luo} />
        ) : tab === 'formats' ? (
          <FormatsTab />
        ) : (
          <VersionsTab luo={luo} />
        )}
      </div>
    </Panel>
  );
}
