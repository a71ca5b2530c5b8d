// `cxl list` JSON: memdevs, buses, ports, endpoints, decoders, regions (with daxregion), partition
// info, media errors; `cxl create-region` output. Nesting keys carry their parent after a colon
// ("ports:root0", "decoders:endpoint5", "regions:decoder0.0"), and --human unwraps single-element
// arrays, so the walk goes through every object and classifies it by its identifying key.
import type { ParseContext } from '../context';
import type { CxlDecoderInfo, CxlMemdevInfo, CxlRegionInfo, DaxRegionInfo, Fragment } from '../fragment';
import { MAX_NODE_ID, emptyFragment } from '../fragment';
import { loadJson } from '../json/load';
import type { JsonObject, JsonValue } from '../json/parse';
import { isJsonObject, pathKey } from '../json/parse';
import type { JsonReader } from '../json/read';
import { readDaxDevice } from '../ndctl/objects';
import { inferred } from '../provenance';

const MAX_DEPTH = 32;

export function parseCxl(text: string, ctx: ParseContext): Fragment {
  const f = emptyFragment();
  const json = loadJson(text, ctx);
  if (!json) return f;
  const r = json.read;
  let recognised = 0;

  const walk = (v: JsonValue, path: string, parentKey: string, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${path}[${i}]`, parentKey, depth + 1));
      return;
    }
    if (!isJsonObject(v)) return;
    const handled = new Set<string>();
    if (typeof v.memdev === 'string') {
      f.cxlMemdevs.push(readMemdev(v, path, r));
      recognised++;
      handled.add('partition_info');
    } else if (typeof v.decoder === 'string') {
      f.cxlDecoders.push(readDecoder(v, path, r, parentKey));
      recognised++;
      handled.add('targets');
    } else if (typeof v.region === 'string' && (v.size !== undefined || v.resource !== undefined || v.interleave_ways !== undefined)) {
      f.cxlRegions.push(readRegion(v, path, r, parentKey, f));
      recognised++;
      for (const k of ['mappings', 'daxregion', 'media_errors']) handled.add(k);
    } else if (typeof v.bus === 'string' || typeof v.port === 'string' || typeof v.endpoint === 'string') {
      recognised++;
      handled.add('dports');
    }
    for (const [key, child] of Object.entries(v)) {
      if (handled.has(key) || child === null || typeof child !== 'object') continue;
      walk(child, path + pathKey(key), key, depth + 1);
    }
  };

  for (const doc of json.docs) walk(doc.value, doc.path, '', 0);
  if (recognised === 0) r.log.error({ line: json.docs[0]?.line, jsonPath: '$', message: 'no cxl objects found', expected: 'cxl list output with "memdev", "region", "decoder", "bus" or "port" objects' });
  return f;
}

function readMemdev(o: JsonObject, path: string, r: JsonReader): CxlMemdevInfo {
  const m: CxlMemdevInfo = { memdev: r.str(o, 'memdev', path) ?? '?', src: r.objSrc(o, path) };
  const ram = r.bytes(o, 'ram_size', path);
  if (ram) m.ramSizeBytes = ram;
  const pmem = r.bytes(o, 'pmem_size', path);
  if (pmem) m.pmemSizeBytes = pmem;
  const serial = r.str(o, 'serial', path);
  if (serial) m.serial = serial;
  const numa = r.node(o, 'numa_node', path, MAX_NODE_ID);
  if (numa) m.numaNode = numa;
  const host = r.str(o, 'host', path);
  if (host) m.host = host;
  const part = r.object(o, 'partition_info', path);
  if (part) {
    const pp = `${path}.partition_info`;
    const align = r.bytes(part, 'partition_alignment_size', pp);
    if (align) m.partitionAlignmentBytes = align;
    const total = r.bytes(part, 'total_size', pp);
    if (total) m.totalSizeBytes = total;
  }
  return m;
}

function readDecoder(o: JsonObject, path: string, r: JsonReader, parentKey: string): CxlDecoderInfo {
  const d: CxlDecoderInfo = { decoder: r.str(o, 'decoder', path) ?? '?', src: r.objSrc(o, path) };
  // "decoders:root0" → root decoder (a CFMWS window); "decoders:endpoint5" → endpoint; else port.
  const parent = parentKey.includes(':') ? parentKey.slice(parentKey.indexOf(':') + 1) : '';
  if (parent) d.level = parent.startsWith('root') ? 'root' : parent.startsWith('endpoint') ? 'endpoint' : 'port';
  const res = r.bytes(o, 'resource', path);
  if (res) d.resource = res;
  const size = r.bytes(o, 'size', path);
  if (size) d.sizeBytes = size;
  const iw = r.int(o, 'interleave_ways', path, { max: 16 });
  if (iw) d.interleaveWays = iw.value;
  const ig = r.int(o, 'interleave_granularity', path, { max: 1 << 20 });
  if (ig) d.interleaveGranularity = ig.value;
  const region = r.str(o, 'region', path);
  if (region) d.region = region;
  const mode = r.str(o, 'mode', path);
  if (mode) d.mode = mode;
  const dpa = r.bytes(o, 'dpa_size', path);
  if (dpa) d.dpaSizeBytes = dpa;
  const vc = r.bool(o, 'volatile_capable', path);
  if (vc !== undefined) d.volatileCapable = vc;
  const pc = r.bool(o, 'pmem_capable', path);
  if (pc !== undefined) d.pmemCapable = pc;
  return d;
}

function readRegion(o: JsonObject, path: string, r: JsonReader, parentKey: string, f: Fragment): CxlRegionInfo {
  const reg: CxlRegionInfo = { region: r.str(o, 'region', path) ?? '?', src: r.objSrc(o, path) };
  const type = r.str(o, 'type', path);
  if (type) reg.type = type;
  const res = r.bytes(o, 'resource', path);
  if (res) reg.resource = res;
  const size = r.bytes(o, 'size', path);
  if (size) reg.sizeBytes = size;
  const iw = r.int(o, 'interleave_ways', path, { max: 16 });
  if (iw) reg.interleaveWays = iw;
  const ig = r.int(o, 'interleave_granularity', path, { max: 1 << 20 });
  if (ig) reg.interleaveGranularity = ig;
  const ds = r.str(o, 'decode_state', path);
  if (ds) reg.decodeState = ds;
  if (parentKey.startsWith('regions:')) reg.rootDecoder = parentKey.slice('regions:'.length);
  const maps = r.array(o, 'mappings', path);
  if (maps) {
    reg.targets = [];
    maps.forEach((m, i) => {
      if (!isJsonObject(m)) return;
      const mp = `${path}.mappings[${i}]`;
      const t: NonNullable<CxlRegionInfo['targets']>[number] = {};
      const pos = r.int(m, 'position', mp, { max: 16 });
      if (pos) t.position = pos.value;
      const memdev = r.str(m, 'memdev', mp);
      if (memdev) t.memdev = memdev;
      const decoder = r.str(m, 'decoder', mp);
      if (decoder) t.decoder = decoder;
      reg.targets?.push(t);
    });
    reg.targets.sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  }
  const errors = r.array(o, 'media_errors', path);
  if (errors) reg.mediaErrors = errors.length;
  const dax = r.object(o, 'daxregion', path);
  if (dax) {
    const dp = `${path}.daxregion`;
    const dreg: DaxRegionInfo = { id: r.str(dax, 'id', dp) ?? reg.region, src: r.objSrc(dax, dp), parent: reg.region };
    const dsize = r.bytes(dax, 'size', dp);
    if (dsize) dreg.sizeBytes = dsize;
    const dalign = r.bytes(dax, 'align', dp);
    if (dalign) dreg.alignBytes = dalign;
    f.daxRegions.push(dreg);
    r.array(dax, 'devices', dp)?.forEach((d, i) => {
      if (!isJsonObject(d)) return;
      const dev = readDaxDevice(d, `${dp}.devices[${i}]`, r);
      if (!dev) return;
      dev.region = reg.region;
      dev.backing = { value: 'cxl', src: inferred(dev.src, `device of cxl ${reg.region}`) };
      f.daxDevices.push(dev);
    });
  }
  return reg;
}
