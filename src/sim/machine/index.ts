// Public API of the physical-memory model. Pure TypeScript and plain JSON data: safe to use in
// the worker, the CLI and tests.
export * from './schema';
export { deriveLayout, validateMachine } from './derive';
export type * from './layout';
export { commandsFor, type MachineCommands } from './commands';
export * from './edits';
export { buildTileIndex, computeTile, laneIndex, packTile, addressAt, offsetOf, type Tile, type TileIndex, type TileRequest } from './tiles';
export { MAP_CLASSES, ZONE_CODES, CLASS_CODE, type MapClass, type Span } from './addressmap';
export { RULES, type Rule, type Violation } from './rules';
export { NOTES } from './notes';
export { ZONE_RULES, zoneServesKernel, zoneIsHotRemovable } from './zones';
export { perfToAdistance, tierIdOf, groupTiers, demotionTargets } from './tiers';
export { kernelBlockSize, wholeBlocks } from './blocks';
export { computeInfoBlock, type InfoBlock } from './pmem/infoblock';
export { namespaceFigures, checkNamespace, type NamespaceFigures } from './pmem/namespace';
export { computeBtt } from './pmem/btt';
export { labelArea } from './pmem/labels';
export { CXL_WAYS, CXL_GRANULARITIES, isValidWays, isValidGranularity, positionOf } from './cxl/rules';
export { smdkPlacement } from './cxl/smdk';
