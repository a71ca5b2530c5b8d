// Reading single ndctl JSON objects (namespace, region, DIMM, info block, label area) into facts.
import type { DaxDeviceInfo, DaxRegionInfo, Fragment, InfoBlockInfo, LabelAreaInfo, NamespaceInfo, RegionInfo } from '../fragment';
import { MAX_NODE_ID } from '../fragment';
import type { JsonObject } from '../json/parse';
import { isJsonObject } from '../json/parse';
import type { JsonReader } from '../json/read';
import { inferred } from '../provenance';

/** Old mode names ndctl still accepts (namespace-description.txt): memory = fsdax, dax = devdax, safe = sector. */
const MODE_ALIASES: Record<string, string> = { memory: 'fsdax', dax: 'devdax', safe: 'sector' };

export function readNamespace(o: JsonObject, path: string, r: JsonReader, f: Fragment, ctx: { region?: string; provider?: string }): NamespaceInfo {
  const dev = r.str(o, 'dev', path) ?? '?';
  const ns: NamespaceInfo = { dev, src: r.objSrc(o, path) };
  const mode = r.str(o, 'mode', path);
  if (mode) {
    const alias = MODE_ALIASES[mode];
    ns.mode = { value: alias ?? mode, src: r.src(o, 'mode', path, alias ? { note: `printed as the old name "${mode}"` } : undefined) };
  }
  const size = r.bytes(o, 'size', path);
  if (size) ns.sizeBytes = size;
  const map = r.str(o, 'map', path);
  if (map) ns.map = map;
  const uuid = r.str(o, 'uuid', path);
  if (uuid) ns.uuid = uuid;
  const blockdev = r.str(o, 'blockdev', path);
  if (blockdev) ns.blockdev = blockdev;
  const chardev = r.str(o, 'chardev', path);
  if (chardev) ns.chardev = chardev;
  const numa = r.node(o, 'numa_node', path, MAX_NODE_ID);
  if (numa) ns.numaNode = numa;
  const target = r.node(o, 'target_node', path, MAX_NODE_ID);
  if (target) ns.targetNode = target;
  const align = r.bytes(o, 'align', path);
  if (align) ns.alignBytes = align;
  const sector = r.int(o, 'sector_size', path, { max: 1 << 20 });
  if (sector) ns.sectorSize = sector;
  if (ctx.provider) ns.provider = ctx.provider;
  // namespaceX.Y belongs to regionX: stated by the parent object, else read from the name.
  const m = /^namespace(\d{1,6})\.\d{1,6}$/.exec(dev);
  if (ctx.region) ns.region = ctx.region;
  else if (m) ns.region = `region${m[1]}`;

  const daxregion = r.object(o, 'daxregion', path);
  if (daxregion) {
    const dpath = `${path}.daxregion`;
    const id = r.str(daxregion, 'id', dpath) ?? dev;
    const region: DaxRegionInfo = { id, src: r.objSrc(daxregion, dpath), parent: dev };
    const dsize = r.bytes(daxregion, 'size', dpath);
    if (dsize) region.sizeBytes = dsize;
    const dalign = r.bytes(daxregion, 'align', dpath);
    if (dalign) region.alignBytes = dalign;
    f.daxRegions.push(region);
    r.array(daxregion, 'devices', dpath)?.forEach((d, i) => {
      if (!isJsonObject(d)) return;
      const dev = readDaxDevice(d, `${dpath}.devices[${i}]`, r);
      if (!dev) return;
      dev.region ??= id;
      dev.backing ??= { value: 'pmem', src: inferred(dev.src, `devdax namespace ${ns.dev}`) };
      if (!ns.chardev) ns.chardev = dev.dev;
      f.daxDevices.push(dev);
    });
  }
  return ns;
}

/** A dax device object (daxctl list, ndctl/cxl daxregion.devices). */
export function readDaxDevice(o: JsonObject, path: string, r: JsonReader): DaxDeviceInfo | undefined {
  const dev = r.str(o, 'chardev', path);
  if (!dev) return undefined;
  const d: DaxDeviceInfo = { dev, src: r.objSrc(o, path) };
  const size = r.bytes(o, 'size', path);
  if (size) d.sizeBytes = size;
  const mode = r.str(o, 'mode', path);
  if (mode) d.mode = { value: mode, src: r.src(o, 'mode', path) };
  const target = r.node(o, 'target_node', path, MAX_NODE_ID);
  if (target) d.targetNode = target;
  const numa = r.node(o, 'numa_node', path, MAX_NODE_ID);
  if (numa) d.numaNode = numa;
  const align = r.bytes(o, 'align', path);
  if (align) d.alignBytes = align;
  const on = r.int(o, 'online_memblocks', path);
  if (on) d.onlineMemblocks = on;
  const total = r.int(o, 'total_memblocks', path);
  if (total) d.totalMemblocks = total;
  const movable = r.bool(o, 'movable', path);
  if (movable !== undefined) d.movable = movable;
  const maps = r.array(o, 'mappings', path);
  if (maps) {
    d.mappings = [];
    maps.forEach((m, i) => {
      if (!isJsonObject(m)) return;
      const mp = `${path}.mappings[${i}]`;
      const start = r.bytes(m, 'start', mp);
      const size = r.bytes(m, 'size', mp);
      if (start && size) d.mappings?.push({ startAddress: start.value, sizeBytes: size.value });
    });
  }
  return d;
}

