// One entry per area; each module exports `run` (see harness.ts). Browser-based areas
// (frame times) live in bench/browser and are run the same way.
import type { BenchArea } from './harness';

export const areas: Record<string, () => Promise<{ run: BenchArea }>> = {
  engine: () => import('./engine'),
  map: () => import('./map'),
  'map/browser': () => import('./browser/mapZoom'),
  import: () => import('./import'),
  dirty: () => import('./dirty'),
  'dirty/browser': () => import('./browser/heatZoom'),
  luo: () => import('./luo'),
  precopy: () => import('./precopy'),
};
