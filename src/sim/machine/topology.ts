// Nodes and distances: node kinds, SLIT lookups and default access figures where HMAT is silent.
import type { Machine, MachineNode, TierKind } from './schema';

export type NodeKind = 'cpu+memory' | 'memory-only' | 'cpu-only';

export function nodeKind(node: MachineNode, memoryBytes: number): NodeKind {
  if (node.cpus.length === 0) return 'memory-only';
  return memoryBytes > 0 ? 'cpu+memory' : 'cpu-only';
}

/** SLIT distance; without a table the kernel uses LOCAL_DISTANCE 10 and REMOTE_DISTANCE 20. */
export function distanceFn(m: Machine): (a: number, b: number) => number {
  const index = new Map(m.nodes.map((n, i) => [n.id, i]));
  return (a, b) => {
    const ia = index.get(a);
    const ib = index.get(b);
    if (m.distances && ia !== undefined && ib !== undefined) return m.distances[ia][ib];
    return a === b ? 10 : 20;
  };
}

/** Nearest node that has CPUs: where the kernel allocates memmap for hot-plugged memory. */
export function nearestCpuNode(m: Machine, node: number): number {
  const dist = distanceFn(m);
  const cpuNodes = m.nodes.filter((n) => n.cpus.length > 0);
  if (cpuNodes.length === 0) return node;
  return cpuNodes.reduce((best, n) => (dist(node, n.id) < dist(node, best.id) ? n : best), cpuNodes[0]).id;
}

/**
 * Idle read latency (ns) and read bandwidth (MiB/s) used when a node has no HMAT figures.
 * Sources: memory-tiers.md §3.4 (DRAM 80-100 ns, Optane random read 305 ns, CXL local +70-90 ns,
 * DDR5-4800 38.4 GB/s per channel, Optane 6.6 GB/s read per DIMM). HBM figures are unsourced.
 */
export const DEFAULT_ACCESS: Record<TierKind, { latencyNs: number; bandwidthMiBps: number }> = {
  dram: { latencyNs: 90, bandwidthMiBps: 36_621 },
  hbm: { latencyNs: 90, bandwidthMiBps: 200_000 },
  pmem: { latencyNs: 305, bandwidthMiBps: 6_294 },
  cxl: { latencyNs: 170, bandwidthMiBps: 30_518 },
};

export function nodeById(m: Machine, id: number): MachineNode | undefined {
  return m.nodes.find((n) => n.id === id);
}

/** Distinct sockets of CPU nodes (node.socket, or the node id when unset). */
export function socketsOf(m: Machine): number[] {
  return [...new Set(m.nodes.filter((n) => n.cpus.length > 0).map((n) => n.socket ?? n.id))].sort((a, b) => a - b);
}
