// Kexec HandOver model: scratch regions, preserved extents, trackers, FDTs, format arithmetic.
export * from './constants';
export type * from './types';
export * from './alloc';
export * from './content';
export * from './scratch';
export * from './kho';
export * from './tracker';
export * from './fdt';
export * from './formats';
export * from './memmap';
