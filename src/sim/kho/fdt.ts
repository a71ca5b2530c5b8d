// FDTs as data trees. A sub-FDT (e.g. "LUO") is stored in memory as a record {kind: 'fdt', tree};
// the KHO root FDT is built on demand from the state, with each sub-FDT nested under its node.
import { KHO_FDT_COMPATIBLE, KHO_SUBTREE_PROP } from './constants';
import { readRecord } from './kho';
import type { FdtNode, FdtProp, KhoState } from './types';

export function fdtNode(name: string, props: FdtProp[] = [], children: FdtNode[] = []): FdtNode {
  return { name, props, children };
}

export const str = (name: string, value: string): FdtProp => ({ name, type: 'string', value });
export const u64 = (name: string, value: number): FdtProp => ({ name, type: 'u64', value });
export const phys = (name: string, value: number): FdtProp => ({ name, type: 'phys', value });

export function prop(node: FdtNode, name: string): FdtProp | undefined {
  return node.props.find((p) => p.name === name);
}

export function child(node: FdtNode, name: string): FdtNode | undefined {
  return node.children.find((c) => c.name === name);
}

/** The sub-FDT stored at pa, if that memory holds one. */
export function readFdt(kho: KhoState, pa: number): FdtNode | null {
  const rec = readRecord<{ tree: FdtNode }>(kho, pa, 'fdt');
  return rec ? rec.tree : null;
}

/**
 * The outgoing KHO tree (or the incoming one with `incoming`): root compatible, the memory-map
 * property and one node per sub-FDT holding its address, with the sub-FDT itself as a child.
 */
export function khoTree(kho: KhoState, incoming = false): FdtNode {
  const subtrees = incoming ? kho.incomingSubtrees : kho.subtrees;
  const props: FdtProp[] = [str('compatible', KHO_FDT_COMPATIBLE[kho.version])];
  if (kho.version === 'radix') props.push(str('preserved-memory-map', 'radix tree root (updated in place)'));
  else props.push(str('preserved-memory-map', kho.finalized || incoming ? 'chunk list built at finalize' : 'not built until finalize'));
  const children = Object.entries(subtrees).map(([name, pa]) => {
    const sub = readFdt(kho, pa);
    const n = fdtNode(name, [phys(KHO_SUBTREE_PROP[kho.version], pa)], sub ? [{ ...sub, name: '(blob)', blobPa: pa }] : []);
    return n;
  });
  return fdtNode('/', props, children);
}

/** DTS-like text, for a quick look in tests and the CLI. */
export function fdtToText(node: FdtNode, indent = ''): string {
  const lines = [`${indent}${node.name === '/' ? '/' : node.name} {`];
  for (const p of node.props) {
    const v = p.type === 'string' ? `"${p.value}"` : p.type === 'phys' ? `<0x${Number(p.value).toString(16)}>` : `<${p.value}>`;
    lines.push(`${indent}  ${p.name} = ${v};`);
  }
  for (const c of node.children) lines.push(fdtToText(c, indent + '  '));
  lines.push(`${indent}};`);
  return lines.join('\n');
}
