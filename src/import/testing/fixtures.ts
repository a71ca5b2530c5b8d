// Small hand-written tool outputs shared by several tests (the shared samples have no full zoneinfo).

/** A guest whose Normal zone is present far above managed (memory handed over lazily). */
export const LAZY_GUEST_ZONEINFO = `Node 0, zone      DMA
  per-node stats
      nr_inactive_anon 5
      nr_active_anon 100
  pages free     3840
        boost    0
        min      22
        low      27
        high     32
        spanned  4095
        present  3998
        managed  3840
        cma      0
        protection: (0, 1918, 23939, 23939, 23939)
      nr_free_pages 3840
  pagesets
    cpu: 0
              count: 0
              high:  0
              batch: 1
  vm stats threshold: 4
  node_unreclaimable:  0
  start_pfn:           1
Node 0, zone    DMA32
  pages free     400000
        spanned  1044480
        present  782298
        managed  500000
  start_pfn:           4096
Node 0, zone   Normal
  pages free     1000000
        spanned  5505024
        present  5505024
        managed  1500000
  start_pfn:           1048576
Node 0, zone  Movable
  pages free     0
        min      0
        spanned  0
        present  0
        managed  0
        protection: (0, 0, 0, 0, 0)
`;


/** hwloc 2.x XML (as Debian 12's lstopo 2.9+ writes it): no id="objN", MemoryTier infos, distances2, memattrs. */
export const HWLOC_V2_XML = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE topology SYSTEM "hwloc2.dtd">
<topology version="2.0">
  <object type="Machine" os_index="0" cpuset="0x0000000f" complete_cpuset="0x0000000f" allowed_cpuset="0x0000000f" nodeset="0x00000003" complete_nodeset="0x00000003" allowed_nodeset="0x00000003" gp_index="1">
    <info name="Backend" value="Linux"/>
    <object type="Package" os_index="0" cpuset="0x0000000f" complete_cpuset="0x0000000f" nodeset="0x00000001" complete_nodeset="0x00000001" gp_index="2">
      <object type="NUMANode" os_index="0" cpuset="0x0000000f" complete_cpuset="0x0000000f" nodeset="0x00000001" complete_nodeset="0x00000001" gp_index="3" local_memory="8589934592">
        <page_type size="4096" count="2097152"/>
        <page_type size="2097152" count="0"/>
        <info name="MemoryTier" value="0"/>
      </object>
      <object type="Core" os_index="0" cpuset="0x00000003" complete_cpuset="0x00000003" nodeset="0x00000001" complete_nodeset="0x00000001" gp_index="4">
        <object type="PU" os_index="0" cpuset="0x00000001" complete_cpuset="0x00000001" nodeset="0x00000001" complete_nodeset="0x00000001" gp_index="5"/>
        <object type="PU" os_index="1" cpuset="0x00000002" complete_cpuset="0x00000002" nodeset="0x00000001" complete_nodeset="0x00000001" gp_index="6"/>
      </object>
      <object type="Core" os_index="1" cpuset="0x0000000c" complete_cpuset="0x0000000c" nodeset="0x00000001" complete_nodeset="0x00000001" gp_index="7">
        <object type="PU" os_index="2" cpuset="0x00000004" complete_cpuset="0x00000004" nodeset="0x00000001" complete_nodeset="0x00000001" gp_index="8"/>
        <object type="PU" os_index="3" cpuset="0x00000008" complete_cpuset="0x00000008" nodeset="0x00000001" complete_nodeset="0x00000001" gp_index="10"/>
      </object>
    </object>
    <object type="NUMANode" os_index="1" cpuset="0x0000000f" complete_cpuset="0x0000000f" nodeset="0x00000002" complete_nodeset="0x00000002" gp_index="9" local_memory="17179869184" subtype="CXL-DRAM">
      <info name="CXLDevice" value="mem0"/>
      <info name="MemoryTier" value="1"/>
    </object>
  </object>
  <distances2 type="NUMANode" nbobjs="2" kind="5" name="NUMALatency" indexing="os">
    <indexes length="4">0 1 </indexes>
    <u64values length="12">10 14 14 10 </u64values>
  </distances2>
  <support name="discovery.pu"/>
  <memattr name="Bandwidth" flags="5">
    <memattr_value target_obj_type="NUMANode" target_obj_gp_index="3" value="40000" initiator_cpuset="0x0000000f"/>
    <memattr_value target_obj_type="NUMANode" target_obj_gp_index="9" value="20000" initiator_cpuset="0x0000000f"/>
  </memattr>
  <memattr name="Latency" flags="6">
    <memattr_value target_obj_type="NUMANode" target_obj_gp_index="3" value="90" initiator_cpuset="0x0000000f"/>
    <memattr_value target_obj_type="NUMANode" target_obj_gp_index="9" value="250" initiator_obj_gp_index="1" initiator_obj_type="Machine"/>
  </memattr>
</topology>
`;
