// "The last transition stays highlighted": a refused operation changes nothing, so the graph keeps
// showing the last operation that did something. Pure step function, kept by the view per frame.
export interface LastOp {
  op: string;
  ok: boolean;
  from: string;
  to: string;
  errno?: string | null;
}

/** Operations that ask or arm something rather than move an object through its lifecycle. */
const NOT_TRANSITIONS = /^(fail|number|state)\b/;

/**
 * The last transition given the previous one kept and the frame's last operation. `seq` is the
 * frame's last log sequence (boot-qualified): a kept transition newer than it (time travel back)
 * is dropped.
 */
export function nextLastTransition(kept: { last: LastOp; seq: number } | null, last: LastOp | null, seq: number, model: 'rfc-v2' | 'mainline'): { last: LastOp; seq: number } | null {
  const valid = kept && kept.seq <= seq ? kept : null;
  if (!last || !last.ok || NOT_TRANSITIONS.test(last.op)) return valid;
  if (model === 'rfc-v2' && last.from === last.to) return valid;
  if (valid && valid.last.op === last.op && valid.last.from === last.from && valid.last.to === last.to && valid.seq === seq) return valid;
  return { last, seq };
}