export function readRegion(o: JsonObject, path: string, r: JsonReader): RegionInfo {
  const reg: RegionInfo = { dev: r.str(o, 'dev', path) ?? '?', src: r.objSrc(o, path) };
  const type = r.str(o, 'type', path);
  if (type) reg.type = type;
  const size = r.bytes(o, 'size', path);
  if (size) reg.sizeBytes = size;
  const avail = r.bytes(o, 'available_size', path);
  if (avail) reg.availableSizeBytes = avail;
  const numa = r.node(o, 'numa_node', path, MAX_NODE_ID);
  if (numa) reg.numaNode = numa;
  const target = r.node(o, 'target_node', path, MAX_NODE_ID);
  if (target) reg.targetNode = target;
  const pd = r.str(o, 'persistence_domain', path);
  if (pd) reg.persistenceDomain = pd;
  const iset = r.str(o, 'iset_id', path);
  if (iset) reg.isetId = iset;
  const maps = r.array(o, 'mappings', path);
  if (maps) {
    reg.mappings = [];
    maps.forEach((m, i) => {
      if (!isJsonObject(m)) return;
      const mp = `${path}.mappings[${i}]`;
      const dimm = r.str(m, 'dimm', mp);
      if (!dimm) return;
      const entry: NonNullable<RegionInfo['mappings']>[number] = { dimm };
      const off = r.bytes(m, 'offset', mp);
      if (off) entry.offsetBytes = off.value;
      const len = r.bytes(m, 'length', mp);
      if (len) entry.lengthBytes = len.value;
      const pos = r.int(m, 'position', mp, { max: 1024 });
      if (pos) entry.position = pos.value;
      reg.mappings?.push(entry);
    });
  }
  const caps = r.array(o, 'capabilities', path);
  if (caps) {
    const aligns = new Set<number>();
    caps.forEach((c) => {
      if (isJsonObject(c) && Array.isArray(c.alignments)) for (const a of c.alignments) if (typeof a === 'number' && Number.isSafeInteger(a)) aligns.add(a);
    });
    if (aligns.size) reg.alignments = [...aligns].sort((a, b) => a - b);
  }
  return reg;
}

export function readInfoBlock(o: JsonObject, path: string, r: JsonReader): InfoBlockInfo {
  const ib: InfoBlockInfo = { dev: r.str(o, 'dev', path) ?? r.str(o, 'file', path) ?? '?', src: r.objSrc(o, path) };
  const sig = r.str(o, 'signature', path);
  if (sig) ib.signature = sig;
  const off = r.bytes(o, 'dataoff', path);
  if (off) ib.dataOffsetBytes = off;
  const npfns = r.int(o, 'npfns', path);
  if (npfns) ib.npfns = npfns;
  const align = r.bytes(o, 'align', path);
  if (align) ib.alignBytes = align;
  // pfn.h: PFN_MODE_RAM = 1 (memmap in RAM, --map=mem), PFN_MODE_PMEM = 2 (on the device, --map=dev).
  const mode = r.int(o, 'mode', path, { max: 16 });
  if (mode?.value === 1) ib.map = 'mem';
  else if (mode?.value === 2) ib.map = 'dev';
  const ps = r.int(o, 'page_size', path);
  if (ps) ib.pageSize = ps.value;
  const pss = r.int(o, 'page_struct_size', path);
  if (pss) ib.pageStructSize = pss.value;
  return ib;
}

/** `ndctl read-labels -j`: index blocks and labels of one DIMM's label storage area. */
export function readLabels(o: JsonObject, path: string, r: JsonReader): LabelAreaInfo {
  const area: LabelAreaInfo = { dimm: r.str(o, 'dev', path) ?? '?', src: r.objSrc(o, path), indexBlocks: 0, labels: [] };
  const index = r.array(o, 'index', path) ?? [];
  area.indexBlocks = index.filter(isJsonObject).length;
  const first = index.find(isJsonObject);
  if (first) {
    const ip = `${path}.index[0]`;
    const ls = r.int(first, 'labelsize', ip, { max: 1 << 16 });
    const ns = r.int(first, 'nslot', ip, { max: 1 << 24 });
    if (ls) area.labelSizeBytes = ls;
    if (ns) area.slots = ns;
    if (ls && ns) {
      // ndctl/lib/dimm.c: index block = 72-byte header + nslot bits, rounded up to 256 bytes; the
      // area holds two index blocks and nslot labels.
      const indexSize = Math.ceil((72 + Math.ceil(ns.value / 8)) / 256) * 256;
      area.areaBytes = { value: 2 * indexSize + ns.value * ls.value, src: inferred(ls.src, `2 index blocks of ${indexSize} B + ${ns.value} × ${ls.value} B labels`) };
    }
  }
  r.array(o, 'label', path)?.forEach((l, i) => {
    if (!isJsonObject(l)) return;
    const lp = `${path}.label[${i}]`;
    const entry: LabelAreaInfo['labels'][number] = { src: r.objSrc(l, lp) };
    const uuid = r.str(l, 'uuid', lp);
    if (uuid) entry.uuid = uuid;
    const name = r.str(l, 'name', lp);
    if (name) entry.name = name;
    const dpa = r.bytes(l, 'dpa', lp);
    if (dpa) entry.dpa = dpa.value;
    const raw = r.bytes(l, 'rawsize', lp);
    if (raw) entry.rawSizeBytes = raw.value;
    const slot = r.int(l, 'slot', lp);
    if (slot) entry.slot = slot.value;
    area.labels.push(entry);
  });
  return area;
}

export function readDimm(o: JsonObject, path: string, r: JsonReader, provider?: string): Fragment['dimms'][number] {
  const d: Fragment['dimms'][number] = { dev: r.str(o, 'dev', path) ?? '?', src: r.objSrc(o, path) };
  const id = r.str(o, 'id', path);
  if (id) d.id = id;
  const handle = r.str(o, 'handle', path);
  if (handle) d.handle = handle;
  const phys = r.str(o, 'phys_id', path);
  if (phys) d.physId = phys;
  if (provider) d.provider = provider;
  return d;
}
