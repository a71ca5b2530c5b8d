// The real commands that would produce a machine's layout: kernel command line, ndctl, daxctl,
// cxl-cli (and SMDK's cxl group-*), and sysfs writes. Command forms from the ndctl/daxctl/cxl
// man pages (pmem/ndctl Documentation/) and kernel-parameters.txt; see docs/memory-map.md.
import { DEFAULT_KERNEL } from './derive-context';
import type { Machine } from './schema';
import { formatSizeArg } from '../units/size';

export interface MachineCommands {
  kernelCmdline: string[];
  ndctl: string[];
  daxctl: string[];
  cxl: string[];
  sysfs: string[];
  /** Caveats: proposed parameters, escaping, binding steps. */
  notes: string[];
}

const hex = (n: number) => `0x${n.toString(16)}`;
const nsIndex = (id: string) => /(\d+)\.(\d+)$/.exec(id);

export function commandsFor(m: Machine): MachineCommands {
  const out: MachineCommands = { kernelCmdline: [], ndctl: [], daxctl: [], cxl: [], sysfs: [], notes: [] };
  const kernel = m.kernel ?? DEFAULT_KERNEL;
  const hp = kernel.hotplug;
  const pmem = m.pmem;

  // memmap=nn!ss for every legacy pmem carve-out (e820 type 12): listed ranges and e820/ramdax/nd_e820 regions.
  const carve = new Map<number, number>();
  for (const r of m.ranges) if (r.type === 'persistent-legacy') carve.set(r.start, r.size);
  for (const r of pmem?.regions ?? []) if (r.provider !== 'nfit' && !carve.has(r.start)) carve.set(r.start, r.size);
  for (const [start, size] of [...carve].sort((a, b) => a[0] - b[0])) out.kernelCmdline.push(`memmap=${formatSizeArg(size)}!${formatSizeArg(start)}`);
  for (const r of pmem?.regions ?? [])
    if (r.provider === 'nd_e820' && r.shards)
      out.kernelCmdline.push(`nd_e820.pmem=${formatSizeArg(r.start)},${formatSizeArg(r.shards.size)},mode=${r.shards.mode},align=${formatSizeArg(r.shards.align)}`);
  if (pmem?.regions.some((r) => r.provider === 'nd_e820')) out.notes.push('nd_e820.pmem= is a PROPOSED parameter (not merged upstream)');
  for (const p of m.pools ?? []) out.kernelCmdline.push(`memmap=${formatSizeArg(p.size)}$${formatSizeArg(p.start)}`);
  if (m.pools?.length) out.notes.push('memmap=nn$ss: escape the $ in GRUB (memmap=nn\\$ss)');

  const bootMovable = m.ranges.filter((r) => r.type === 'system-ram' && r.zone === 'Movable').reduce((a, r) => a + r.size, 0);
  if (kernel.movablecore !== undefined) out.kernelCmdline.push(`movablecore=${formatSizeArg(kernel.movablecore)}`);
  else if (bootMovable) out.kernelCmdline.push(`movablecore=${formatSizeArg(bootMovable)}`);
  if (kernel.kernelcore !== undefined) out.kernelCmdline.push(`kernelcore=${formatSizeArg(kernel.kernelcore)}`);
  if (kernel.movableNode) out.kernelCmdline.push('movable_node');
  if (hp.autoOnlineBlocks !== 'offline') out.kernelCmdline.push(`memhp_default_state=${hp.autoOnlineBlocks}`);
  if (hp.memmapOnMemory) out.kernelCmdline.push('memory_hotplug.memmap_on_memory=1');
  if (hp.onlinePolicy !== 'contig-zones') out.kernelCmdline.push(`memory_hotplug.online_policy=${hp.onlinePolicy}`);
  if (hp.autoMovableRatio !== 301) out.kernelCmdline.push(`memory_hotplug.auto_movable_ratio=${hp.autoMovableRatio}`);
  if (!hp.autoMovableNumaAware) out.kernelCmdline.push('memory_hotplug.auto_movable_numa_aware=0');
  if (kernel.khoScratch) {
    const k = kernel.khoScratch;
    out.kernelCmdline.push('kho=on', 'percent' in k ? `kho_scratch=${k.percent}%` : `kho_scratch=${formatSizeArg(k.lowmem)},${formatSizeArg(k.global)},${formatSizeArg(k.pernode)}`);
  }

  if (pmem?.regions.some((r) => r.provider === 'ramdax'))
    out.notes.push('ramdax (6.19): bind the legacy pmem platform device to the ramdax driver through driver_override instead of e820_pmem');
  for (const ns of pmem?.namespaces ?? []) {
    const region = pmem?.regions.find((r) => r.id === ns.region);
    if (!region || region.provider === 'nd_e820') continue;
    const pfn = ns.mode === 'fsdax' || ns.mode === 'devdax';
    const opts = pfn ? ` --align=${formatSizeArg(ns.align)} --map=${ns.map}` : ns.mode === 'sector' ? ` --sector-size=${ns.sectorSize}` : '';
    if (region.provider === 'e820') out.ndctl.push(`ndctl create-namespace --reconfig=${ns.id} --mode=${ns.mode}${opts} --force`);
    else out.ndctl.push(`ndctl create-namespace --region=${region.id} --mode=${ns.mode} --size=${formatSizeArg(ns.size)}${opts}${ns.name ? ` --name=${ns.name}` : ''}`);
  }

  for (const d of m.dax ?? []) {
    if (d.memmapOnMemory) out.sysfs.push(`echo 1 > /sys/bus/dax/devices/${d.id}/memmap_on_memory`);
    if (d.mode === 'system-ram') {
      const flags = [d.movable ? '' : ' --no-movable', d.online ? '' : ' --no-online', hp.autoOnlineBlocks !== 'offline' ? ' --force' : ''].join('');
      out.daxctl.push(`daxctl reconfigure-device --mode=system-ram${flags} ${d.id}`);
    } else if (d.source.kind !== 'namespace') out.daxctl.push(`daxctl reconfigure-device --mode=devdax ${d.id}`);
  }

  const cxl = m.cxl;
  if (cxl?.smdk) out.cxl.push(`cxl ${cxl.smdk.mode}`);
  for (const r of cxl?.regions ?? []) {
    out.cxl.push(`cxl create-region -m -d ${r.rootDecoder} -t ${r.type} -w ${r.ways} -g ${r.granularity} -s ${formatSizeArg(r.size)} ${r.targets.join(' ')}`);
    const dax = `dax${nsIndex(`${r.id}.0`)?.[1] ?? '0'}.0`;
    const listed = (m.dax ?? []).some((d) => d.source.kind === 'cxl-region' && d.source.region === r.id);
    if (r.type !== 'ram' || listed || cxl?.smdk) continue;
    if (r.dax === 'devdax') out.daxctl.push(`daxctl reconfigure-device --mode=devdax ${dax}`);
    else if (r.dax === 'system-ram' && !r.movable) out.daxctl.push(`daxctl reconfigure-device --mode=system-ram --no-movable --force ${dax}`);
  }
  for (const b of m.ranges.filter((r) => r.type === 'system-ram' && !r.online)) {
    const first = Math.floor(b.start / m.memoryBlockBytes);
    const count = Math.ceil(b.size / m.memoryBlockBytes);
    out.sysfs.push(`# ${b.id}: blocks ${first}..${first + count - 1} (${hex(b.start)}) offline: echo offline > /sys/devices/system/memory/memory${first}/state`);
  }
  return out;
}
