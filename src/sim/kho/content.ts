// Page contents are not stored: a data page's content is a 32-bit hash of (seed, page index), so a
// 1 TiB file costs nothing. What crosses a kexec is only what sits in preserved extents.
import type { Content } from './types';

export function mix32(x: number): number {
  let h = x | 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Content hash of one data page. Never 0, so a zero page is distinguishable. */
export function pageHash(seed: number, index: number): number {
  return mix32(seed ^ mix32(index + 0x9e3779b9)) || 1;
}

/** Hash of page `offset` within an extent holding `content`. */
export function contentPageHash(content: Content, offset: number): number {
  switch (content.t) {
    case 'data':
      return pageHash(content.seed, content.index + offset);
    case 'zero':
      return 0;
    case 'garbage':
      return mix32(0xdeadbeef ^ offset) || 2;
    case 'rec':
      return mix32(0x5eed ^ offset) || 3;
  }
}

/** FNV-1a over 32-bit words, returned as 8 hex digits. */
export function fnv(words: number[]): string {
  let h = 0x811c9dc5;
  for (const w of words) {
    for (let i = 0; i < 4; i++) {
      h ^= (w >>> (i * 8)) & 0xff;
      h = Math.imul(h, 0x01000193);
    }
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
