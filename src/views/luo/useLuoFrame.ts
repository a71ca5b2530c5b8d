// The live-update part of the current frame, kept as the same object while its content is the
// same (see luoFrameKey), so playing the scenario does not redraw the LUO views every tick.
import { useRef } from 'react';
import type { LuoFrame } from '../../worker/protocol';
import { useApp } from '../storeContext';
import { luoFrameKey } from './frameKey';

export function useLuoFrame(): LuoFrame | null {
  const kept = useRef<{ key: string; luo: LuoFrame } | null>(null);
  return useApp((s) => {
    const luo = s.frame?.luo;
    if (!luo) return null;
    if (kept.current?.luo === luo) return luo;
    const key = luoFrameKey(luo);
    if (kept.current?.key === key) return kept.current.luo;
    kept.current = { key, luo };
    return luo;
  });
}
