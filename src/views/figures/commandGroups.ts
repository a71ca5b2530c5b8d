// The real commands of a machine, grouped the way an administrator runs them (boot first), each
// group with what it does and the exact text a Copy button puts on the clipboard.
import type { MachineCommands } from '../../sim/machine';

export interface CommandGroup {
  key: 'kernelCmdline' | 'ndctl' | 'cxl' | 'daxctl' | 'sysfs';
  title: string;
  explain: string;
  lines: string[];
  /** What Copy copies: the kernel command line is one line; tool commands one per line. */
  text: string;
}

const GROUPS: Omit<CommandGroup, 'lines' | 'text'>[] = [
  {
    key: 'kernelCmdline',
    title: 'Kernel command line',
    explain: 'Boot parameters (for example in GRUB_CMDLINE_LINUX): legacy pmem and DRAM carve-outs (memmap=), how much memory is movable, how hot-plugged memory is onlined, the KHO scratch area.',
  },
  {
    key: 'cxl',
    title: 'cxl',
    explain: 'Creates the CXL regions: memdevs interleaved behind a root decoder with the given ways, granularity and size (SMDK: how devices are grouped into nodes).',
  },
  {
    key: 'ndctl',
    title: 'ndctl',
    explain: 'Creates the pmem namespaces in each region, in this order (each allocates from the region’s free capacity): mode, --align and where the struct pages go (--map).',
  },
  {
    key: 'daxctl',
    title: 'daxctl',
    explain: 'Turns dax devices into System RAM through kmem (ZONE_MOVABLE unless --no-movable), or back into devdax.',
  },
  {
    key: 'sysfs',
    title: 'sysfs',
    explain: 'Per-device settings and memory blocks, written as root before (or instead of) the tools above.',
  },
];

export function commandGroups(c: MachineCommands): { groups: CommandGroup[]; unused: string[] } {
  const groups: CommandGroup[] = [];
  const unused: string[] = [];
  for (const g of GROUPS) {
    const lines = c[g.key];
    if (!lines.length) unused.push(g.title);
    else groups.push({ ...g, lines, text: g.key === 'kernelCmdline' ? lines.join(' ') : lines.join('\n') });
  }
  return { groups, unused };
}

/** Everything as one shell script: the command line as a comment, then the commands in order. */
export function commandsScript(c: MachineCommands, machine: string): string {
  const { groups } = commandGroups(c);
  const out = [`# ${machine}: commands that produce this layout (Handover Lab)`];
  for (const g of groups) {
    out.push('', `# ${g.title}`);
    if (g.key === 'kernelCmdline') out.push(`# add to the kernel command line: ${g.text}`);
    else out.push(...g.lines);
  }
  for (const n of c.notes) out.push(`# note: ${n}`);
  return `${out.join('\n')}\n`;
}
