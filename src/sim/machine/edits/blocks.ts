// Online/offline memory blocks of boot RAM and move them between zones; dax devices are onlined
// or offlined whole (daxctl online-memory / offline-memory), with their zone from --no-movable.
import { RULES, violation } from '../rules';
import type { Machine, MachineRange, ZoneName } from '../schema';
import { clone, commit, findIndex, refuse, type EditResult } from './result';

const BOOT_ZONES: ZoneName[] = ['DMA', 'DMA32', 'Normal', 'Movable', 'ExMem'];

/**
 * Sets `count` blocks starting at block-aligned `start` to online in `zone`, or offline.
 * Refused: unaligned ranges, ranges not all boot System RAM, ZONE_DEVICE, or moving an online
 * block to another zone without offlining it first.
 */
export function setBlocks(m: Machine, start: number, count: number, state: { online: boolean; zone?: ZoneName }): EditResult {
  const bs = m.memoryBlockBytes;
  const end = start + count * bs;
  if (start % bs !== 0 || count <= 0) return refuse(RULES.blockAlign.id, `${RULES.blockAlign.text}: 0x${start.toString(16)} x ${count}`, '$.ranges');
  if (state.zone && !BOOT_ZONES.includes(state.zone)) {
    const v = violation('zoneKinds', `cannot online into ${state.zone}`, '$.ranges');
    return refuse(v.rule, v.message, v.path);
  }
  const touched = m.ranges.map((r, i) => ({ r, i })).filter(({ r }) => r.start < end && r.start + r.size > start);
  const covered = touched.filter(({ r }) => r.type === 'system-ram').reduce((a, { r }) => a + Math.min(end, r.start + r.size) - Math.max(start, r.start), 0);
  if (covered !== end - start || touched.some(({ r }) => r.type !== 'system-ram'))
    return refuse('block.system-ram', 'blocks can be onlined or offlined only where boot System RAM is (dax System RAM goes through daxctl)', '$.ranges');
  for (const { r, i } of touched) {
    const zone = state.zone ?? r.zone;
    if (r.online && state.online && zone !== r.zone) {
      const v = violation('zoneOnlineMovable', `${r.id} is online in ${r.zone ?? 'its zone'}; offline it before onlining into ${zone}`, `$.ranges[${i}].zone`);
      return refuse(v.rule, v.message, v.path);
    }
  }
  const next = clone(m);
  const pieces: MachineRange[] = [];
  for (const r of next.ranges) {
    const rEnd = r.start + r.size;
    if (r.type !== 'system-ram' || rEnd <= start || r.start >= end) {
      pieces.push(r);
      continue;
    }
    const lo = Math.max(start, r.start);
    const hi = Math.min(end, rEnd);
    if (r.start < lo) pieces.push({ ...r, size: lo - r.start });
    pieces.push({ ...r, id: r.start < lo ? `${r.id}@0x${lo.toString(16)}` : r.id, start: lo, size: hi - lo, online: state.online, zone: state.zone ?? r.zone });
    if (hi < rEnd) pieces.push({ ...r, id: `${r.id}@0x${hi.toString(16)}`, start: hi, size: rEnd - hi });
  }
  next.ranges = pieces;
  const result = commit(m, next);
  if (result.ok && !state.online && touched.some(({ r }) => r.zone !== 'Movable'))
    result.warnings.push(violation('onlyMovableRemovable', 'offlining blocks outside ZONE_MOVABLE may fail with -EBUSY (unmovable pages)', '$.ranges', 'warning'));
  return result;
}

/** daxctl reconfigure-device / online-memory / offline-memory on a whole dax device. */
export function setDaxMode(m: Machine, id: string, change: { mode?: 'devdax' | 'system-ram'; movable?: boolean; online?: boolean; memmapOnMemory?: boolean }): EditResult {
  const i = findIndex(m.dax, id);
  if (i < 0) return refuse('schema', `no dax device "${id}"`, '$.dax');
  const d = m.dax![i];
  if (d.mode === 'system-ram' && d.online && change.movable !== undefined && change.movable !== d.movable && change.online !== false) {
    const v = violation('zoneOnlineMovable', `${id} is online; offline its memory before changing --no-movable`, `$.dax[${i}].movable`);
    return refuse(v.rule, v.message, v.path);
  }
  const next = clone(m);
  next.dax![i] = { ...d, ...change };
  return commit(m, next);
}
