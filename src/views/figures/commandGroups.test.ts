import { describe, expect, it } from 'vitest';
import { commandsFor } from '../../sim/machine';
import { presetMachine } from '../../sim/machine/test-helpers';
import { commandGroups, commandsScript } from './commandGroups';

describe('commandGroups', () => {
  it('keeps the ndctl commands one per line and names the groups that are not needed', () => {
    const { groups, unused } = commandGroups(commandsFor(presetMachine('two-socket-dram-optane')));
    expect(groups.map((g) => g.key)).toEqual(['ndctl']);
    expect(groups[0].text.split('\n')).toEqual([
      'ndctl create-namespace --region=region0 --mode=fsdax --size=1020G --align=2M --map=dev',
      'ndctl create-namespace --region=region0 --mode=devdax --size=420G --align=2M --map=dev',
      'ndctl create-namespace --region=region1 --mode=devdax --size=1440G --align=1G --map=dev',
    ]);
    expect(unused).toEqual(['Kernel command line', 'cxl', 'daxctl', 'sysfs']);
  });

  it('copies the kernel command line as one line, boot parameters before the tools', () => {
    const c = commandsFor(presetMachine('carveout-1g-shards-nd-e820'));
    const { groups } = commandGroups(c);
    expect(groups[0].key).toBe('kernelCmdline');
    expect(groups[0].text).not.toContain('\n');
    expect(groups[0].text.split(' ')).toEqual(c.kernelCmdline);
    const script = commandsScript(c, 'hv-host-nd-e820');
    expect(script).toContain(`# add to the kernel command line: ${c.kernelCmdline.join(' ')}`);
    expect(script).toContain('# note: nd_e820.pmem= is a PROPOSED parameter');
    expect(script.endsWith('\n')).toBe(true);
  });

  it('orders cxl before daxctl, as they must run', () => {
    const { groups } = commandGroups(commandsFor(presetMachine('cxl-shared-two-hosts')));
    expect(groups.map((g) => g.key)).toEqual(['cxl', 'daxctl']);
  });
});
