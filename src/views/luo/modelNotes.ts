// Which of the model's simplifications (MODEL_NOTES) apply to which part of the LUO views.
import { MODEL_NOTES } from '../../sim/luo/describe';
import type { LuoModel, KernelLine } from '../../sim/luo/types';

export type NotePlace = 'graph' | 'handlers' | 'kho' | 'blackout';

/** A note applies where its words say: matched on its text, so a reworded note still finds its place. */
const RULES: { test: RegExp; places: NotePlace[]; when?: (model: LuoModel, kernel: KernelLine) => boolean }[] = [
  { test: /RFC v2 had no memfd handler/, places: ['graph', 'handlers'], when: (m) => m === 'rfc-v2' },
  { test: /register\/unregister in RFC v2/, places: ['graph'], when: (m) => m === 'rfc-v2' },
  { test: /6\.19 has no ioctl typing/, places: ['graph'], when: (m, k) => m === 'mainline' && k === '6.19' },
  { test: /Page contents are a seeded hash/, places: ['graph', 'kho'] },
  { test: /simplified allocator/, places: ['kho'] },
  { test: /Tracker sizes/, places: ['kho'] },
  { test: /Blackout durations/, places: ['blackout'] },
];

export function notesFor(place: NotePlace, model: LuoModel, kernel: KernelLine, notes: string[] = MODEL_NOTES): string[] {
  return notes.filter((n) => RULES.some((r) => r.test.test(n) && r.places.includes(place) && (!r.when || r.when(model, kernel))));
}

/** Notes no rule places (a test keeps this empty, so every note is shown somewhere). */
export function unplacedNotes(notes: string[] = MODEL_NOTES): string[] {
  return notes.filter((n) => !RULES.some((r) => r.test.test(n)));
}
