// Figures and rules of one pmem namespace: where its data starts, how much is usable, what the
// metadata costs and where the struct pages live.
import { MEMREMAP_COMPAT_ALIGN, PAGE_SIZE, PMEM_ALIGNMENTS, PMEM_START_ALIGN, STRUCT_PAGE_SIZE } from '../constants';
import { violation, type Violation } from '../rules';
import type { NamespaceMode, PfnMap, PmemProvider } from '../schema-pmem';
import { formatSizeArg } from '../../units/size';
import { computeBtt } from './btt';
import { computeInfoBlock } from './infoblock';

export interface NamespaceSpec {
  start: number;
  size: number;
  mode: NamespaceMode;
  align: number;
  map: PfnMap;
  sectorSize?: number;
  /** Region provider; nd_e820 shards (PROPOSED) have no info block. */
  provider?: PmemProvider;
}

export interface NamespaceFigures {
  /** First data byte, from the namespace start. */
  dataOffsetBytes: number;
  /** Data pages of an fsdax/devdax info block; null for sector/raw (no pfn info block). */
  npfns: number | null;
  usableBytes: number;
  /** Bytes of the namespace that hold no data: info block, reserve, on-device memmap, BTT, tail. */
  metadataBytes: number;
  /** Where the struct page array (64 B per 4 KiB page) lives; "none" for sector/raw. */
  metadataLocation: 'device' | 'ram' | 'none';
  /** struct page bytes for the data pages (device or RAM, see metadataLocation). */
  structPageBytes: number;
  /** RAM the namespace costs (map=mem memmap). */
  ramBytes: number;
  infoBlock: 'pfn' | 'dax' | 'btt' | 'none';
  endTruncBytes: number;
}

/** Figures as the kernel would compute them; throws RangeError when it would refuse. */
export function namespaceFigures(ns: NamespaceSpec): NamespaceFigures {
  if (ns.mode === 'raw')
    return { dataOffsetBytes: 0, npfns: null, usableBytes: ns.size, metadataBytes: 0, metadataLocation: 'none', structPageBytes: 0, ramBytes: 0, infoBlock: 'none', endTruncBytes: 0 };
  if (ns.mode === 'sector') {
    const b = computeBtt(ns.size, ns.sectorSize ?? 4096);
    return { dataOffsetBytes: b.dataOffsetBytes, npfns: null, usableBytes: b.usableBytes, metadataBytes: b.metadataBytes, metadataLocation: 'none', structPageBytes: 0, ramBytes: 0, infoBlock: 'btt', endTruncBytes: 0 };
  }
  if (ns.provider === 'nd_e820') {
    // nd_pfn_set_dax_defaults(): dataoff 0, PFN_MODE_RAM, nothing written to the media.
    const npfns = Math.floor(ns.size / PAGE_SIZE);
    return { dataOffsetBytes: 0, npfns, usableBytes: npfns * PAGE_SIZE, metadataBytes: ns.size - npfns * PAGE_SIZE, metadataLocation: 'ram', structPageBytes: npfns * STRUCT_PAGE_SIZE, ramBytes: npfns * STRUCT_PAGE_SIZE, infoBlock: 'none', endTruncBytes: 0 };
  }
  const ib = computeInfoBlock({ start: ns.start, size: ns.size, align: ns.align, map: ns.map }, ns.mode);
  return {
    dataOffsetBytes: ib.dataOffsetBytes,
    npfns: ib.npfns,
    usableBytes: ib.usableBytes,
    metadataBytes: ib.metadataBytes,
    metadataLocation: ib.structPageLocation,
    structPageBytes: ib.structPageBytes,
    ramBytes: ib.structPageLocation === 'ram' ? ib.structPageBytes : 0,
    infoBlock: ns.mode === 'devdax' ? 'dax' : 'pfn',
    endTruncBytes: ib.endTruncBytes,
  };
}

/** The rules ndctl and the kernel apply to one namespace on its own. `ways` = interleave width. */
export function checkNamespace(ns: NamespaceSpec, path: string, ways = 1): Violation[] {
  const out: Violation[] = [];
  const pfn = ns.mode === 'fsdax' || ns.mode === 'devdax';
  if (pfn && !(PMEM_ALIGNMENTS as readonly number[]).includes(ns.align))
    out.push(violation('nsAlignValue', `got ${formatSizeArg(ns.align)}`, `${path}.align`));
  if (pfn && ns.provider !== 'nd_e820') {
    if (ns.start % MEMREMAP_COMPAT_ALIGN !== 0) out.push(violation('nsKernelStartAlign', `start 0x${ns.start.toString(16)}`, `${path}.start`));
    else if (ns.start % PMEM_START_ALIGN !== 0) out.push(violation('nsStartAlign', `start 0x${ns.start.toString(16)} is ${formatSizeArg(ns.start % PMEM_START_ALIGN)} past a 16 MiB boundary`, `${path}.start`));
  }
  const unit = pfn ? ways * Math.max(ns.align, PAGE_SIZE) : ways * PAGE_SIZE;
  if (ns.size % unit !== 0) out.push(violation('nsSizeMultiple', `${formatSizeArg(ns.size)} is not a multiple of ${formatSizeArg(unit)}`, `${path}.size`));
  if (out.length === 0) {
    try {
      const f = namespaceFigures(ns);
      if (f.usableBytes <= 0) out.push(violation('nsTooSmall', `${formatSizeArg(ns.size)} leaves no data`, `${path}.size`));
    } catch (e) {
      out.push(violation('nsTooSmall', (e as Error).message, `${path}.size`));
    }
  }
  return out;
}
