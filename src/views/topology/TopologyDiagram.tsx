// Topology diagram (being built): nodes, CPUs, distances, tiers; linked selection.
export function TopologyDiagram() {
  return null;
}
