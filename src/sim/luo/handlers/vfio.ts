// PROPOSED device handler (not in any released kernel): a VFIO PCI device file, after the
// "vfio/pci: Base support to preserve a VFIO device file across Live Update" series
// (lore 20251126193608.2678510-1-dmatlack@google.com). That base series preserves and retrieves the
// device file but not the running device state; iommufd preservation is a separate series.
// Illustrative choices (labelled in the UI): one preserved page of device record, freeze is a
// no-op, and can_finish() is false until the device file has been retrieved, showing where a
// device must be reclaimed before LUO lets go of it.
import { khoAllocPreserve, khoRestoreFree, khoUnpreserveFree, readRecord, extentAt } from '../../kho/kho';
import { newFile } from '../files';
import type { SimFile } from '../types';
import type { HandlerDef, HandlerResult } from './types';

export const vfioHandler: HandlerDef = {
  compatible: 'vfio-pci-proposed',
  proposed: true,
  note: 'PROPOSED (not merged): VFIO device file preservation; can_finish until retrieved is an illustrative choice.',
  kinds: ['vfio'],
  ops: ['can_preserve', 'preserve', 'unpreserve', 'freeze', 'retrieve', 'can_finish', 'finish'],

  canPreserve: (_sys, f) => f.kind === 'vfio',

  preserve(sys, f, owner): HandlerResult<number> {
    const ser = khoAllocPreserve(sys.kho, 64, { use: 'vfio-ser', owner, content: { t: 'rec', rec: { kind: 'vfio_pci_ser', bdf: f.bdf } } });
    if (typeof ser === 'string') return { ok: false, errno: 'ENOMEM', why: 'kho_alloc_preserve failed' };
    return { ok: true, value: ser.pa };
  },

  unpreserve(sys, _f, data) {
    khoUnpreserveFree(sys.kho, data);
  },

  freeze: () => null,

  retrieve(sys, data): HandlerResult<SimFile> {
    const rec = readRecord<{ bdf: string }>(sys.kho, data, 'vfio_pci_ser');
    if (!rec || !extentAt(sys.kho, data)?.incoming) return { ok: false, errno: 'EINVAL', why: 'no device record at the handler data address' };
    const f = newFile(sys, 'vfio', null);
    f.open = false;
    f.cloexec = true;
    f.bdf = rec.bdf;
    khoRestoreFree(sys.kho, data);
    return { ok: true, value: f };
  },

  canFinish: (_sys, retrieved) => retrieved,

  finish(sys, data, retrieved) {
    if (!retrieved) khoRestoreFree(sys.kho, data);
  },
};
