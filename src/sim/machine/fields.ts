// Field types shared by every part of the machine schema. Kept apart from schema.ts so that the
// pmem, CXL and dax sub-schemas can use them without an import cycle.
import { z } from 'zod';
import { parseSize } from '../units/size';

/** A size in bytes, written as a number or as "4G", "128MiB", "0x1000". */
export const sizeField = z.union([z.number().int().nonnegative(), z.string()]).transform((v, ctx) => {
  if (typeof v === 'number') return v;
  try {
    return parseSize(v);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message });
    return z.NEVER;
  }
});

/** Object ids as the kernel tools print them: "region0", "namespace0.0", "dax0.0", "mem3". */
export const idField = z.string().min(1).max(200);

export const nodeIdField = z.number().int().nonnegative();
