// Namespace label storage area (LSA) math, from ndctl ndctl/lib/dimm.c
// (ndctl_dimm_num_label_slots, __sizeof_namespace_index). Real Optane LSA: 128 KiB, 256-byte
// labels, nslot 510 (samples/ndctl/read-labels-j-nmem0-optane.json).

/** sizeof(struct namespace_index) without its free bitmap. */
const NAMESPACE_INDEX_HEADER = 72;
const NSINDEX_ALIGN = 256;

const alignUp = (x: number, a: number) => Math.ceil(x / a) * a;

export interface LabelArea {
  configSize: number;
  labelSize: number;
  /** Size of one of the two index blocks. */
  indexSize: number;
  nslot: number;
  /** One slot must stay free to update a label atomically (ramdax Kconfig: "up to 509 namespaces"). */
  maxNamespaces: number;
}

export function labelArea(configSize: number, labelSize: 128 | 256 = 256): LabelArea {
  const tmpSlots = Math.floor(configSize / labelSize);
  const indexSize = alignUp(NAMESPACE_INDEX_HEADER + Math.ceil(tmpSlots / 8), NSINDEX_ALIGN);
  const nslot = Math.max(0, Math.floor((configSize - 2 * indexSize) / labelSize));
  return { configSize, labelSize, indexSize, nslot, maxNamespaces: Math.max(0, nslot - 1) };
}
