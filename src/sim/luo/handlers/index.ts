import { memfdHandler } from './memfd';
import { vfioHandler } from './vfio';
import type { HandlerDef } from './types';

export type { HandlerDef, HandlerResult } from './types';
export { memfdHandler, vfioHandler };

export const HANDLERS: Record<string, HandlerDef> = {
  [memfdHandler.compatible]: memfdHandler,
  [vfioHandler.compatible]: vfioHandler,
};

export function handlerDef(compatible: string): HandlerDef | undefined {
  return HANDLERS[compatible];
}
