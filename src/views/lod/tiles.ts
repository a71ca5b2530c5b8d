// Tiles of one lane at one level: fetched from the worker once, kept in a small LRU cache.
import { TILE_PX } from './viewport';

export interface TileKey {
  source: string;
  /** Bumps when the data behind the source changes (a new frame, an edit). */
  version: number;
  level: number;
  index: number;
}

export type TileFetcher = (key: TileKey) => Promise<Uint32Array>;

export class TileCache {
  private tiles = new Map<string, Uint32Array>();
  private pending = new Map<string, Promise<Uint32Array>>();

  constructor(private readonly capacity = 512) {}

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

  /** Starts fetching a missing tile; resolves when it is in the cache. */
  load(k: TileKey, fetch: TileFetcher): Promise<Uint32Array> {
    const id = TileCache.id(k);
    const have = this.tiles.get(id);
    if (have) return Promise.resolve(have);
    let p = this.pending.get(id);
    if (!p) {
      p = fetch(k).then((data) => {
        if (data.length !== TILE_PX) throw new Error(`tile ${id} has ${data.length} pixels, expected ${TILE_PX}`);
        this.pending.delete(id);
        this.tiles.set(id, data);
        while (this.tiles.size > this.capacity) this.tiles.delete(this.tiles.keys().next().value!);
        return data;
      });
      p.catch(() => this.pending.delete(id));
      this.pending.set(id, p);
    }
    return p;
  }

  clear(): void {
    this.tiles.clear();
    this.pending.clear();
  }
}
