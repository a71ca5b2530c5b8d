// The real commands (being built): from store.machine.commands.
export function CommandsPanel() {
  return <p className="muted">Commands are on their way.</p>;
}
