// The input formats `sim import --format` accepts; each has a parser in src/import/<format>/.
export const IMPORT_FORMATS = [
  'ndctl',
  'daxctl',
  'cxl',
  'numactl',
  'lsmem',
  'zoneinfo',
  'buddyinfo',
  'iomem',
  'meminfo',
  'node-meminfo',
  'hwloc',
] as const;

export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export function isImportFormat(s: string): s is ImportFormat {
  return (IMPORT_FORMATS as readonly string[]).includes(s);
}
