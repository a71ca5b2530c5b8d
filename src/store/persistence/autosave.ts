// Autosave in localStorage: the scenario JSON as the user last had it, its schema version and
// the virtual time, so a reload, a crash or a closed tab brings it back.
export const AUTOSAVE_KEY = 'handover-lab/autosave';
export const AUTOSAVE_VERSION = 1;

export interface Autosave {
  text: string;
  file: string;
  timeNs: number;
}

export function saveAutosave(a: Autosave): void {
  try {
    localStorage.setItem(AUTOSAVE_KEY, JSON.stringify({ v: AUTOSAVE_VERSION, savedAt: Date.now(), ...a }));
  } catch {
    // Storage full or disabled (private mode): the app keeps working, it just cannot autosave.
  }
}

/** The last autosave, or null. The scenario inside is untrusted and validated when opened. */
export function loadAutosave(): Autosave | null {
  try {
    const raw = localStorage.getItem(AUTOSAVE_KEY);
    if (!raw) return null;
    const a = JSON.parse(raw) as Partial<Autosave> & { v?: number };
    if (a.v !== AUTOSAVE_VERSION || typeof a.text !== 'string' || typeof a.file !== 'string') return null;
    return { text: a.text, file: a.file, timeNs: typeof a.timeNs === 'number' && a.timeNs >= 0 ? a.timeNs : 0 };
  } catch {
    return null;
  }
}
