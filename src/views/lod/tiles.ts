// Tiles of one lane at one level: fetched from the worker once, kept in a small LRU cache.
import { TILE_PX } from './viewport';

export interface TileKey {
  source: string;
  /** Bumps when the data behind the source changes (a new frame, an edit). */
  version: number;
  level: number;
  index: number;
}

/** Fetches many tiles in one worker round trip (one message per frame, not per tile). */
export type TileFetcher = (keys: TileKey[]) => Promise<Uint32Array[]>;

export class TileCache {
  private tiles = new Map<string, Uint32Array>();
  /** The newest version of each tile, drawn while the current version is on its way. */
  private latest = new Map<string, { version: number; data: Uint32Array }>();
  private pending = new Map<string, Promise<Uint32Array>>();

  constructor(private readonly capacity = 4096) {}

  static id(k: TileKey): string {
    return `${k.source}|${k.version}|${k.level}|${k.index}`;
  }

  get(k: TileKey): Uint32Array | undefined {
    const id = TileCache.id(k);
    const t = this.tiles.get(id);
    if (t) {
      // Map keeps insertion order: re-inserting marks it most recently used.
      this.tiles.delete(id);
      this.tiles.set(id, t);
    }
    return t;
  }

  /** The newest cached version of this tile (any version), for drawing while a newer one loads. */
  stale(k: TileKey): Uint32Array | undefined {
    return this.latest.get(`${k.source}|${k.level}|${k.index}`)?.data;
  }

  has(k: TileKey): boolean {
    const id = TileCache.id(k);
    return this.tiles.has(id) || this.pending.has(id);
  }

  /** Fetches the tiles not cached or pending, in one batch; resolves when they are cached. */
  loadMany(keys: TileKey[], fetch: TileFetcher): Promise<void> {
    const todo = keys.filter((k) => !this.has(k));
    if (!todo.length) return Promise.resolve();
    const batch = fetch(todo).then((tiles) => {
      todo.forEach((k, i) => {
        const id = TileCache.id(k);
        this.pending.delete(id);
        const data = tiles[i];
        if (!data || data.length !== TILE_PX) return;
        this.tiles.set(id, data);
        const lid = `${k.source}|${k.level}|${k.index}`;
        const prev = this.latest.get(lid);
        if (!prev || prev.version <= k.version) this.latest.set(lid, { version: k.version, data });
      });
      while (this.tiles.size > this.capacity) this.tiles.delete(this.tiles.keys().next().value!);
      while (this.latest.size > this.capacity) this.latest.delete(this.latest.keys().next().value!);
    });
    batch.catch(() => todo.forEach((k) => this.pending.delete(TileCache.id(k))));
    for (const k of todo) this.pending.set(TileCache.id(k), batch.then(() => this.tiles.get(TileCache.id(k))!));
    return batch;
  }

  clear(): void {
    this.tiles.clear();
    this.latest.clear();
    this.pending.clear();
  }
}
