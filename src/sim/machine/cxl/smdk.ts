// SMDK cxl-cli grouping (OpenMPDK/SMDK lib/cxl_cli/cxl/smdk.c): which node and zone each CXL
// device's memory joins. v1 kernels have ZONE_EXMEM; v2 (kernel 6.6+) uses vanilla zones, so the
// same grouping lands in ZONE_MOVABLE.
import type { ZoneName } from '../schema';
import type { SmdkConfig } from '../schema-cxl';

export interface SmdkPlacement {
  /** Node the device joins; null for group-dax (hmem devdax, node -1). */
  node: number | null;
  zone: ZoneName;
  rule: string;
}

/**
 * @param socket socket of the device's host bridge
 * @param index  position of the device among all CXL devices (group-noop numbering)
 * @param nrSockets number of CPU sockets
 */
export function smdkPlacement(smdk: SmdkConfig, socket: number, index: number, nrSockets: number): SmdkPlacement {
  const zone: ZoneName = smdk.version === 'v1' ? 'ExMem' : 'Movable';
  switch (smdk.mode) {
    case 'group-zone':
      return { node: socket, zone, rule: 'group-zone: node = socket id (joins the socket DRAM node as a separate zone)' };
    case 'group-node':
      return { node: nrSockets + socket, zone, rule: 'group-node: node = nr_socket + socket id (one CXL node per socket)' };
    case 'group-noop':
      return { node: nrSockets + index, zone, rule: 'group-noop: node = nr_socket + i (one node per device)' };
    case 'group-dax':
      return { node: null, zone: 'Device', rule: 'group-dax: node -1, exposed as hmem devdax' };
  }
}
