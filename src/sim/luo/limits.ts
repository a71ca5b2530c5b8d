// The --kernel setting: what 6.19 and later kernels allow.
// 6.19: LUO_SESSION_MAX = (16 pages - 8-byte header) / 80-byte luo_session_ser = 819 (the code
//       comment still says 744, from an earlier 88-byte layout), then -ENOMEM (luo_session_insert);
//       LUO_FILE_MAX = 2 pages / 64-byte luo_file_ser = 128, then -ENOSPC (luo_preserve_file).
// later: kho_block sets of 4 KiB blocks with a 16-byte header: 51 sessions or 63 files a block,
//       at most KHO_MAX_BLOCKS = 10000 blocks, then -ENOSPC (kho_block_add). Entry sizes are assumed
//       unchanged from 6.19 (an inference, noted in the docs).
import type { KernelLimits, KernelLine } from './types';

const PAGE = 4096;
const SESSION_SER = 80;
const FILE_SER = 64;
const BLOCK_HEADER = 16;
export const KHO_MAX_BLOCKS = 10000;

export function kernelLimits(line: KernelLine): KernelLimits {
  if (line === '6.19') {
    return {
      line,
      sessionsMax: Math.floor((16 * PAGE - 8) / SESSION_SER),
      sessionsFullErrno: 'ENOMEM',
      filesMax: (2 * PAGE) / FILE_SER,
      filesFullErrno: 'ENOSPC',
      sessionsPerBlock: 0,
      filesPerBlock: 0,
      nameChecks: false,
      ioctlTyping: false,
      doublePreserveCheck: false,
      stickyRetrieveFailure: false,
      unfreezeZeroesData: true,
      deserializeChecksFiles: false,
    };
  }
  const sessionsPerBlock = Math.floor((PAGE - BLOCK_HEADER) / SESSION_SER);
  const filesPerBlock = Math.floor((PAGE - BLOCK_HEADER) / FILE_SER);
  return {
    line,
    sessionsMax: sessionsPerBlock * KHO_MAX_BLOCKS,
    sessionsFullErrno: 'ENOSPC',
    filesMax: filesPerBlock * KHO_MAX_BLOCKS,
    filesFullErrno: 'ENOSPC',
    sessionsPerBlock,
    filesPerBlock,
    nameChecks: true,
    ioctlTyping: true,
    doublePreserveCheck: true,
    stickyRetrieveFailure: true,
    unfreezeZeroesData: false,
    deserializeChecksFiles: true,
  };
}

/** LIVEUPDATE_SESSION_NAME_LENGTH, including the NUL. */
export const SESSION_NAME_LENGTH = 64;
/** LUO_NAME_LENGTH of the RFC v2 selftest driver, including the NUL. */
export const RFC_SUBSYS_NAME_LENGTH = 32;
/** LUO_MAX_SUBSYSTEMS of the RFC v2 selftest driver. */
export const RFC_MAX_SUBSYSTEMS = 16;
