// Where a CXL memdev sits: directly below a host bridge, or behind switches, and what that costs.
import type { CxlConfig, CxlMemdev } from '../schema-cxl';

export interface MemdevPath {
  hostBridge: string | undefined;
  /** Switches from the device up to the host bridge. */
  switches: string[];
  attachment: 'direct' | 'switch';
}

export function pathOf(cxl: CxlConfig, memdevId: string): MemdevPath {
  const dev = cxl.memdevs.find((d) => d.id === memdevId);
  const switches: string[] = [];
  let at = dev?.attach;
  for (let guard = 0; at !== undefined && guard < 16; guard++) {
    const sw = cxl.switches.find((s) => s.id === at);
    if (!sw) break;
    switches.push(sw.id);
    at = sw.upstream;
  }
  const hostBridge = cxl.hostBridges.some((b) => b.id === at) ? at : undefined;
  return { hostBridge, switches, attachment: switches.length ? 'switch' : 'direct' };
}

export function hostBridgeOf(cxl: CxlConfig, memdevId: string): string | undefined {
  return pathOf(cxl, memdevId).hostBridge;
}

/** PCIe link bandwidth per direction: GT/s per lane x lanes / 8 bits (encoding overhead ignored). */
export function linkBandwidthMiBps(dev: CxlMemdev): number {
  return (dev.linkGTs * dev.linkWidth * 1e9) / 8 / 2 ** 20;
}

export function deviceBandwidthMiBps(dev: CxlMemdev): number {
  const link = linkBandwidthMiBps(dev);
  return dev.mediaBandwidthMiBps ? Math.min(link, dev.mediaBandwidthMiBps) : link;
}

/** Latency the device adds over local DRAM: its own figure plus one pass per switch. */
export function addedLatencyNs(cxl: CxlConfig, memdevId: string): number {
  const dev = cxl.memdevs.find((d) => d.id === memdevId);
  if (!dev) return 0;
  const path = pathOf(cxl, memdevId);
  return dev.addedLatencyNs + path.switches.reduce((a, s) => a + (cxl.switches.find((x) => x.id === s)?.hopLatencyNs ?? 0), 0);
}

/**
 * Bandwidth of an interleave over `targets`: the sum of the devices, with everything behind one
 * switch capped by that switch's upstream link when it is given.
 */
export function aggregatedBandwidthMiBps(cxl: CxlConfig, targets: string[]): number {
  const groups = new Map<string, number>();
  for (const t of targets) {
    const dev = cxl.memdevs.find((d) => d.id === t);
    if (!dev) continue;
    const top = pathOf(cxl, t).switches.at(-1) ?? `direct:${t}`;
    groups.set(top, (groups.get(top) ?? 0) + deviceBandwidthMiBps(dev));
  }
  let total = 0;
  for (const [key, bw] of groups) {
    const cap = cxl.switches.find((s) => s.id === key)?.upstreamBandwidthMiBps;
    total += cap ? Math.min(cap, bw) : bw;
  }
  return total;
}
