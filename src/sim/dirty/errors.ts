import { ERRNO, type ErrnoName } from './constants';

/**
 * A system call the model refuses, as the kernel would: `what` names the call the way the oracle
 * does ("ioctl(PAGEMAP_SCAN)", "madvise(MADV_DONTNEED)"), so the trace runner can print the
 * oracle's `error <what> errno=<n> (<text>)` line.
 */
export class KernelError extends Error {
  readonly errno: ErrnoName;
  readonly what: string;
  constructor(what: string, errno: ErrnoName) {
    super(`${what}: ${ERRNO[errno].text}`);
    this.name = 'KernelError';
    this.what = what;
    this.errno = errno;
  }

  /** The line uffd_oracle.c's die() prints. */
  oracleLine(): string {
    const e = ERRNO[this.errno];
    return `error ${this.what} errno=${e.code} (${e.text})`;
  }
}
