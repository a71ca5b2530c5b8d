// `ndctl list` JSON in any of its shapes (one object, an array, {"dimms":[…],"regions":[…]},
// buses with nested regions and namespaces, -u human sizes, a stream of objects), plus
// `ndctl create-namespace`, `read-infoblock -j` and `read-labels -j`. Objects are recognised by
// their "dev" name (namespaceX.Y, regionX, nmemX, ndbusX) or their signature fields.
import type { ParseContext } from '../context';
import type { Fragment } from '../fragment';
import { emptyFragment } from '../fragment';
import { loadJson } from '../json/load';
import type { JsonValue } from '../json/parse';
import { isJsonObject, pathKey } from '../json/parse';
import { readDimm, readInfoBlock, readLabels, readNamespace, readRegion } from './objects';

interface Parent {
  region?: string;
  provider?: string;
}

const MAX_DEPTH = 16;

export function parseNdctl(text: string, ctx: ParseContext): Fragment {
  const f = emptyFragment();
  const json = loadJson(text, ctx);
  if (!json) return f;
  const r = json.read;

  const walk = (v: JsonValue, path: string, parent: Parent, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${path}[${i}]`, parent, depth + 1));
      return;
    }
    if (!isJsonObject(v)) return;
    const dev = typeof v.dev === 'string' ? v.dev : '';
    const line = json.where.open(v);
    if ((typeof v.signature === 'string' && v.signature.startsWith('NVDIMM_')) || (v.dataoff !== undefined && v.npfns !== undefined)) {
      f.infoBlocks.push(readInfoBlock(v, path, r));
      return;
    }
    if (Array.isArray(v.index) && /^nmem\d{1,6}$/.test(dev)) {
      f.labelAreas.push(readLabels(v, path, r));
      return;
    }
    if (/^namespace\d{1,6}\.\d{1,6}$/.test(dev)) {
      f.namespaces.push(readNamespace(v, path, r, f, parent));
      return;
    }
    if (/^region\d{1,6}$/.test(dev)) {
      const reg = readRegion(v, path, r);
      f.regions.push(reg);
      const nss = r.array(v, 'namespaces', path);
      nss?.forEach((n, i) => walk(n, `${path}.namespaces[${i}]`, { ...parent, region: reg.dev }, depth + 1));
      reg.namespaces = (nss ?? []).filter(isJsonObject).map((n) => (typeof n.dev === 'string' ? n.dev : '?'));
      return;
    }
    if (/^nmem\d{1,6}$/.test(dev)) {
      f.dimms.push(readDimm(v, path, r, parent.provider));
      return;
    }
    let provider = parent.provider;
    if (/^ndbus\d{1,6}$/.test(dev) || typeof v.provider === 'string') {
      provider = r.str(v, 'provider', path);
      f.buses.push({ dev: dev || '?', src: r.objSrc(v, path), ...(provider ? { provider } : {}) });
    }
    // Containers: {"dimms": […], "regions": […], "namespaces": […], "buses": […]} at any level.
    let found = false;
    for (const key of ['buses', 'dimms', 'regions', 'namespaces']) {
      const list = r.array(v, key, path);
      if (!list) continue;
      found = true;
      walk(list, path + pathKey(key), { ...parent, ...(provider ? { provider } : {}) }, depth + 1);
    }
    if (!found && !provider)
      r.log.skip({ line, jsonPath: path, message: 'object not recognised as ndctl output', expected: 'a "dev" such as namespace0.0, region0, nmem0 or ndbus0' });
  };

  for (const doc of json.docs) walk(doc.value, doc.path, {}, 0);
  return f;
}
