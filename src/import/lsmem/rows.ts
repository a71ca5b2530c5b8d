// One lsmem row (from the table, -P pairs or -J JSON) turned into a memory range. Column names are
// util-linux's (sys-utils/lsmem.c): RANGE SIZE STATE REMOVABLE BLOCK NODE ZONES CONFIGURED
// MEMMAP-ON-MEMORY; any subset in any order (-o).
import type { IssueLog } from '../errors';
import { snippet } from '../errors';
import type { MemoryRangeFact } from '../fragment';
import { MAX_NODE_ID } from '../fragment';
import type { Source } from '../provenance';
import { parseCount, parseHex } from '../text/numbers';
import { parseLetterSize } from '../text/sizes';

export const LSMEM_COLUMNS = ['RANGE', 'SIZE', 'STATE', 'REMOVABLE', 'BLOCK', 'NODE', 'ZONES', 'CONFIGURED', 'MEMMAP-ON-MEMORY'];

/** A parsed row before block-size inference: RANGE gives exact addresses; SIZE/BLOCK are fallbacks. */
export interface LsmemRow {
  src: Source;
  start?: number;
  end?: number;
  size?: { bytes: number; approx: number };
  state?: MemoryRangeFact['state'];
  removable?: boolean;
  firstBlock?: number;
  lastBlock?: number;
  node?: number;
  zones?: string[];
}

/** Reads cells keyed by upper-case column name; empty/absent cells leave fields unset. */
export function readRow(cells: Map<string, string>, src: Source, log: IssueLog): LsmemRow | undefined {
  const row: LsmemRow = { src };
  const bad = (col: string, expected: string, v: string): undefined => {
    log.skip({ line: src.line, jsonPath: src.jsonPath, message: `row ignored: bad ${col}`, expected, found: snippet(v) });
    return undefined;
  };
  const range = cells.get('RANGE');
  if (range) {
    const dash = range.indexOf('-', 1);
    const start = dash > 0 ? parseHex(range.slice(0, dash)) : undefined;
    const end = dash > 0 ? parseHex(range.slice(dash + 1)) : undefined;
    if (start === undefined || end === undefined || end < start) return bad('RANGE', '0xSTART-0xEND', range);
    row.start = start;
    row.end = end;
  }
  const size = cells.get('SIZE');
  if (size) {
    const n = parseCount(size);
    const s = n !== undefined ? { bytes: n, approx: 0 } : parseLetterSize(size);
    if (!s) return bad('SIZE', 'a size such as 128M, 2.9G or bytes', size);
    row.size = s;
  }
  const state = cells.get('STATE');
  if (state) {
    if (state === 'online' || state === 'offline') row.state = state;
    else if (state === 'on->off' || state === 'going-offline') row.state = 'going-offline';
    else if (state !== '?') return bad('STATE', 'online, offline or on->off', state);
  }
  const removable = cells.get('REMOVABLE');
  if (removable) {
    if (removable === 'yes' || removable === 'true') row.removable = true;
    else if (removable === 'no' || removable === 'false') row.removable = false;
    else return bad('REMOVABLE', 'yes or no', removable);
  }
  const block = cells.get('BLOCK');
  if (block) {
    const dash = block.indexOf('-');
    const first = parseCount(dash < 0 ? block : block.slice(0, dash));
    const last = dash < 0 ? first : parseCount(block.slice(dash + 1));
    if (first === undefined || last === undefined || last < first) return bad('BLOCK', 'a block number or N-M', block);
    row.firstBlock = first;
    row.lastBlock = last;
  }
  const node = cells.get('NODE');
  if (node) {
    const n = parseCount(node);
    if (n === undefined || n > MAX_NODE_ID) return bad('NODE', `a node id up to ${MAX_NODE_ID}`, node);
    row.node = n;
  }
  const zones = cells.get('ZONES');
  if (zones) {
    const list = zones.split('/');
    if (list.some((z) => !/^[A-Za-z][A-Za-z0-9_]{0,15}$/.test(z))) return bad('ZONES', 'zone names such as Normal or DMA32/Normal', zones);
    row.zones = list;
  }
  if (row.start === undefined && row.firstBlock === undefined) return bad('row', 'a RANGE or BLOCK column', [...cells.values()].join(' '));
  return row;
}
