// The model's simplifications that apply here, each as a "Model note".
import type { LuoFrame } from '../../worker/protocol';
import { SimplificationNote } from '../Panel';
import { notesFor, type NotePlace } from './modelNotes';

export function ModelNotes({ luo, place }: { luo: Pick<LuoFrame, 'model' | 'kernel'>; place: NotePlace }) {
  const notes = notesFor(place, luo.model, luo.kernel);
  return (
    <>
      {notes.map((n) => (
        <SimplificationNote key={n}>{n}</SimplificationNote>
      ))}
    </>
  );
}
