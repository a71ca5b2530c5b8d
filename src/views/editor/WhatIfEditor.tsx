// What-if editor (being built): forms that call store.editMachine(op).
export function WhatIfEditor() {
  return <p className="muted">The what-if editor is on its way.</p>;
}
