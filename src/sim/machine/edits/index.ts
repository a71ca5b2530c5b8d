// What-if edits: each returns { ok: true, machine, warnings } or { ok: false, error: { rule, message, path } }.
export * from './result';
export * from './pmem';
export * from './cxl';
export * from './blocks';
export * from './ops';
