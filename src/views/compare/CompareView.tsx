// Compare two layouts (being built): store.baseline against store.machine.
export function CompareView() {
  return null;
}
