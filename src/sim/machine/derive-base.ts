// Top-level ranges (e820 / iomem view): their map items, boot zones and overlap rule.
import type { MapClass } from './addressmap';
import type { DeriveContext } from './derive-context';
import { violation } from './rules';
import type { MachineRange } from './schema';
import { defaultBootZone } from './zones';

const CLASS_OF: Record<MachineRange['type'], MapClass> = {
  'system-ram': 'system-ram',
  reserved: 'reserved',
  'persistent-legacy': 'persistent-legacy',
  persistent: 'persistent',
  'soft-reserved': 'soft-reserved',
  'cxl-window': 'cxl-window',
};

export function deriveBaseRanges(ctx: DeriveContext): void {
  const sorted = ctx.m.ranges.map((r, i) => ({ r, i })).sort((a, b) => a.r.start - b.r.start);
  for (let k = 1; k < sorted.length; k++) {
    const prev = sorted[k - 1].r;
    const cur = sorted[k];
    if (cur.r.start < prev.start + prev.size)
      ctx.violations.push(violation('overlap', `${cur.r.id} starts inside ${prev.id}`, `$.ranges[${cur.i}].start`));
  }
  ctx.m.ranges.forEach((r, i) => {
    const ram = r.type === 'system-ram';
    const zone = ram ? (r.online ? (r.zone ?? defaultBootZone(r.start)) : 'offline') : null;
    ctx.items.push({ start: r.start, end: r.start + r.size, cls: CLASS_OF[r.type], node: r.node, zone, depth: 0, ref: `$.ranges[${i}]`, label: r.label ?? r.id });
    if (ram && r.zone === 'Device') ctx.violations.push(violation('zoneKinds', `${r.id} is System RAM in ZONE_DEVICE`, `$.ranges[${i}].zone`));
    if (ram && r.zone === 'ExMem' && !(ctx.m.cxl?.smdk?.version === 'v1'))
      ctx.violations.push(violation('exmemSmdk', `${r.id} uses ExMem without an SMDK v1 kernel`, `$.ranges[${i}].zone`));
  });
}
