// `daxctl list` JSON (devices, regions with -R/-D, mappings -M, `movable`, `target_node`,
// online/total memblocks) and the JSON of reconfigure-device/create-device. The text daxctl prints
// on stderr (online-memory, errors) is handled by ./text.ts.
import type { ParseContext } from '../context';
import type { DaxRegionInfo, Fragment } from '../fragment';
import { emptyFragment } from '../fragment';
import { loadJson } from '../json/load';
import type { JsonValue } from '../json/parse';
import { isJsonObject } from '../json/parse';
import { readDaxDevice } from '../ndctl/objects';
import { inferred } from '../provenance';
import { parseDaxctlText } from './text';

const MAX_DEPTH = 16;

/** What a dax region sits on, from its sysfs path (daxctl prints it with "/sys/devices" cut off). */
export function backingFromPath(path: string): string | undefined {
  if (/\/ndbus\d+\/region\d+/.test(path) || path.includes('ACPI0012')) return 'pmem';
  if (path.includes('/hmem')) return 'hmem';
  if (/cxl|dax_region\d/.test(path)) return 'cxl';
  return undefined;
}

export function parseDaxctl(text: string, ctx: ParseContext): Fragment {
  const t = text.trimStart();
  if (!(t.startsWith('[') || t.startsWith('{'))) return parseDaxctlText(text, ctx);
  const f = emptyFragment();
  const json = loadJson(text, ctx);
  if (!json) return f;
  const r = json.read;

  const walk = (v: JsonValue, path: string, region: DaxRegionInfo | undefined, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${path}[${i}]`, region, depth + 1));
      return;
    }
    if (!isJsonObject(v)) return;
    if (typeof v.chardev === 'string') {
      const d = readDaxDevice(v, path, r);
      if (!d) return;
      if (region) {
        d.region = region.id;
        const backing = region.path ? backingFromPath(region.path) : undefined;
        if (backing) d.backing = { value: backing, src: inferred(r.src(v, 'chardev', path), `region path ${region.path}`) };
      }
      f.daxDevices.push(d);
      return;
    }
    if (v.devices !== undefined || v.path !== undefined || (v.id !== undefined && v.size !== undefined)) {
      const reg: DaxRegionInfo = { id: r.str(v, 'id', path) ?? '?', src: r.objSrc(v, path) };
      const p = r.str(v, 'path', path);
      if (p) reg.path = p;
      const size = r.bytes(v, 'size', path);
      if (size) reg.sizeBytes = size;
      const align = r.bytes(v, 'align', path);
      if (align) reg.alignBytes = align;
      const avail = r.bytes(v, 'available_size', path);
      if (avail) reg.availableSizeBytes = avail;
      f.daxRegions.push(reg);
      const devs = r.array(v, 'devices', path);
      devs?.forEach((d, i) => walk(d, `${path}.devices[${i}]`, reg, depth + 1));
      return;
    }
    let found = false;
    for (const key of ['regions', 'devices']) {
      const list = r.array(v, key, path);
      if (!list) continue;
      found = true;
      list.forEach((x, i) => walk(x, `${path}.${key}[${i}]`, region, depth + 1));
    }
    if (!found) r.log.skip({ line: json.where.open(v), jsonPath: path, message: 'object not recognised as daxctl output', expected: 'a dax device ("chardev") or region ("id", "size", "devices")' });
  };

  for (const doc of json.docs) walk(doc.value, doc.path, undefined, 0);
  return f;
}
