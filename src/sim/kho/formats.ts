// Format comparison for a preserved memfd (the "vmalloc array vs sparse KHO array" debate, S-KARR):
//  - memfd-v1 (merged, S-MEMFD): holes are filled at preserve time, then one 16-byte
//    memfd_luo_folio_ser per folio in a vmalloc array (+ kho_vmalloc chunk pages, + the
//    memfd_luo_ser page);
//  - sparse index + entries (modelled on the unmerged KHO array RFC): only populated folios, an
//    8-byte entry each (pfn + flags), plus a 16-byte {start index, count} per run of consecutive
//    indices, in 4 KiB pages with a 16-byte {next, start} header; no holes filled;
//  - radix tracker (post-6.19 KHO, S-KHO-RADIX): the memory KHO needs just to mark the populated
//    folios preserved (1 bit each plus radix pages). It stores presence only, not file indices.
// Pure arithmetic; every assumption is a parameter with a default.
import { PAGE_SIZE, VMALLOC_CHUNK_ENTRIES } from './constants';
import { trackerSize } from './tracker';

export type FormatId = 'memfd-v1' | 'sparse' | 'radix';

export interface FormatInput {
  fileBytes: number;
  /** Fraction of folios populated, 0..1. */
  fill: number;
  folioBytes: number;
  /** How populated folios are spread over file indices (sparse format's run count). */
  pattern?: 'random' | 'contiguous';
  /** Physical placement for the radix tracker: one contiguous block (best case) or spread over RAM. */
  placement?: 'contiguous' | 'scattered';
  ramBytes?: number;
}

export interface FormatRow {
  format: FormatId;
  metadataBytes: number;
  extraMemoryBytes: number;
  note: string;
}

export interface FormatComparison {
  input: Required<FormatInput>;
  folios: number;
  populated: number;
  rows: FormatRow[];
}

const GiB = 1024 ** 3;
const TiB = 1024 ** 4;

/** Expected number of distinct buckets hit by n uniform draws among b buckets. */
function expectedDistinct(b: number, n: number): number {
  if (b <= 0 || n <= 0) return 0;
  return b * -Math.expm1(n * Math.log1p(-1 / b));
}

export function compareFormats(input: FormatInput): FormatComparison {
  const inp: Required<FormatInput> = { pattern: 'random', placement: 'contiguous', ramBytes: 4 * TiB, ...input };
  const fill = Math.min(1, Math.max(0, inp.fill));
  const folios = Math.ceil(inp.fileBytes / inp.folioBytes);
  const populated = Math.round(folios * fill);
  const order = Math.round(Math.log2(inp.folioBytes / PAGE_SIZE));

  // memfd-v1: every folio after hole filling.
  const arrayPages = Math.ceil((16 * folios) / PAGE_SIZE);
  const chunkPages = Math.ceil(arrayPages / VMALLOC_CHUNK_ENTRIES);
  const v1: FormatRow = {
    format: 'memfd-v1',
    metadataBytes: folios === 0 ? PAGE_SIZE : (arrayPages + chunkPages + 1) * PAGE_SIZE,
    extraMemoryBytes: (folios - populated) * inp.folioBytes,
    note: '16 B per folio after filling holes; vmalloc array + kho_vmalloc chunks + memfd_luo_ser page',
  };

  // Sparse: runs of consecutive populated indices.
  const runs = populated === 0 ? 0 : inp.pattern === 'contiguous' ? 1 : Math.max(1, Math.round(folios * fill * (1 - fill) + fill));
  const sparseBytes = 16 * runs + 8 * populated;
  const sparsePages = Math.ceil(sparseBytes / (PAGE_SIZE - 16));
  const sparse: FormatRow = {
    format: 'sparse',
    metadataBytes: (sparsePages + 1) * PAGE_SIZE,
    extraMemoryBytes: 0,
    note: `8 B per populated folio + 16 B per run (${runs} runs, ${inp.pattern} pattern); holes stay holes`,
  };

  // Radix: presence bits for the populated folios.
  let radixBytes: number;
  if (inp.placement === 'contiguous') {
    radixBytes = trackerSize(populated ? [{ pfn: 0, count: populated, order }] : [], 'radix').bytes;
  } else {
    const blocks = inp.ramBytes / inp.folioBytes;
    const leafSlots = Math.ceil(blocks / 2 ** 15);
    let pages = expectedDistinct(leafSlots, populated);
    for (let level = 1; level <= 4; level++) pages += expectedDistinct(Math.ceil(leafSlots / 2 ** (9 * level)), populated);
    radixBytes = populated ? Math.ceil(pages + 1) * PAGE_SIZE : 0;
  }
  const radix: FormatRow = {
    format: 'radix',
    metadataBytes: radixBytes,
    extraMemoryBytes: 0,
    note: `KHO radix tracker for the populated folios (${inp.placement} placement); presence only, no file index`,
  };
  return { input: inp, folios, populated, rows: [v1, sparse, radix] };
}

export interface FormatPoint {
  label: string;
  fileBytes: number;
  fill: number;
}

/** From a fully populated VM memory file to a 1 TiB storage cache that is 1 % populated. */
export const FORMAT_PRESETS: FormatPoint[] = [
  { label: 'VM memory 16 GiB, full', fileBytes: 16 * GiB, fill: 1 },
  { label: 'VM memory 256 GiB, full', fileBytes: 256 * GiB, fill: 1 },
  { label: 'database 256 GiB, 50 %', fileBytes: 256 * GiB, fill: 0.5 },
  { label: 'cache 1 TiB, 10 %', fileBytes: TiB, fill: 0.1 },
  { label: 'cache 1 TiB, 1 %', fileBytes: TiB, fill: 0.01 },
];

export interface FormatSeries {
  labels: string[];
  folioBytes: number;
  series: { format: FormatId; metadataBytes: number[]; extraMemoryBytes: number[] }[];
}

/** Chart-ready series over a list of points (default: FORMAT_PRESETS). */
export function formatSeries(folioBytes: number, points: FormatPoint[] = FORMAT_PRESETS, opts: Partial<FormatInput> = {}): FormatSeries {
  const comps = points.map((p) => compareFormats({ ...opts, fileBytes: p.fileBytes, fill: p.fill, folioBytes }));
  const formats: FormatId[] = ['memfd-v1', 'sparse', 'radix'];
  return {
    labels: points.map((p) => p.label),
    folioBytes,
    series: formats.map((f) => ({
      format: f,
      metadataBytes: comps.map((c) => c.rows.find((r) => r.format === f)!.metadataBytes),
      extraMemoryBytes: comps.map((c) => c.rows.find((r) => r.format === f)!.extraMemoryBytes),
    })),
  };
}

/** The same file at decreasing fill fractions. */
export function fillSweep(fileBytes: number, folioBytes: number, fills = [1, 0.5, 0.25, 0.1, 0.05, 0.01], opts: Partial<FormatInput> = {}): FormatSeries {
  return formatSeries(
    folioBytes,
    fills.map((f) => ({ label: `${Math.round(f * 1000) / 10} %`, fileBytes, fill: f })),
    opts,
  );
}
