// What the worker answered to "what would this operation do now" (hover previews).
import type { OpResult } from '../../worker/protocol';

export interface OpPreview {
  /** The operation line previewed, in the words of `sim luo`. */
  line: string;
  result: OpResult;
  /** State label it would lead to (RFC v2: normal/prepared/frozen/updated; mainline: a summary). */
  nextState: string;
}

/** "dev:open out:2 in:1" (the mainline state label) read back into numbers. */
export function parseMainlineState(label: string): { open: boolean; outgoing: number; incoming: number } | null {
  const m = /^dev:(open|closed) out:(\d+) in:(\d+)$/.exec(label.trim());
  return m ? { open: m[1] === 'open', outgoing: Number(m[2]), incoming: Number(m[3]) } : null;
}

/** What a mainline operation would change, in words: "device closed, 0 outgoing sessions (was 1)". */
export function describeMainlineChange(from: string, to: string): string {
  const a = parseMainlineState(from);
  const b = parseMainlineState(to);
  if (!a || !b) return to;
  const parts: string[] = [];
  if (a.open !== b.open) parts.push(`/dev/liveupdate ${b.open ? 'open' : 'closed'}`);
  if (a.outgoing !== b.outgoing) parts.push(`${b.outgoing} outgoing session${b.outgoing === 1 ? '' : 's'} (now ${a.outgoing})`);
  if (a.incoming !== b.incoming) parts.push(`${b.incoming} incoming session${b.incoming === 1 ? '' : 's'} (now ${a.incoming})`);
  return parts.length ? parts.join(', ') : 'no change in sessions or the device';
}
