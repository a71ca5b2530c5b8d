// What every format parser receives: the file name for provenance, the issue log, and a progress hook.
import type { IssueLog } from './errors';
import type { Fragment } from './fragment';

export interface ParseContext {
  file: string;
  log: IssueLog;
  /** Characters of the text consumed so far. */
  progress: (done: number) => void;
}

/** A format parser: never throws, reports what it could not use through ctx.log. */
export type FormatParser = (text: string, ctx: ParseContext) => Fragment;
