// Colours of the map's classes. Families, not one hue each: RAM blues, persistent memory
// ambers, CXL purples, kmem teal, pools slate; distinguishable under the common colour-vision
// deficiencies because families differ in lightness as well as hue.
import { MAP_CLASSES, type MapClass } from '../../sim/machine/addressmap';

type RGB = [number, number, number];

const LIGHT: Record<MapClass, RGB> = {
  hole: [255, 255, 255],
  'system-ram': [147, 197, 253],
  reserved: [203, 213, 225],
  'persistent-legacy': [253, 224, 71],
  persistent: [252, 211, 77],
  'soft-reserved': [253, 186, 116],
  'cxl-window': [221, 214, 254],
  'pmem-fsdax': [251, 191, 36],
  'pmem-devdax': [245, 158, 11],
  'pmem-sector': [202, 138, 4],
  'pmem-raw': [254, 240, 138],
  'pmem-metadata': [146, 64, 14],
  'label-area': [120, 53, 15],
  'kmem-ram': [45, 212, 191],
  'kmem-trimmed': [153, 246, 228],
  'memmap-on-memory': [15, 118, 110],
  'cxl-ram': [167, 139, 250],
  'cxl-pmem': [196, 181, 253],
  'pool-free': [226, 232, 240],
  'pool-hugetlb': [100, 116, 139],
  'pool-guest_memfd': [71, 85, 105],
  'pool-memfd': [148, 163, 184],
};

export const CLASS_LABEL: Record<MapClass, string> = {
  hole: 'hole',
  'system-ram': 'System RAM',
  reserved: 'reserved',
  'persistent-legacy': 'legacy pmem (memmap=)',
  persistent: 'persistent memory',
  'soft-reserved': 'soft reserved',
  'cxl-window': 'CXL window (unused)',
  'pmem-fsdax': 'fsdax namespace',
  'pmem-devdax': 'devdax namespace',
  'pmem-sector': 'sector namespace',
  'pmem-raw': 'raw namespace',
  'pmem-metadata': 'info block + struct pages',
  'label-area': 'label area',
  'kmem-ram': 'devdax as System RAM (kmem)',
  'kmem-trimmed': 'trimmed to block edges',
  'memmap-on-memory': 'memmap on memory',
  'cxl-ram': 'CXL RAM region',
  'cxl-pmem': 'CXL pmem region',
  'pool-free': 'pool: free',
  'pool-hugetlb': 'pool: hugetlb',
  'pool-guest_memfd': 'pool: guest_memfd',
  'pool-memfd': 'pool: memfd',
};

const byCode: RGB[] = MAP_CLASSES.map((c) => LIGHT[c]);

export function classColor(code: number, dark: boolean): RGB {
  const c = byCode[code] ?? [128, 128, 128];
  // Dark theme: the same hues, a little deeper, so text on the panel keeps its contrast.
  return dark ? [Math.round(c[0] * 0.78), Math.round(c[1] * 0.78), Math.round(c[2] * 0.78)] : c;
}

export function classCss(cls: MapClass): string {
  const [r, g, b] = LIGHT[cls];
  return `rgb(${r} ${g} ${b})`;
}
