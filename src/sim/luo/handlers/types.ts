// A file handler, written once and called by both models. Mainline calls preserve() at
// PRESERVE_FD and unpreserve() when the session closes; RFC v2 calls the same work prepare() and
// cancel() (the memfd handler of LUO v1, patch 28/32, had exactly that shape).
import type { ErrnoName } from '../errno';
import type { FileKind, LuoSystem, SimFile } from '../types';

export type HandlerResult<T> = { ok: true; value: T } | { ok: false; errno: ErrnoName; why: string };

export interface HandlerDef {
  /** Compatible string written into the serialized file entry. */
  compatible: string;
  /** Shown in the UI; proposed handlers are not in any released kernel. */
  proposed: boolean;
  note: string;
  kinds: FileKind[];
  /** Mainline callbacks this handler implements (optional ones may be missing). */
  ops: string[];
  canPreserve(sys: LuoSystem, f: SimFile): boolean;
  /** The heavy work; returns the handler data (a record address). */
  preserve(sys: LuoSystem, f: SimFile, owner: string): HandlerResult<number>;
  unpreserve(sys: LuoSystem, f: SimFile, data: number): void;
  freeze(sys: LuoSystem, f: SimFile, data: number): ErrnoName | null;
  /** Builds the file in the new kernel from the handler data. */
  retrieve(sys: LuoSystem, data: number, owner: string): HandlerResult<SimFile>;
  canFinish?(sys: LuoSystem, retrieved: boolean): boolean;
  /** Cleanup in the new kernel; frees what was never retrieved. */
  finish(sys: LuoSystem, data: number, retrieved: boolean): void;
}
