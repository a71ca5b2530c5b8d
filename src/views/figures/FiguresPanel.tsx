// Derived figures (being built): per node, zone and tier, from store.machine.layout.
export function FiguresPanel() {
  return <p className="muted">Derived figures are on their way.</p>;
}
