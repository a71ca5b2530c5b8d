// Pieces shared by the hwloc XML and lstopo console readers: bitmaps, memory tier kinds and how
// memory attributes map to node access figures.
import type { AccessFacts, NodeFragment } from '../fragment';
import type { Source } from '../provenance';
import { inferred } from '../provenance';

/** Largest cpu/node index read from a bitmap; beyond this the bitmap is treated as malformed. */
const MAX_BIT = 1 << 16;

/**
 * hwloc bitmap text ("0x00000003", "0x00000001,0xffffffff": 32-bit words, most significant first)
 * → sorted bit numbers. Undefined when malformed, infinite ("0xf...f," prefix) or too large.
 */
export function parseBitmap(s: string): number[] | undefined {
  const t = s.trim();
  if (t === '' || t === '0x0') return [];
  if (t.startsWith('0xf...f')) return undefined;
  const words = t.split(',');
  if (words.length * 32 > MAX_BIT) return undefined;
  const out: number[] = [];
  for (let w = 0; w < words.length; w++) {
    const m = /^0x([0-9a-fA-F]{1,8})$/.exec(words[w]);
    if (!m) return undefined;
    const v = Number.parseInt(m[1], 16);
    const base = (words.length - 1 - w) * 32;
    for (let b = 0; b < 32; b++) if (v & (1 << b)) out.push(base + b);
  }
  return out.sort((a, b) => a - b);
}

/** hwloc memtier kinds bitmask → subtype name (hwloc/memattrs.c hwloc_memory_tier_type_snprintf). */
export function kindsToSubtype(kinds: number): string | undefined {
  const base: Record<number, string> = { 1: 'HBM', 2: 'DRAM', 4: 'GPUMemory', 8: 'SPM', 16: 'NVM' };
  if (kinds & 32) {
    const rest = kinds & ~32;
    return rest === 0 ? 'CXL-DRAM' : base[rest] ? `CXL-${base[rest]}` : undefined;
  }
  return base[kinds];
}

type AccessKey = keyof AccessFacts;
/** hwloc memattr names → node access fields (Bandwidth in MiB/s, Latency in ns: include/hwloc/memattrs.h). */
const MEMATTR_FIELDS: Record<string, { fields: AccessKey[]; both?: true }> = {
  Bandwidth: { fields: ['readBandwidthMiBps', 'writeBandwidthMiBps'], both: true },
  ReadBandwidth: { fields: ['readBandwidthMiBps'] },
  WriteBandwidth: { fields: ['writeBandwidthMiBps'] },
  Latency: { fields: ['readLatencyNs', 'writeLatencyNs'], both: true },
  ReadLatency: { fields: ['readLatencyNs'] },
  WriteLatency: { fields: ['writeLatencyNs'] },
};

export function isAccessMemattr(name: string): boolean {
  return Object.hasOwn(MEMATTR_FIELDS, name);
}

/**
 * Records one memattr value seen from the node's own CPUs. Specific attributes (ReadBandwidth)
 * win over the generic one (Bandwidth), which fills both directions and is marked inferred.
 */
export function applyMemattr(node: NodeFragment, name: string, value: number, src: Source): void {
  const spec = MEMATTR_FIELDS[name];
  if (!spec || !(value > 0)) return;
  node.access ??= {};
  for (const field of spec.fields) {
    const existing = node.access[field];
    if (existing && (spec.both || !existing.src.inferred)) continue;
    node.access[field] = { value, src: spec.both ? inferred(src, `${name} used for both read and write`) : src };
  }
}

/** The kind of memory behind a node as hwloc names it, from its subtype or DAXType. */
export function subtypeOf(subtype: string | undefined, daxType: string | undefined): string | undefined {
  return subtype ?? (daxType === 'NVM' || daxType === 'SPM' ? daxType : undefined);
}
