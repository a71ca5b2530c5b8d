// The live-update system as plain data: one kernel at a time, its KHO state, the files processes
// hold, and the LUO state of the chosen model. Everything is structuredClone- and JSON-safe.
import type { KhoState } from '../kho/types';
import type { ErrnoName } from './errno';

export type LuoModel = 'rfc-v2' | 'mainline';
export type KernelLine = '6.19' | 'latest';

export type FileKind = 'memfd' | 'memfd-hugetlb' | 'devnull' | 'vfio';

/** Logical pages [index, index + count) of a file live in the extent at pa. */
export interface FileRun {
  index: number;
  count: number;
  pa: number;
}

export interface SimFile {
  id: number;
  kind: FileKind;
  label: string | null;
  /** Kernel generation the file belongs to; files do not survive a kexec unless retrieved. */
  boot: number;
  /** The holder process (luod) has a descriptor for it. */
  open: boolean;
  /** References LUO holds (fget at preserve, get_file at retrieve). */
  luoRefs: number;
  size: number;
  pos: number;
  runs: FileRun[];
  /** shmem_freeze depth: while > 0 the mapping can neither grow nor shrink. */
  frozen: number;
  pins: number;
  seals: string[];
  cloexec: boolean;
  bdf: string | null;
  /** Simulator bookkeeping (not kernel state): key of the original in `oracle`, for restored files. */
  origin: string | null;
  /** Last reference dropped: memory freed. */
  released: boolean;
}

export interface Injection {
  target: string;
  callback: string;
  count: number;
  /** Calls to let through before failing (API only). */
  after?: number;
}

export interface LogEntry {
  seq: number;
  boot: number;
  kind: 'op' | 'callback' | 'rollback' | 'warn' | 'info' | 'kexec';
  text: string;
}

/** FLB (File-Lifecycle-Bound) global object, mainline (luo_flb.c). */
export interface FlbState {
  compatible: string;
  handler: string;
  outgoing: { count: number; data: string | null };
  incoming: { count: number; data: string | null; retrieved: boolean; finished: boolean; obj: string | null };
  /** What the finish callback received (for the FLB test). */
  finishedWith: string | null;
}

// ---------------------------------------------------------------- RFC v2

export type RfcStateName = 'normal' | 'prepared' | 'frozen' | 'updated';

export interface RfcFile {
  token: number;
  fileId: number;
  handler: string;
  /** u64 written by prepare/freeze into the FDT (the memfd record's address). */
  data: number;
  phase: 'preserved' | 'prepared' | 'frozen';
}

export interface RfcSubsystem {
  name: string;
  data: number;
  /** The selftest driver's data page (filled with a pattern), preserved at prepare. */
  pagePa: number;
  phase: 'registered' | 'prepared' | 'frozen';
}

export interface RfcIncomingFile {
  token: number;
  compatible: string;
  data: number;
  restored: boolean;
  fileId: number | null;
}

export interface RfcState {
  state: RfcStateName;
  nextToken: number;
  files: RfcFile[];
  subsystems: RfcSubsystem[];
  incomingFiles: RfcIncomingFile[];
  incomingSubsystems: Record<string, number>;
  /** The 1 MiB LUO FDT created at prepare. */
  luoFdtPa: number | null;
}

// ---------------------------------------------------------------- mainline

export interface MlFile {
  token: number;
  handler: string;
  /** null for an incoming file that has not been retrieved. */
  fileId: number | null;
  /** Handler data (serialized_data): the record address. */
  data: number;
  frozen: boolean;
  /** 0 not tried, 1 retrieved, < 0 a failed retrieve (later kernels remember it). */
  retrieveStatus: number;
  retrieveErrno: ErrnoName | null;
}

export type MlSessionStatus = 'active' | 'frozen' | 'deserialized' | 'retrieved' | 'finished' | 'leaked';

export interface MlSession {
  id: number;
  /** The kernel's name (6.19 truncates to 63 characters). */
  name: string;
  /** The name luod used when it got the descriptor (what the script refers to). */
  fdName: string;
  dir: 'outgoing' | 'incoming';
  retrieved: boolean;
  /** luod holds the session's descriptor. */
  fdOpen: boolean;
  files: MlFile[];
  /** Pages holding this session's luo_file_ser entries (6.19: one 2-page array; later: kho_block pages). */
  filePages: number[];
  status: MlSessionStatus;
}

export interface MainlineState {
  /** /dev/liveupdate is open (it is exclusive). */
  deviceOpen: boolean;
  /** Incoming sessions are deserialized at the first open, once per kernel. */
  deserialized: boolean;
  deserializeErr: ErrnoName | null;
  outgoing: MlSession[];
  incoming: MlSession[];
  /** liveupdate-number read from the previous kernel (0 after a cold boot). */
  liveupdateNum: number;
  luoFdtPa: number | null;
  /** The FLB table page, when FLBs are registered. */
  flbPa: number | null;
  /** Outgoing session table: 6.19 one 16-page array; later kho_block pages. */
  sessionPages: number[];
  /** What the early init found in the incoming LUO FDT: the session table. */
  incomingSessionPages: number[];
  nextSessionId: number;
}

export interface KernelLimits {
  line: KernelLine;
  /** 6.19: LUO_SESSION_MAX (16 pages of 80-byte entries) then -ENOMEM; later: kho_block sets. */
  sessionsMax: number;
  sessionsFullErrno: ErrnoName;
  filesMax: number;
  filesFullErrno: ErrnoName;
  sessionsPerBlock: number;
  filesPerBlock: number;
  /** Later: empty or unterminated names -EINVAL. */
  nameChecks: boolean;
  /** Later: PRESERVE_FD only on outgoing sessions, RETRIEVE_FD and FINISH only on incoming. */
  ioctlTyping: boolean;
  /** Later: the same file preserved twice -EBUSY (xa_insert in luo_preserved_files). */
  doublePreserveCheck: boolean;
  /** Later: a failed retrieve is remembered and returned again. */
  stickyRetrieveFailure: boolean;
  /** 6.19: unfreeze sets serialized_data to 0 (luo_file_unfreeze_one). */
  unfreezeZeroesData: boolean;
  /** Later: a missing handler at deserialization fails the open (-EIO); 6.19 ignores the error. */
  deserializeChecksFiles: boolean;
}

export interface UpdateRecord {
  fromBoot: number;
  model: LuoModel;
  sessions: number;
  files: number;
  folios: number;
  preservedBytes: number;
  trackerBlocks: number;
}

export interface LuoSystem {
  model: LuoModel;
  kernel: KernelLine;
  limits: KernelLimits;
  kho: KhoState;
  /** Registered file handlers, in registration order (compatible strings). */
  handlers: string[];
  files: Record<string, SimFile>;
  nextFileId: number;
  labels: Record<string, number>;
  inject: Injection[];
  flbs: FlbState[];
  /** Simulator bookkeeping: digest of each preserved file's content at preserve time. */
  oracle: Record<string, string>;
  rfc: RfcState | null;
  ml: MainlineState | null;
  log: LogEntry[];
  logSeq: number;
  /** The last operation, for "last transition stays highlighted". */
  last: { op: string; ok: boolean; from: string; to: string; errno: ErrnoName | null } | null;
  updates: UpdateRecord[];
  /** Counter for hole pages filled since the last update (blackout: preserve phase). */
  holePagesFilled: number;
}
