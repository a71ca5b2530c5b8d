// The event log the UI shows (callbacks in order, rollbacks, warnings). Bounded so a 2000-session
// run stays small enough to snapshot.
import type { LogEntry, LuoSystem } from './types';

export const LOG_LIMIT = 1000;

export function logEvent(sys: LuoSystem, kind: LogEntry['kind'], text: string): void {
  sys.log.push({ seq: sys.logSeq++, boot: sys.kho.boot, kind, text });
  if (sys.log.length > LOG_LIMIT * 1.5) sys.log.splice(0, sys.log.length - LOG_LIMIT);
}
