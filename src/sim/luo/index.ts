// Live Update Orchestrator model: both models, handlers, the script runner, timelines, versions.
export type * from './types';
export * from './errno';
export { SRC } from './sources';
export * from './ops';
export { parseFileSpec, fileDigest, pageHashes, holePages, type FileSpec } from './files';
export { HANDLERS, handlerDef, memfdHandler, vfioHandler, type HandlerDef } from './handlers/index';
export { kernelLimits, SESSION_NAME_LENGTH, RFC_MAX_SUBSYSTEMS } from './limits';
export { createLuoSystem, applyOp, previewOp, allowedEvents, stateLabel, type LuoOptions, type AllowedEvent } from './system';
export { sysfsState } from './rfc2';
export { sessionFd, registerHandler, unregisterHandler } from './mainline';
export { registerFlb, flbGetIncoming, TEST_FLB_BASE, testFlbName } from './flb';
export * from './script';
export * from './blackout';
export { blackoutInput } from './inputs';
export * from './compat';
export * from './reference';
export * from './describe';
export { fileReport } from './report';
