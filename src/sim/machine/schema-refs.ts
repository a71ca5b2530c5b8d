// Referential checks run by machineSchema: every id a section names must exist. Rule checks
// (alignment, interleave, zones) are in validate.ts so that edits can name the rule they break.
import type { CxlConfig, Host } from './schema-cxl';
import type { PmemConfig } from './schema-pmem';
import type { DaxDevice, Pool } from './schema-kernel';

interface RefMachine {
  nodes: { id: number }[];
  ranges: { id: string }[];
  pmem?: PmemConfig;
  dax?: DaxDevice[];
  cxl?: CxlConfig;
  hosts?: Host[];
  pools?: Pool[];
}

type Report = (path: (string | number)[], message: string) => void;

function unique(items: { id: string }[] | undefined, path: string[], report: Report): Set<string> {
  const seen = new Set<string>();
  (items ?? []).forEach((it, i) => {
    if (seen.has(it.id)) report([...path, i, 'id'], `duplicate id "${it.id}"`);
    seen.add(it.id);
  });
  return seen;
}

export function checkReferences(m: RefMachine, report: Report): void {
  const nodes = new Set(m.nodes.map((n) => n.id));
  const node = (id: number | undefined, path: (string | number)[]) => {
    if (id !== undefined && !nodes.has(id)) report(path, `node ${id} is not in nodes`);
  };
  const ranges = unique(m.ranges, ['ranges'], report);

  const dimms = unique(m.pmem?.dimms, ['pmem', 'dimms'], report);
  const regions = unique(m.pmem?.regions, ['pmem', 'regions'], report);
  const namespaces = unique(m.pmem?.namespaces, ['pmem', 'namespaces'], report);
  m.pmem?.dimms.forEach((d, i) => node(d.node, ['pmem', 'dimms', i, 'node']));
  m.pmem?.regions.forEach((r, i) => {
    node(r.node, ['pmem', 'regions', i, 'node']);
    node(r.targetNode, ['pmem', 'regions', i, 'targetNode']);
    r.dimms.forEach((d, j) => {
      if (!dimms.has(d)) report(['pmem', 'regions', i, 'dimms', j], `DIMM "${d}" is not in pmem.dimms`);
    });
  });
  m.pmem?.namespaces.forEach((n, i) => {
    if (!regions.has(n.region)) report(['pmem', 'namespaces', i, 'region'], `region "${n.region}" is not in pmem.regions`);
  });

  const cxl = m.cxl;
  const bridges = unique(cxl?.hostBridges, ['cxl', 'hostBridges'], report);
  const switches = unique(cxl?.switches, ['cxl', 'switches'], report);
  const memdevs = unique(cxl?.memdevs, ['cxl', 'memdevs'], report);
  const decoders = unique(cxl?.rootDecoders, ['cxl', 'rootDecoders'], report);
  const cxlRegions = unique(cxl?.regions, ['cxl', 'regions'], report);
  const hosts = unique(m.hosts, ['hosts'], report);
  cxl?.hostBridges.forEach((b, i) => node(b.node, ['cxl', 'hostBridges', i, 'node']));
  cxl?.switches.forEach((s, i) => {
    if (!bridges.has(s.upstream) && !switches.has(s.upstream))
      report(['cxl', 'switches', i, 'upstream'], `"${s.upstream}" is neither a host bridge nor a switch`);
  });
  cxl?.memdevs.forEach((d, i) => {
    if (!bridges.has(d.attach) && !switches.has(d.attach))
      report(['cxl', 'memdevs', i, 'attach'], `"${d.attach}" is neither a host bridge nor a switch`);
    d.hosts.forEach((h, j) => {
      if (!hosts.has(h)) report(['cxl', 'memdevs', i, 'hosts', j], `host "${h}" is not in hosts`);
    });
  });
  cxl?.rootDecoders.forEach((d, i) =>
    d.targets.forEach((t, j) => {
      if (!bridges.has(t)) report(['cxl', 'rootDecoders', i, 'targets', j], `host bridge "${t}" is not in cxl.hostBridges`);
    }),
  );
  cxl?.regions.forEach((r, i) => {
    if (!decoders.has(r.rootDecoder)) report(['cxl', 'regions', i, 'rootDecoder'], `root decoder "${r.rootDecoder}" is not in cxl.rootDecoders`);
    r.targets.forEach((t, j) => {
      if (!memdevs.has(t)) report(['cxl', 'regions', i, 'targets', j], `memdev "${t}" is not in cxl.memdevs`);
    });
    node(r.node, ['cxl', 'regions', i, 'node']);
  });
  m.hosts?.forEach((h, i) =>
    h.mappings.forEach((mp, j) => {
      if (!cxlRegions.has(mp.region)) report(['hosts', i, 'mappings', j, 'region'], `CXL region "${mp.region}" is not in cxl.regions`);
    }),
  );

  unique(m.dax, ['dax'], report);
  m.dax?.forEach((d, i) => {
    node(d.targetNode, ['dax', i, 'targetNode']);
    const s = d.source;
    if (s.kind === 'namespace' && !namespaces.has(s.namespace)) report(['dax', i, 'source', 'namespace'], `namespace "${s.namespace}" is not in pmem.namespaces`);
    if (s.kind === 'cxl-region' && !cxlRegions.has(s.region)) report(['dax', i, 'source', 'region'], `CXL region "${s.region}" is not in cxl.regions`);
    if (s.kind === 'range' && !ranges.has(s.range)) report(['dax', i, 'source', 'range'], `range "${s.range}" is not in ranges`);
  });
  unique(m.pools, ['pools'], report);
  m.pools?.forEach((p, i) => node(p.node, ['pools', i, 'node']));
}
