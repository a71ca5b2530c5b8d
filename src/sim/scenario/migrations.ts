// Scenario files saved by older versions open through these steps, oldest first.
// @0 was the pre-release draft: `actions` with `time` instead of `script` with `at`.
export const MIGRATIONS: Record<string, { to: string; migrate(doc: Record<string, unknown>): Record<string, unknown> }> = {
  'handover-lab/scenario@0': {
    to: 'handover-lab/scenario@1',
    migrate(doc) {
      const { actions, ...rest } = doc;
      const script = Array.isArray(actions)
        ? actions.map((a) => {
            if (a === null || typeof a !== 'object') return a;
            const { time, ...r } = a as Record<string, unknown>;
            return time === undefined ? r : { at: time, ...r };
          })
        : actions;
      return { ...rest, schema: 'handover-lab/scenario@1', ...(script === undefined ? {} : { script }) };
    },
  },
};

/** Applies migrations until the document is at the current version; returns the versions it passed. */
export function migrate(doc: Record<string, unknown>): { doc: Record<string, unknown>; from: string[] } {
  const from: string[] = [];
  let d = doc;
  for (let guard = 0; guard < 16; guard++) {
    const m = typeof d.schema === 'string' ? MIGRATIONS[d.schema] : undefined;
    if (!m) break;
    from.push(d.schema as string);
    d = m.migrate(d);
  }
  return { doc: d, from };
}
