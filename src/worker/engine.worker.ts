// The module Web Worker that runs the engine: the simulation never runs on the main thread.
import * as Comlink from 'comlink';
import { EngineHost } from './host';
import type { EditOp, Frame } from './protocol';

const host = new EngineHost();

/** Transfers the heatmaps instead of copying them. */
function transferFrame(f: Frame): Frame {
  return Comlink.transfer(f, f.workloads.map((w) => w.heat.buffer as ArrayBuffer));
}

const api = {
  ping: () => host.ping(),
  loadText: async (text: string, file: string) => {
    const r = await host.loadText(text, file);
    return r.ok ? Comlink.transfer(r, r.frame.workloads.map((w) => w.heat.buffer as ArrayBuffer)) : r;
  },
  resume: (text: string, file: string, snap: Parameters<EngineHost['resume']>[2]) => host.resume(text, file, snap),
  runUntil: async (t: number, logFrom: number) => transferFrame(await host.runUntil(t, logFrom)),
  step: async (logFrom: number) => transferFrame(await host.step(logFrom)),
  seek: async (t: number, logFrom: number) => transferFrame(await host.seek(t, logFrom)),
  checkpoint: () => host.checkpoint(),
  tiles: async (reqs: { source: string; level: number; index: number }[]) => {
    const tiles = await host.tiles(reqs);
    return Comlink.transfer(tiles, tiles.map((t) => t.buffer as ArrayBuffer));
  },
  mapPoint: (offset: number) => host.mapPoint(offset),
  describeMachine: (text: string, file: string) => host.describeMachine(text, file),
  luoOp: async (line: string, logFrom: number) => {
    const r = await host.luoOp(line, logFrom);
    return r.ok && r.load.ok ? Comlink.transfer(r, r.load.frame.workloads.map((w) => w.heat.buffer as ArrayBuffer)) : r;
  },
  luoPreview: (line: string) => host.luoPreview(line),
  importFiles: (files: { name: string; text: string }[], onProgress?: (f: number) => void) => host.importFiles(files, onProgress),
  setLuoFocus: async (session: string | null, logFrom: number) => transferFrame(await host.setLuoFocus(session, logFrom)),
  editMachine: async (op: EditOp) => {
    const r = await host.editMachine(op);
    return r.ok ? Comlink.transfer(r, r.load.ok ? r.load.frame.workloads.map((w) => w.heat.buffer as ArrayBuffer) : []) : r;
  },
};

Comlink.expose(api);
