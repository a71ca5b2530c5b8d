// Simplifications the model makes, as strings the UI can show next to the figures they affect.
// Each says what the kernel really does and what the model does instead.

export const NOTES = {
  memmapLocalNode: 'memmap of hot-plugged memory is placed on the nearest CPU node by SLIT distance; the kernel uses the node of the CPU running the hotplug (usually the same socket).',
  kmemKeepsNamespaceReserve: 'a devdax namespace turned into System RAM keeps its on-device info block and memmap reserve unused; kmem allocates a fresh memmap for the hot-plugged blocks.',
  defaultAccess: 'nodes without HMAT figures use textbook latency/bandwidth (DRAM 90 ns, Optane 305 ns, CXL +80 ns); DRAM bandwidth defaults to one DDR5-4800 channel per node.',
  adistOverflow: 'abstract distance is computed with exact integers; the kernel uses unsigned 32-bit arithmetic, which could wrap for extreme bandwidth values.',
  autoOnlineZone: 'with auto_online_blocks=online the zone is modeled as ZONE_NORMAL (contig-zones) or ZONE_MOVABLE (movable_node / auto-movable) for the whole device; the kernel decides block by block.',
  smdkRegions: 'SMDK groups are applied to CXL ram regions (one device each in SMDK setups); SMDK v1 onlined each device itself rather than through a cxl region.',
  smdkTiers: 'SMDK ExMem zones predate memory tiers; a group-zone node keeps the DRAM abstract distance.',
  sectorBtt: 'sector mode uses the BTT v1.1 layout (4 KiB initial offset, 256 free blocks per arena).',
  poolModel: 'the DRAM pool is not a mainline interface: it follows guestmemfs (RFC, 2024) — memory reserved with memmap=nn$ss, outside the buddy allocator, with no struct pages unless asked.',
  ndE820Proposed: 'nd_e820.pmem= is a PROPOSED, unmerged kernel parameter (M. Clapinski, 2025): shards have no label and no info block; memmap lives in RAM.',
  ramdax619: 'ramdax (Linux 6.19) keeps namespace labels in the last 128 KiB of each carve-out and must be bound via driver_override.',
  cxlSwitchLatency: 'CXL switch hop latency defaults to 100 ns (vendor commentary quotes 100-120 ns, unverified); device added latency defaults to 80 ns (local +70-90 ns).',
  blockSizeAdvice: 'the CFMWS-based block-size advice (2024 series) is not applied; the CXL docs say v6.15 ignores CFMWS alignment.',
  perfRefDisabled: 'default DRAM nodes whose HMAT figures differ by more than 10% disable the performance-based abstract distance; all nodes then use the defaults.',
  sharedMemory: 'a region shared by several hosts is modeled as mapped at each host\'s own HPA; coherence between hosts (CXL 3.x) is not modeled.',
  blockEdits: 'dax System RAM is onlined or offlined as a whole device (daxctl online-memory/offline-memory); single-block edits apply to boot RAM ranges.',
} as const;
