// Diffing two layouts' figures (as the Figures tab flattens them) and their warnings: groups are
// matched by key (node id, zone, tier, object id), rows by key within a group.
import type { Violation } from '../../sim/machine';
import { formatBytes } from '../../sim/units/size';
import { formatFigure, warningKey, type FigureGroup, type FigureRow, type FigureSection, type FigureUnit, type FigureValue, type SectionKey } from '../figures/figures';

export type DiffStatus = 'same' | 'changed' | 'added' | 'removed';

export interface RowDiff {
  key: string;
  label: string;
  unit: FigureUnit;
  explain: string;
  level?: 1;
  /** undefined: the row does not exist on that side. */
  before: FigureValue | undefined;
  after: FigureValue | undefined;
  status: DiffStatus;
  /** "+1.50 GiB", "−3", "changed"; null when the values are equal. */
  delta: string | null;
}

export interface GroupDiff {
  key: string;
  title: string;
  /** The baseline's title when it differs (a node relabelled). */
  beforeTitle?: string;
  subtitle?: string;
  status: DiffStatus;
  rows: RowDiff[];
}

export interface SectionDiff {
  key: SectionKey;
  title: string;
  groups: GroupDiff[];
  /** Rows that differ (changed, added or removed). */
  changed: number;
}

const MINUS = '\u2212';

/** The difference after − before, signed, in the figure's unit; null when equal. */
export function formatDelta(unit: FigureUnit, before: FigureValue | undefined, after: FigureValue | undefined): string | null {
  if (before === after) return null;
  if (before === undefined) return 'added';
  if (after === undefined) return 'removed';
  if (typeof before !== 'number' || typeof after !== 'number' || unit === 'address' || unit === 'text' || !Number.isFinite(before) || !Number.isFinite(after)) return 'changed';
  const d = after - before;
  const sign = d > 0 ? '+' : MINUS;
  const a = Math.abs(d);
  switch (unit) {
    case 'bytes':
      return `${sign}${formatBytes(a)}`;
    case 'ns':
      return `${sign}${Number.isInteger(a) ? a : a.toFixed(1)} ns`;
    case 'MiBps':
      return `${sign}${Math.round(a).toLocaleString('en-US')} MiB/s`;
    case 'percent':
      return `${sign}${a.toFixed(a < 10 ? 1 : 0)} points`;
    default:
      return `${sign}${a.toLocaleString('en-US')}`;
  }
}

function rowDiff(b: FigureRow | undefined, a: FigureRow | undefined): RowDiff {
  const r = (a ?? b)!;
  const before = b?.value;
  const after = a?.value;
  const status: DiffStatus = !b ? 'added' : !a ? 'removed' : before === after ? 'same' : 'changed';
  return { key: r.key, label: r.label, unit: r.unit, explain: r.explain, level: r.level, before, after, status, delta: formatDelta(r.unit, before, after) };
}

/** Items of both lists by key: the current order, then what only the baseline has. */
function union<T extends { key: string }>(before: T[], after: T[]): [T | undefined, T | undefined][] {
  const bm = new Map(before.map((x) => [x.key, x]));
  const am = new Set(after.map((x) => x.key));
  return [...after.map((x): [T | undefined, T | undefined] => [bm.get(x.key), x]), ...before.filter((x) => !am.has(x.key)).map((x): [T | undefined, T | undefined] => [x, undefined])];
}

function groupDiff(b: FigureGroup | undefined, a: FigureGroup | undefined): GroupDiff {
  const g = (a ?? b)!;
  const rows = union(b?.rows ?? [], a?.rows ?? []).map(([x, y]) => rowDiff(x, y));
  const status: DiffStatus = !b ? 'added' : !a ? 'removed' : rows.some((r) => r.status !== 'same') ? 'changed' : 'same';
  return { key: g.key, title: g.title, beforeTitle: b && a && b.title !== a.title ? b.title : undefined, subtitle: g.subtitle, status, rows };
}

export function diffSections(before: FigureSection[], after: FigureSection[]): SectionDiff[] {
  return union(before, after).map(([b, a]) => {
    const s = (a ?? b)!;
    const groups = union(b?.groups ?? [], a?.groups ?? []).map(([x, y]) => groupDiff(x, y));
    return { key: s.key, title: s.title, groups, changed: groups.reduce((n, g) => n + g.rows.filter((r) => r.status !== 'same').length, 0) };
  });
}

export function diffWarnings(before: Violation[], after: Violation[]): { added: Violation[]; removed: Violation[]; kept: Violation[] } {
  const bk = new Set(before.map(warningKey));
  const ak = new Set(after.map(warningKey));
  return {
    added: after.filter((w) => !bk.has(warningKey(w))),
    removed: before.filter((w) => !ak.has(warningKey(w))),
    kept: after.filter((w) => bk.has(warningKey(w))),
  };
}

/** A side's value as shown ("—" where the row does not exist). */
export const shown = (v: FigureValue | undefined, unit: FigureUnit): string => (v === undefined ? '—' : formatFigure(v, unit));
