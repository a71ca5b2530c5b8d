// The Graph tab: the state graph of the chosen model, the events allowed now, the kernel's
// answer, forms to drive it, and the log.
import { useCallback, useRef, useState } from 'react';
import type { LuoFrame } from '../../worker/protocol';
import { useAppStore } from '../storeContext';
import { EventBar } from './EventBar';
import { KernelAnswer } from './KernelAnswer';
import { KernelLog } from './KernelLog';
import { nextLastTransition, type LastOp } from './lastTransition';
import { DeviceCard, focusedSession, MainlineGraph } from './MainlineGraph';
import { ModelNotes } from './ModelNotes';
import { OperationForms } from './OperationForms';
import { RfcStateGraph } from './RfcStateGraph';
import { SessionList } from './SessionList';
import { useOpPreview } from './useOpPreview';

export function GraphTab({ luo, focus, setFocus }: { luo: LuoFrame; focus: string | null; setFocus(name: string | null): void }) {
  const { preview, start, end } = useOpPreview(luo);
  const [query, setQuery] = useState('');
  const onStatusClick = useCallback((status: string) => setQuery((q) => (q.trim() === status ? '' : status)), []);
  const ml = luo.mainline;
  const session = ml ? focusedSession(ml, focus) : null;
  const lastTransition = useLastTransition(luo);
  return (
    <div className="lv-tab-body">
      {luo.model === 'rfc-v2' || !ml ? (
        <RfcStateGraph luo={luo} preview={preview} lastTransition={lastTransition} />
      ) : (
        <>
          <DeviceCard luo={luo} preview={preview} />
          <MainlineGraph luo={luo} focus={focus} preview={preview} onStatusClick={onStatusClick} lastTransition={lastTransition} />
          <LastLine luo={luo} lastTransition={lastTransition} />
          <SessionList ml={ml} focus={focus} onFocus={setFocus} query={query} setQuery={setQuery} />
        </>
      )}
      <EventBar luo={luo} preview={preview} onHover={start} onLeave={end} focusName={session?.name ?? focus} />
      <KernelAnswer luo={luo} />
      <OperationForms luo={luo} focus={focus} />
      <KernelLog luo={luo} />
      <ModelNotes luo={luo} place="graph" />
    </div>
  );
}

/** The last operation that moved something; a refused one after it does not replace it. */
function useLastTransition(luo: LuoFrame): LastOp | null {
  const kept = useRef<{ last: LastOp; seq: number } | null>(null);
  const seq = luo.log.length ? luo.log[luo.log.length - 1].seq : -1;
  kept.current = nextLastTransition(kept.current, luo.last, seq, luo.model);
  return kept.current?.last ?? null;
}

/** Mainline: the last transition and the last operation, in words. */
function LastLine({ luo, lastTransition }: { luo: LuoFrame; lastTransition: LastOp | null }) {
  const last = luo.last;
  if (!lastTransition && !last) return null;
  return (
    <p className="lv-caption lv-last-line">
      {lastTransition && (
        <>
          Last transition (highlighted): <code>{lastTransition.op}</code>.{' '}
        </>
      )}
      {last && last !== lastTransition && !last.ok && (
        <>
          Then <code>{last.op}</code> was refused (-{last.errno}); nothing changed.
        </>
      )}
    </p>
  );
}

/** Focus kept here and in the worker (which lists that session's events in the frame). */
export function useLuoFocus(): [string | null, (name: string | null) => void] {
  const store = useAppStore();
  const [focus, setFocusState] = useState<string | null>(null);
  const setFocus = useCallback(
    (name: string | null) => {
      setFocusState(name);
      void store.getState().setLuoFocus(name);
    },
    [store],
  );
  return [focus, setFocus];
}
