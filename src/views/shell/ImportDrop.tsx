import { useEffect, useRef, useState } from 'react';
import type { AppStoreWithTick } from '../../store/appStore';
import { useApp, useAppStore } from '../storeContext';

/** Files over this size are refused before they are read (the importer's own limit). */
export const MAX_IMPORT_BYTES = 64 * 2 ** 20;

/**
 * Drop tool outputs (ndctl, daxctl, cxl, numactl, lsmem, /proc, hwloc) anywhere on the app to
 * import the machine; a dropped scenario file opens as a scenario.
 */
export function ImportDrop() {
  const store = useAppStore();
  const [over, setOver] = useState(false);
  const depth = useRef(0);
  useEffect(() => {
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current++;
      setOver(true);
    };
    const leave = () => {
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setOver(false);
    };
    const dragover = (e: DragEvent) => hasFiles(e) && e.preventDefault();
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current = 0;
      setOver(false);
      void openFiles(store, [...(e.dataTransfer?.files ?? [])]);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', dragover);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', dragover);
      window.removeEventListener('drop', drop);
    };
  }, [store]);
  return over ? (
    <div className="drop-overlay" aria-hidden="true">
      <div>
        <strong>Drop to import your machine</strong>
        <p>outputs of ndctl, daxctl, cxl list, numactl --hardware, lsmem, /proc/zoneinfo, /proc/iomem, meminfo, lstopo --of xml — one file or several from the same machine</p>
      </div>
    </div>
  ) : null;
}

export function ImportProgress() {
  const p = useApp((s) => s.importProgress);
  if (p === null) return null;
  return (
    <div className="import-progress" role="progressbar" aria-label="Importing" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(p * 100)}>
      <div style={{ width: `${Math.round(p * 100)}%` }} />
      <span>Importing… {Math.round(p * 100)}%</span>
    </div>
  );
}

/** Opens dropped or chosen files: one scenario file opens as a scenario; tool outputs import. */
export async function openFiles(store: AppStoreWithTick, files: File[]): Promise<void> {
  if (!files.length) return;
  const big = files.filter((f) => f.size > MAX_IMPORT_BYTES);
  if (big.length) {
    store.getState().notify({
      tone: 'error',
      title: 'Not imported; the open machine is unchanged',
      lines: big.map((f) => `${f.name}: ${f.size} bytes; the limit for one file is 64 MiB`),
    });
    return;
  }
  const read = await Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() })));
  if (read.length === 1 && /^\s*\{[\s\S]{0,200}"schema"\s*:\s*"handover-lab\/scenario@/.test(read[0].text)) {
    await store.getState().openText(read[0].text, read[0].name, 'file');
    return;
  }
  await store.getState().importFiles(read);
}
