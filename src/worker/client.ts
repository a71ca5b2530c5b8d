// The app's side of the engine worker: typed calls, a heartbeat, and a restart from the last
// checkpoint when the worker dies (crash, out of memory, or terminated), so no state is lost.
import * as Comlink from 'comlink';
import type { EngineApi, Snapshot } from './protocol';

export interface EngineClientEvents {
  /** The worker stopped answering and was restarted; `resumedAt` is the virtual time restored. */
  onRestart(info: { reason: string; resumedAt: number | null }): void;
}

const HEARTBEAT_MS = 1000;
const HEARTBEAT_TIMEOUT_MS = 2500;

export class EngineClient {
  private worker!: Worker;
  /** Every EngineApi method already returns a Promise, so the comlink proxy has the same type. */
  private api!: EngineApi;
  private generation = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private source: { text: string; file: string } | null = null;
  private checkpointSnap: Snapshot | null = null;
  private restarting: Promise<void> | null = null;

  constructor(private readonly events: EngineClientEvents) {
    this.spawn();
    this.timer = setInterval(() => void this.heartbeat(), HEARTBEAT_MS);
  }

  /** Calls the worker; if it has died meanwhile, waits for the restart and calls again once. */
  async call<T>(fn: (api: EngineApi) => Promise<T>): Promise<T> {
    if (this.restarting) await this.restarting;
    const gen = this.generation;
    try {
      return await fn(this.api);
    } catch (e) {
      if (gen !== this.generation) return fn(this.api);
      throw e;
    }
  }

  /** Remembers what to reload after a crash. */
  setSource(text: string, file: string): void {
    this.source = { text, file };
    this.checkpointSnap = null;
  }

  async checkpoint(): Promise<void> {
    this.checkpointSnap = await this.call((api) => api.checkpoint());
  }

  /** For tests and the "simulate a crash" command: kills the worker without telling anyone. */
  killWorker(): void {
    this.worker.terminate();
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.worker.terminate();
  }

  private spawn(): void {
    this.worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'handover-engine' });
    this.worker.addEventListener('error', (e) => void this.restart(`worker error: ${e.message || 'unknown'}`));
    this.api = Comlink.wrap<EngineApi>(this.worker) as unknown as EngineApi;
    this.generation++;
  }

  private async heartbeat(): Promise<void> {
    if (this.restarting) return;
    const ok = await Promise.race([
      this.api.ping().then(() => true, () => false),
      new Promise<boolean>((r) => setTimeout(() => r(false), HEARTBEAT_TIMEOUT_MS)),
    ]);
    if (!ok) await this.restart('the simulation worker stopped answering');
  }

  private restart(reason: string): Promise<void> {
    if (this.restarting) return this.restarting;
    this.restarting = (async () => {
      this.worker.terminate();
      this.spawn();
      let resumedAt: number | null = null;
      if (this.source) {
        const r = this.checkpointSnap
          ? await this.api.resume(this.source.text, this.source.file, this.checkpointSnap)
          : await this.api.loadText(this.source.text, this.source.file);
        if (r.ok) resumedAt = r.frame.timeNs;
      }
      this.restarting = null;
      this.events.onRestart({ reason, resumedAt });
    })();
    return this.restarting;
  }
}

/** Wraps a progress callback so it can be called from the worker. */
export function progressCallback(fn: (fraction: number) => void): (fraction: number) => void {
  return Comlink.proxy(fn);
}
