// Published timing figures (reference §4). None is a LUO/KHO measurement: they are context only,
// shown beside the simulator's labelled parameters.
export interface ReferenceFigure {
  id: string;
  value: string;
  context: string;
  /** [D] documentation / paper abstract; [I] inference. */
  tag: 'D' | 'I';
  source: string;
}

export const REFERENCE_FIGURES: ReferenceFigure[] = [
  {
    id: 'gce-live-migration',
    value: '50 ms median, 300 ms p99 blackout; >1,000,000 migrations a month',
    context: 'Google Compute Engine live migration (not live update)',
    tag: 'D',
    source: 'S-GMIG, paper abstract (likely "VM Live Migration At Scale", VEE 2018): http://globalauthorid.com/WebPortal/ArticleView?wd=68DB54E59BC4A44060A5E25A870FDECB1E2D317B3DA4CA70',
  },
  {
    id: 'hyfix',
    value: '2.31 s checkpoint/restore for a 256 GB VM; 7.6 s host reboot, constant in memory size',
    context: 'Hy-FiX in-place KVM upgrade with memory preserved across the host reboot',
    tag: 'D',
    source: 'S-HYFIX: https://discovery.researcher.life/article/hy-fix-fast-in-place-upgrades-of-kvm-hypervisors/d6f86b24b9de31fcb74f51b3886eea23',
  },
  {
    id: 'hyperfresh',
    value: '~10 ms hypervisor replacement',
    context: 'HyperFresh (nested-virtualization "hyperplexor"), a research prototype',
    tag: 'D',
    source: 'S-HYPERFRESH: https://suny.technologypublisher.com/tech/Fast_and_Live_Replacement_of_Hypervisors_and_Operating_Systems',
  },
  {
    id: 'vmphu',
    value: 'on the order of ten minutes of VM downtime for a full reboot',
    context: 'Microsoft VM-PHU (EuroSys 2021), motivation',
    tag: 'D',
    source: 'S-VMPHU: http://aminer.cn/pub/6089371591e011956375b1d3',
  },
  {
    id: 'lpc2025',
    value: 'no figure: "the disruption is limited to the time it takes to complete this entire process"',
    context: 'LPC 2025 Live Update microconference abstract; no LUO/KHO blackout measurement was found',
    tag: 'D',
    source: 'S-LPC25: https://lpc.events/event/19/sessions/231',
  },
];
