// The blackout timeline of one live update. Heavy work happens at PRESERVE time, before the
// blackout; the blackout runs from freeze to the end of retrieve (the workload resumes once its
// memory is back). No LUO/KHO timing has been published (reference §4), so every duration below
// is a labelled parameter scaling with what is preserved; REFERENCE_FIGURES are shown beside it.
import { REFERENCE_FIGURES, type ReferenceFigure } from './reference';

export type PhaseId = 'preserve' | 'freeze' | 'serialize' | 'kexec' | 'scratch-boot' | 'boot' | 'deserialize' | 'retrieve' | 'finish';

export interface BlackoutParam {
  label: string;
  ns: number;
  /** What the duration is multiplied by. */
  per: 'fixed' | 'session' | 'file' | 'folio' | 'hole page' | 'preserved block' | 'tracker bitmap';
}

/** Parameters, not measurements: each is an order-of-magnitude guess the user can change. */
export const BLACKOUT_PARAMS = {
  preservePerFile: { label: 'PRESERVE_FD fixed cost per file', ns: 20_000, per: 'file' },
  preservePerFolio: { label: 'pin + kho_preserve_folio + 16-byte record per folio', ns: 200, per: 'folio' },
  preservePerHolePage: { label: 'allocate and zero one page for a hole', ns: 1_000, per: 'hole page' },
  freezePerFile: { label: 'freeze() per file (memfd: refresh pos)', ns: 1_000, per: 'file' },
  serializePerSession: { label: 'write one luo_session_ser', ns: 500, per: 'session' },
  serializePerFile: { label: 'write one luo_file_ser', ns: 300, per: 'file' },
  finalizePerBitmap: { label: 'kho_finalize: one chunk entry per tracker bitmap (6.16/6.19; 0 for radix)', ns: 200, per: 'tracker bitmap' },
  kexecJump: { label: 'machine_shutdown, purgatory and jump', ns: 150_000_000, per: 'fixed' },
  scratchBoot: { label: 'early boot in scratch until the page allocator is up', ns: 300_000_000, per: 'fixed' },
  khoMemoryInitPerBlock: { label: 'kho_memory_init: reserve one preserved block', ns: 30, per: 'preserved block' },
  bootToUserspace: { label: 'rest of boot until luod opens /dev/liveupdate', ns: 700_000_000, per: 'fixed' },
  deserializePerSession: { label: 'deserialize one session', ns: 2_000, per: 'session' },
  deserializePerFile: { label: 'deserialize one file entry', ns: 1_000, per: 'file' },
  retrievePerFile: { label: 'RETRIEVE_FD fixed cost per file', ns: 10_000, per: 'file' },
  retrievePerFolio: { label: 'kho_restore_folio + memcg charge + page cache insert per folio', ns: 300, per: 'folio' },
  finishPerFile: { label: 'FINISH per file', ns: 5_000, per: 'file' },
} satisfies Record<string, BlackoutParam>;

export type BlackoutParams = Record<keyof typeof BLACKOUT_PARAMS, BlackoutParam>;

export interface BlackoutInput {
  sessions: number;
  files: number;
  /** Folios preserved (after hole filling). */
  folios: number;
  /** Pages allocated for holes at preserve time. */
  holePages: number;
  /** Blocks in the preserved set (what kho_memory_init walks). */
  preservedBlocks: number;
  /** Bitmaps of the 6.16/6.19 tracker (0 with the radix tree). */
  trackerBitmaps: number;
}

export interface Phase {
  id: PhaseId;
  label: string;
  startNs: number;
  durationNs: number;
  inBlackout: boolean;
  /** The terms that make up the duration, for the tooltip. */
  terms: { param: string; count: number; ns: number }[];
}

export interface BlackoutTimeline {
  phases: Phase[];
  blackout: { startNs: number; endNs: number; durationNs: number };
  totalNs: number;
  note: string;
  references: ReferenceFigure[];
}

const LABELS: Record<PhaseId, string> = {
  preserve: 'preserve (before the blackout)',
  freeze: 'freeze',
  serialize: 'serialize',
  kexec: 'kexec',
  'scratch-boot': 'scratch-only early boot',
  boot: 'boot to luod',
  deserialize: 'deserialize',
  retrieve: 'retrieve',
  finish: 'finish (after the workload resumed)',
};

export function blackoutTimeline(input: BlackoutInput, params: BlackoutParams = BLACKOUT_PARAMS): BlackoutTimeline {
  const t = (param: keyof BlackoutParams, count: number) => ({ param, count, ns: params[param].ns * count });
  const spec: [PhaseId, boolean, ReturnType<typeof t>[]][] = [
    ['preserve', false, [t('preservePerFile', input.files), t('preservePerFolio', input.folios), t('preservePerHolePage', input.holePages)]],
    ['freeze', true, [t('freezePerFile', input.files)]],
    ['serialize', true, [t('serializePerSession', input.sessions), t('serializePerFile', input.files), t('finalizePerBitmap', input.trackerBitmaps)]],
    ['kexec', true, [t('kexecJump', 1)]],
    ['scratch-boot', true, [t('scratchBoot', 1), t('khoMemoryInitPerBlock', input.preservedBlocks)]],
    ['boot', true, [t('bootToUserspace', 1)]],
    ['deserialize', true, [t('deserializePerSession', input.sessions), t('deserializePerFile', input.files)]],
    ['retrieve', true, [t('retrievePerFile', input.files), t('retrievePerFolio', input.folios)]],
    ['finish', false, [t('finishPerFile', input.files)]],
  ];
  let now = 0;
  const phases: Phase[] = spec.map(([id, inBlackout, terms]) => {
    const durationNs = terms.reduce((s, x) => s + x.ns, 0);
    const p: Phase = { id, label: LABELS[id], startNs: now, durationNs, inBlackout, terms };
    now += durationNs;
    return p;
  });
  const inB = phases.filter((p) => p.inBlackout);
  const startNs = inB[0].startNs;
  const endNs = inB[inB.length - 1].startNs + inB[inB.length - 1].durationNs;
  return {
    phases,
    blackout: { startNs, endNs, durationNs: endNs - startNs },
    totalNs: now,
    note: 'Every duration is a labelled parameter: no LUO/KHO blackout or kexec time has been published. The published figures listed are for related techniques, for context.',
    references: REFERENCE_FIGURES,
  };
}
