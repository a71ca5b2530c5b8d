// Open, save and share: the page-side halves of the File commands.
import { useMemo, useRef, type ChangeEvent } from 'react';
import type { AppStoreWithTick } from '../../store/appStore';
import { encodeLink, MAX_LINK_CHARS } from '../../store/persistence/shareLink';
import { openFiles } from './ImportDrop';

export const MAX_OPEN_BYTES = 16 * 2 ** 20;

export function useFileActions(store: AppStoreWithTick) {
  const inputRef = useRef<HTMLInputElement>(null);
  const importRef = useRef<HTMLInputElement>(null);
  return useMemo(
    () => ({
      inputRef,
      importRef,
      importFiles: () => importRef.current?.click(),
      onImportChange: async (e: ChangeEvent<HTMLInputElement>) => {
        const files = [...(e.target.files ?? [])];
        e.target.value = '';
        await openFiles(store, files);
      },
      openFile: () => inputRef.current?.click(),
      onInputChange: async (e: ChangeEvent<HTMLInputElement>) => {
        const file = e.target.files?.[0];
        e.target.value = '';
        if (file) await openDroppedFile(store, file);
      },
      saveFile: () => {
        const s = store.getState();
        const blob = new Blob([s.scenarioText], { type: 'application/json' });
        const a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        a.download = (s.scenario?.name ?? 'scenario').replace(/[^\w.-]+/g, '-').toLowerCase() + '.json';
        a.click();
        setTimeout(() => URL.revokeObjectURL(a.href), 1000);
      },
      copyLink: async () => {
        const s = store.getState();
        const hash = await encodeLink({ scenarioText: s.scenarioText, timeNs: s.frame?.timeNs ?? 0, view: s.activeView, selection: s.selection });
        if (hash.length > MAX_LINK_CHARS) {
          s.notify({ tone: 'error', title: 'This scenario is too large for a link', lines: [`${hash.length} characters; the limit is ${MAX_LINK_CHARS}. Save it to a file instead.`] });
          return;
        }
        const url = `${location.origin}${location.pathname}#${hash}`;
        history.replaceState(null, '', `#${hash}`);
        try {
          await navigator.clipboard.writeText(url);
          s.notify({ tone: 'info', title: 'Link copied', lines: ['It reopens this scenario at this moment, in this view, with this selection.'] });
        } catch {
          s.notify({ tone: 'info', title: 'Link ready in the address bar', lines: ['The clipboard is not available here; copy the address bar.'] });
        }
      },
    }),
    [store],
  );
}

export async function openDroppedFile(store: AppStoreWithTick, file: File): Promise<void> {
  if (file.size > MAX_OPEN_BYTES) {
    store.getState().notify({ tone: 'error', title: `Could not open ${file.name}`, lines: [`${file.size} bytes; the limit for a scenario file is ${MAX_OPEN_BYTES} bytes (16 MiB)`] });
    return;
  }
  await store.getState().openText(await file.text(), file.name, 'file');
}
