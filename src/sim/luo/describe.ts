// Static state graphs and a compact view of a live system, for the graph and handler views.
import { HANDLERS } from './handlers/index';
import type { LuoSystem, MlSessionStatus } from './types';

export interface Transition {
  from: string;
  event: string;
  to: string;
  /** Where the work happens, for the edge tooltip. */
  note: string;
}

/** RFC v2 global state machine (reference §1.1). */
export const RFC_TRANSITIONS: Transition[] = [
  { from: 'normal', event: 'prepare', to: 'prepared', note: 'KHO finalize; file prepare() in token order, then subsystem prepare() in registration order' },
  { from: 'prepared', event: 'freeze', to: 'frozen', note: 'file freeze(), then subsystem freeze(); also done by reboot(KEXEC) in PREPARED' },
  { from: 'prepared', event: 'cancel', to: 'normal', note: 'cancel() on every file and subsystem, LUO FDT destroyed, kho_abort' },
  { from: 'frozen', event: 'cancel', to: 'normal', note: 'cancel from FROZEN is legal' },
  { from: 'frozen', event: 'kexec', to: 'updated', note: 'the next kernel starts UPDATED when KHO carries the "LUO" subtree' },
  { from: 'updated', event: 'finish', to: 'normal', note: 'file finish(data, reclaimed), then subsystem finish()' },
];

/** Implicit object lifecycles of the mainline model (reference §2.1; state names are the simulator's). */
export const MAINLINE_LIFECYCLES: Record<string, Transition[]> = {
  device: [
    { from: 'closed', event: 'open', to: 'open', note: 'exclusive (-EBUSY); the first open deserializes incoming sessions' },
    { from: 'open', event: 'close-dev', to: 'closed', note: 'sessions survive closing /dev/liveupdate' },
  ],
  outgoingSession: [
    { from: '-', event: 'create', to: 'active', note: 'CREATE_SESSION; the session lives as long as its descriptor' },
    { from: 'active', event: 'close', to: '-', note: 'every file unpreserve()d' },
    { from: 'active', event: 'kexec', to: 'frozen', note: 'every file freeze()d in order; any failure unfreezes all' },
  ],
  outgoingFile: [
    { from: '-', event: 'preserve', to: 'preserved', note: 'PRESERVE_FD: preserve() does the heavy work now' },
    { from: 'preserved', event: 'kexec', to: 'frozen', note: 'freeze()' },
    { from: 'frozen', event: 'kexec failed', to: 'preserved', note: 'unfreeze()' },
  ],
  incomingSession: [
    { from: '-', event: 'open', to: 'deserialized', note: 'at the first open of /dev/liveupdate' },
    { from: 'deserialized', event: 'retrieve', to: 'retrieved', note: 'RETRIEVE_SESSION (a second one: -EINVAL)' },
    { from: 'retrieved', event: 'finish', to: 'finished', note: 'can_finish() on all, then finish() last first' },
    { from: 'retrieved', event: 'close', to: '-', note: 'implicit finish; if it fails the session leaks until the next update' },
  ],
  incomingFile: [
    { from: 'deserialized', event: 'retrieve-fd', to: 'retrieved', note: 'retrieve() once; again returns the same file' },
    { from: 'retrieved', event: 'finish', to: '-', note: 'finish(), fput' },
    { from: 'deserialized', event: 'finish', to: '-', note: 'finish() frees what was never retrieved' },
  ],
};

export interface MainlineView {
  device: { open: boolean; deserialized: boolean; error: string | null };
  liveupdateNumber: number;
  counts: { outgoing: number; incoming: number; byStatus: Partial<Record<MlSessionStatus, number>>; files: number };
  sessions: { id: number; name: string; dir: 'outgoing' | 'incoming'; status: MlSessionStatus; fdOpen: boolean; files: { token: number; handler: string; state: string }[] }[];
}

/** Compact mainline view; `limit` caps the session list (group and virtualize in the UI). */
export function mainlineView(sys: LuoSystem, limit = Infinity): MainlineView {
  const m = sys.ml!;
  const all = [...m.outgoing, ...m.incoming];
  const byStatus: MainlineView['counts']['byStatus'] = {};
  let files = 0;
  for (const s of all) {
    byStatus[s.status] = (byStatus[s.status] ?? 0) + 1;
    files += s.files.length;
  }
  return {
    device: { open: m.deviceOpen, deserialized: m.deserialized, error: m.deserializeErr },
    liveupdateNumber: m.liveupdateNum,
    counts: { outgoing: m.outgoing.length, incoming: m.incoming.length, byStatus, files },
    sessions: all.slice(0, limit).map((s) => ({
      id: s.id,
      name: s.name,
      dir: s.dir,
      status: s.status,
      fdOpen: s.fdOpen,
      files: s.files.map((f) => ({
        token: f.token,
        handler: f.handler,
        state: s.dir === 'outgoing' ? (f.frozen ? 'frozen' : 'preserved') : f.retrieveStatus > 0 ? 'retrieved' : f.retrieveStatus < 0 ? 'retrieve-failed' : 'deserialized',
      })),
    })),
  };
}

/** The handlers of this system, with their notes (proposed ones marked). */
export function handlerList(sys: LuoSystem): { compatible: string; proposed: boolean; note: string; callbacks: string[] }[] {
  return sys.handlers.map((c) => ({ compatible: c, proposed: HANDLERS[c].proposed, note: HANDLERS[c].note, callbacks: HANDLERS[c].ops }));
}

/** Simplifications the UI shows next to the model (also in docs/live-update.md). */
export const MODEL_NOTES: string[] = [
  'RFC v2 had no memfd handler; the simulator uses the memfd handler posted with LUO v1 (same callback shape) and the mainline memfd record layout.',
  'register/unregister in RFC v2 go through the selftest driver (16 slots): unregistering an unknown name gives -EINVAL there, before LUO\'s own -ENOENT.',
  '6.19 has no ioctl typing: PRESERVE_FD on a retrieved session, or RETRIEVE_FD/FINISH on an outgoing one, is undefined there; the simulator refuses them with -EINVAL as later kernels do.',
  'Page contents are a seeded hash per page; only preserved extents cross the kexec, everything else is lost.',
  'Memory outside the scratch regions is handed out by a simplified allocator; scratch sizes come from labelled reservation parameters.',
  'Tracker sizes leave out xarray node overhead (6.16/6.19).',
  'Blackout durations are labelled parameters: no LUO/KHO timing has been published.',
];
