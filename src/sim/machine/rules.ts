// Every rule the model enforces or warns about, with the text shown to the user and its source.
// Errors and warnings carry a rule id so the UI can show where a refusal comes from.

export interface Rule {
  id: string;
  /** One sentence, shown as the refusal message's first part. */
  text: string;
  /** Where the rule comes from (file, doc or mail); see docs/memory-map.md. */
  source: string;
}

const r = (id: string, text: string, source: string): Rule => ({ id, text, source });

export const RULES = {
  nsStartAlign: r('pmem.ns-start-16M', 'fsdax and devdax namespaces must start on a 16 MiB boundary', 'ndctl Documentation/ndctl/ndctl-create-namespace.txt (--align); kernel needs 2 MiB (memremap_compat_align)'),
  nsKernelStartAlign: r('pmem.ns-start-compat-align', 'the kernel refuses an fsdax/devdax namespace whose start is not 2 MiB aligned', 'linux drivers/nvdimm/pfn_devs.c nd_pfn_init (memremap_compat_align)'),
  nsAlignValue: r('pmem.ns-align-value', 'namespace alignment must be 4K, 2M, 16M or 1G', 'ndctl list -C capabilities (4096, 2097152, 1073741824); write-infoblock sample uses 16M'),
  nsSizeMultiple: r('pmem.ns-size-multiple', 'namespace size must be a multiple of interleave ways x alignment', 'ndctl Documentation/ndctl/ndctl-create-namespace.txt (--size)'),
  nsTooSmall: r('pmem.ns-too-small', 'the namespace is too small for its info block, memmap and alignment', 'linux drivers/nvdimm/pfn_devs.c nd_pfn_init ("unable to satisfy requested alignment")'),
  nsInsideRegion: r('pmem.ns-inside-region', 'a namespace must lie inside the available capacity of its region', 'ndctl Documentation/ndctl/namespace-description.txt'),
  nsOverlap: r('pmem.ns-overlap', 'namespaces of one region must not overlap', 'ndctl Documentation/ndctl/namespace-description.txt'),
  nsMapMode: r('pmem.ns-map-mode', '--map applies only to fsdax and devdax namespaces', 'ndctl Documentation/ndctl/ndctl-create-namespace.txt (--map)'),
  labelless: r('pmem.labelless-fixed', 'a label-less (e820) region has exactly one region-sized namespace; only its mode can change', 'ndctl Documentation/ndctl/namespace-description.txt; ndctl-create-namespace.txt --autolabel'),
  ramdaxLabels: r('pmem.ramdax-label-area', 'ramdax keeps its labels in the last 128 KiB of the carve-out, so namespaces cannot use it', 'linux drivers/nvdimm/ramdax.c (LABEL_AREA_SIZE, mapping.size = size - 128K)'),
  labelSlots: r('pmem.label-slots', 'the label area holds a limited number of namespace labels', 'ndctl ndctl/lib/dimm.c (nslot = (config_size - 2 x index) / label_size); ramdax Kconfig "up to 509 namespaces"'),
  shardDivides: r('pmem.nd_e820-shard-divides', 'nd_e820.pmem= shard size must divide the memmap= entry (PROPOSED, not merged)', 'M. Clapinski, "libnvdimm/e820: Add a new parameter to split e820 entry into many regions" (nvdimm list, 2025)'),
  regionDimms: r('pmem.region-dimms', 'an interleave set maps the same DPA length on every DIMM, within each DIMM capacity', 'ndctl list -DRN sample (mappings offset/length per DIMM)'),
  dimmInUse: r('pmem.dimm-in-use', 'a DIMM that is part of a region cannot be removed', 'ndctl: regions are built from DIMM mappings'),
  regionBusy: r('pmem.region-busy', 'a region with namespaces cannot be removed or shrunk below them', 'ndctl destroy-namespace before disable-region'),
  daxSourceMode: r('dax.source-mode', 'a dax device needs a devdax namespace, a CXL ram region or a soft-reserved range', 'ndctl Documentation/daxctl/daxctl-reconfigure-device.txt'),
  daxAlignFault: r('dax.align', 'devdax alignment must be 4K, 2M or 1G on x86 (faults are served at that size)', 'ndctl Documentation/ndctl/ndctl-create-namespace.txt (--align)'),
  kmemTrim: r('kmem.trim-to-blocks', 'kmem hot-plugs only whole memory blocks: the range is trimmed to memory-block edges', 'linux drivers/dax/kmem.c dax_kmem_range'),
  kmemTooSmall: r('kmem.too-small', 'the dax range holds no whole memory block, so kmem adds nothing', 'linux drivers/dax/kmem.c ("too small after alignment")'),
  kmemNoMovable: r('kmem.no-movable', 'system-ram onlined into a kernel zone (--no-movable) may never be removable again', 'ndctl Documentation/daxctl/movable-options.txt'),
  autoOnline: r('hotplug.auto-online', 'daxctl refuses to online when auto_online_blocks is not "offline" (unless --force): the kernel already onlined the blocks, into its own choice of zone', 'ndctl Documentation/daxctl/daxctl-reconfigure-device.txt; pmem/ndctl#246'),
  kernelOutsideMovable: r('zone.kernel-outside-movable', 'kernel (unmovable) allocations are served only outside ZONE_MOVABLE', 'linux Documentation/admin-guide/mm/memory-hotplug.rst (ZONE_MOVABLE)'),
  onlyMovableRemovable: r('zone.only-movable-removable', 'only blocks in ZONE_MOVABLE can be reliably offlined and hot-removed', 'linux Documentation/admin-guide/mm/memory-hotplug.rst'),
  movableRatio: r('zone.movable-ratio', 'the kernel documentation considers MOVABLE:KERNEL up to 3:1 (perhaps 4:1) safe; far higher ratios starve the kernel zones', 'linux Documentation/admin-guide/mm/memory-hotplug.rst "ZONE_MOVABLE Sizing Considerations"'),
  memmapFitsKernel: r('zone.memmap-in-kernel', 'the memmap of hot-plugged memory is a kernel allocation and must fit in ZONE_NORMAL of the local node unless memmap_on_memory is on', 'linux Documentation/driver-api/cxl/linux/memory-hotplug.rst (Memory Map)'),
  memmapOnMemory: r('hotplug.memmap-on-memory', 'memmap_on_memory carves each block\'s memmap out of the block itself and needs it to fill whole pageblocks', 'linux mm/memory_hotplug.c mhp_supports_memmap_on_memory'),
  zoneOnlineMovable: r('zone.online-movable-adjacent', 'online_movable/online_kernel only apply to an offline block; an online block must be offlined first', 'linux Documentation/admin-guide/mm/memory-hotplug.rst (state file)'),
  zoneKinds: r('zone.allowed', 'boot RAM blocks can be DMA, DMA32, Normal or Movable; hot-plugged blocks Normal or Movable; ZONE_DEVICE is never onlined', 'linux Documentation/admin-guide/mm/memory-hotplug.rst (valid_zones)'),
  blockAlign: r('block.align', 'a memory block operation needs a block-aligned range', 'linux Documentation/admin-guide/mm/memory-hotplug.rst (memory blocks)'),
  blockSize: r('block.size', 'x86 memory blocks are 128 MiB below 64 GiB of boot memory, else 2 GiB on bare metal or the largest size up to 2 GiB aligned to the end of boot memory in a VM', 'linux arch/x86/mm/init_64.c probe_memory_block_size'),
  exmemSmdk: r('zone.exmem-smdk-v1', 'ZONE_EXMEM exists only in SMDK v1 kernels (never merged upstream)', 'OpenMPDK/SMDK lib/linux-5.18-rc3-smdk/include/linux/mmzone.h; SMDK CHANGELOG v2.0'),
  cxlWays: r('cxl.ways', 'CXL interleave ways must be 1, 2, 4, 8, 16, 3, 6 or 12', 'linux drivers/cxl/cxl.h ways_to_eiw'),
  cxlGranularity: r('cxl.granularity', 'CXL interleave granularity must be a power of two from 256 B to 16 KiB', 'linux drivers/cxl/cxl.h granularity_to_eig'),
  cxlWaysMultiple: r('cxl.ways-multiple-of-root', 'region ways must be the root decoder\'s ways times a power of two', 'linux drivers/cxl/core/region.c interleave_ways_store'),
  cxlGranularityRoot: r('cxl.granularity-matches-root', 'when the host bridges are interleaved, region granularity must equal the root decoder granularity', 'linux drivers/cxl/core/region.c interleave_granularity_store'),
  cxlTargets: r('cxl.targets', 'a region needs exactly `ways` distinct memdevs', 'ndctl Documentation/cxl/cxl-create-region.txt (--ways = number of targets)'),
  cxlSize: r('cxl.size', 'CXL region size must be a multiple of 256 MiB x ways and fit in the root decoder window', 'linux drivers/cxl/core/region.c alloc_hpa'),
  cxlCapacity: r('cxl.dpa', 'each memdev must have size/ways of free capacity in the partition (ram or pmem) the region uses', 'ndctl Documentation/cxl/cxl-create-region.txt'),
  cxlType: r('cxl.type', 'the root decoder must be capable of the region type (volatile or pmem)', 'ndctl Documentation/cxl/cxl-create-region.txt (--type)'),
  cxlRootTargets: r('cxl.root-targets', 'every memdev of a region must sit below a host bridge targeted by the root decoder', 'linux drivers/cxl/core/region.c (cxl_port_attach_region)'),
  cxlPartitionAlign: r('cxl.partition-align', 'ram/pmem partition sizes are multiples of the partition alignment', 'ndctl Documentation/cxl/cxl-set-partition.txt'),
  sharedKmem: r('cxl.shared-not-kmem', 'a CXL region mapped by several hosts must not be onlined as System RAM by any of them: that kernel would hand out pages the other hosts also use', 'derived: kmem gives the range to the local page allocator (drivers/dax/kmem.c)'),
  distanceMatrix: r('topology.slit', 'SLIT distances are 10 on the diagonal and symmetric', 'linux Documentation/driver-api/cxl/platform/acpi/slit.rst'),
  overlap: r('map.overlap', 'top-level ranges must not overlap', 'e820 / /proc/iomem'),
  poolOverflow: r('pool.overflow', 'pool consumers cannot take more than the pool holds', 'model of a boot-time DRAM pool (guestmemfs-like)'),
  poolPageAlign: r('pool.page-size', 'pool consumers take whole pages: 4K, 2M or 1G', 'hugetlb page sizes on x86'),
  poolInsideRam: r('pool.inside-ram', 'a DRAM pool must be carved out of system RAM (memmap=nn$ss)', 'linux Documentation/admin-guide/kernel-parameters.txt (memmap=nn$ss)'),
} as const satisfies Record<string, Rule>;

export type RuleKey = keyof typeof RULES;

/** A refusal or a warning. `path` is a JSON path into the machine, e.g. "$.pmem.namespaces[2].start". */
export interface Violation {
  rule: string;
  message: string;
  path: string;
  severity: 'error' | 'warning' | 'info';
}

export function violation(rule: RuleKey, detail: string, path: string, severity: Violation['severity'] = 'error'): Violation {
  return { rule: RULES[rule].id, message: `${RULES[rule].text}: ${detail}`, path, severity };
}
