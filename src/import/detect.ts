// Automatic format detection from the first part of the text (and the file name as a tie-breaker).
// JSON formats are told apart by their keys; text formats by their characteristic lines.
import type { ImportFormat } from './formats';

export interface Detection {
  format: ImportFormat;
  /** Why: the key or line that decided it (shown when the guess is surprising). */
  reason: string;
}

const HEAD = 64 * 1024;

/** Member names in the first part of a JSON text (linear scan, no parsing). */
function jsonKeys(head: string): Set<string> {
  const keys = new Set<string>();
  const re = /"([A-Za-z_][A-Za-z0-9_.:-]{0,40})"\s*:/g;
  for (let m = re.exec(head); m && keys.size < 500; m = re.exec(head)) keys.add(m[1].split(':')[0]);
  return keys;
}

function detectJson(head: string): Detection | undefined {
  const k = jsonKeys(head);
  const has = (...names: string[]) => names.some((n) => k.has(n));
  if (has('memory') && has('range', 'block')) return { format: 'lsmem', reason: 'lsmem -J "memory" rows' };
  if (/"dev"\s*:\s*"(namespace|region|nmem|ndbus)\d/.test(head) || /"signature"\s*:\s*"NVDIMM_/.test(head) || has('dataoff', 'nslot', 'iset_id', 'blockdev', 'persistence_domain'))
    return { format: 'ndctl', reason: 'ndctl object names (namespaceX.Y, regionX, nmemX) or info block fields' };
  if (has('memdev', 'decoder', 'endpoint', 'interleave_ways', 'memdevs', 'decode_state', 'ram_size', 'pmem_size', 'bus', 'port'))
    return { format: 'cxl', reason: 'cxl list fields (memdev, region, decoder, interleave_ways)' };
  if (has('chardev', 'target_node', 'online_memblocks') || (has('path') && has('devices', 'id')))
    return { format: 'daxctl', reason: 'daxctl fields (chardev, target_node)' };
  return undefined;
}

/** Guesses the format; undefined when nothing matches. */
export function detectFormat(text: string, fileName = ''): Detection | undefined {
  const head = text.slice(0, HEAD);
  const start = head.trimStart();
  const lower = fileName.toLowerCase();
  if (start.startsWith('<?xml') || start.startsWith('<topology') || start.startsWith('<!DOCTYPE topology')) return { format: 'hwloc', reason: 'XML topology' };
  if (start.startsWith('{') || start.startsWith('[')) return detectJson(head);
  // JSON after a command line ("# ndctl list", "$ cxl list")
  if (/^[#$][^\n]{0,200}\n\s*[[{]/.test(start)) return detectJson(head);
  if (/^(Machine|Package|NUMANode|Group)[ (\[]/m.test(head) && / L#\d/.test(head)) return { format: 'hwloc', reason: 'lstopo object lines (L#)' };
  if (/^Node \d{1,5}, zone +\w+/m.test(head)) {
    const zoneinfo = /^Node \d{1,5}, zone +\w+[ \t]*$/m.test(head) || /\b(spanned|present|managed|pages free)\b/.test(head);
    return zoneinfo ? { format: 'zoneinfo', reason: '"Node N, zone NAME" with page counters' } : { format: 'buddyinfo', reason: '"Node N, zone NAME" followed by free block counts' };
  }
  if (/^Node \d{1,5} [A-Za-z_()]{1,40}: /m.test(head) || /^\/sys\/devices\/system\/(node|memory)\//m.test(head)) return { format: 'node-meminfo', reason: '"Node N Key:" lines or /sys/devices/system/node paths' };
  if (/^available: \d+ nodes|^node \d{1,5} (cpus|size|free):|^node distances:/m.test(head)) return { format: 'numactl', reason: 'numactl --hardware lines' };
  if (/^[ \t]*RANGE[ \t]|^Memory block size:|RANGE="0x/m.test(head)) return { format: 'lsmem', reason: 'lsmem header or summary' };
  if (/^MemTotal:\s+\d+ kB/m.test(head)) return { format: 'meminfo', reason: '/proc/meminfo MemTotal line' };
  if (/^[ \t]*[0-9a-fA-F]{1,16}-[0-9a-fA-F]{1,16} : \S/m.test(head)) return { format: 'iomem', reason: '"start-end : name" lines' };
  if (/^(dax\d+\.\d+: |libdaxctl: |onlined memory for |reconfigured \d+ device)/m.test(head)) return { format: 'daxctl', reason: 'daxctl messages' };
  if (lower.endsWith('.xml')) return { format: 'hwloc', reason: 'file name ends in .xml' };
  return undefined;
}
