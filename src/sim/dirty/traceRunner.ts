// Replays an oracle trace on the model and prints what uffd_oracle.c prints: the same lines, the
// same `error ...` line and exit code 2 where the oracle dies, SIGSEGV where it would crash.
import { ORACLE_KERNEL, type KernelProfile } from './arch';
import { MAX_PAGES } from './constants';
import { featuresRequested, regionConfig, type RegionConfig } from './config';
import { KernelError } from './errors';
import { FAULT_HANDLER_EINVAL, FAULT_SEGV } from './faults';
import { UffdWpRegion } from './region';
import { madviseDontneed, madviseGuardInstall } from './regionMadvise';
import { categoryRuns, pagemapEntry, scanWritten } from './regionScan';
import { SoftDirtyTracker } from './softDirty';
import { parseTrace, type TraceConfig, type TraceStep } from './trace';
import { armedLine, ChunkWriter, writeCatsLine, writePagemapLine, writePagesLine } from './traceFormat';

export interface TraceRunOptions {
  /** Kernel the trace runs on; default the oracle's (x86_64, no CONFIG_MEM_SOFT_DIRTY). */
  kernel?: KernelProfile;
}

export interface TraceRunResult {
  /** 0, or 2 after an `error` line, or 139 when the oracle would die of SIGSEGV. */
  exitCode: number;
  /** Set when the run ended on a signal, with the reason. */
  signal?: { name: 'SIGSEGV'; reason: string };
  /** The model after the run (null if it never armed). */
  region: UffdWpRegion | null;
}

class Stop {
  readonly code: number;
  readonly signal?: TraceRunResult['signal'];
  constructor(code: number, signal?: TraceRunResult['signal']) {
    this.code = code;
    this.signal = signal;
  }
}

/** Runs `text`, handing output to `sink` in chunks (each ends at a line boundary when flushed). */
export function runTrace(text: string, sink: (chunk: string) => void, opts: TraceRunOptions = {}): TraceRunResult {
  const out = new ChunkWriter(sink);
  const run = new Runner(out, opts.kernel ?? ORACLE_KERNEL);
  const parsed = parseTrace(text);
  let exitCode = 0;
  let signal: TraceRunResult['signal'];
  try {
    for (const step of parsed.steps) run.step(parsed.config, step);
    if (parsed.error) {
      if (parsed.error.afterArm) run.armIfNeeded(parsed.config);
      out.line(parsed.error.oracleLine);
      exitCode = 2;
    }
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    exitCode = e.code;
    signal = e.signal;
  }
  out.flush();
  return { exitCode, signal, region: run.region };
}

/** runTrace collecting the output as lines (tests, small traces). */
export function runTraceToLines(text: string, opts: TraceRunOptions = {}): { lines: string[] } & TraceRunResult {
  const chunks: string[] = [];
  const result = runTrace(text, (c) => chunks.push(c), opts);
  const joined = chunks.join('');
  const lines = joined === '' ? [] : joined.replace(/\n$/, '').split('\n');
  return { lines, ...result };
}

class Runner {
  region: UffdWpRegion | null = null;
  private soft: SoftDirtyTracker | null = null;
  private scanSeq = 0;
  private catsSeq = 0;
  private readonly out: ChunkWriter;
  private readonly kernel: KernelProfile;

  constructor(out: ChunkWriter, kernel: KernelProfile) {
    this.out = out;
    this.kernel = kernel;
  }

  private die(e: KernelError): never {
    this.out.line(e.oracleLine());
    throw new Stop(2);
  }

  /** The oracle's arm(): mmap, prefault, UFFDIO_API, UFFDIO_REGISTER, UFFDIO_WRITEPROTECT. */
  armIfNeeded(c: TraceConfig): UffdWpRegion {
    if (this.region) return this.region;
    if (c.pages <= 0) {
      // len = pages * 4096 as size_t: 0 fails the region mmap, negative wraps to a huge length
      if (c.pages === 0) this.die(new KernelError('mmap(region)', 'EINVAL'));
      this.die(c.backing === 'memfd' ? new KernelError('ftruncate', 'EINVAL') : new KernelError('mmap(reserve)', 'ENOMEM'));
    }
    if (c.pages > MAX_PAGES) {
      this.out.line(`# simulator limit: at most ${MAX_PAGES} pages (4 TiB)`);
      this.die(new KernelError('mmap(region)', 'ENOMEM'));
    }
    const rc: RegionConfig = regionConfig({
      pages: c.pages,
      backing: c.backing,
      thp: c.thp !== 0,
      mode: c.mode,
      unpopulated: c.unpopulated !== 0,
      prefault: c.prefault,
    });
    const want = featuresRequested(rc);
    if ((want & ~this.kernel.features) !== 0) {
      this.out.line(`# wanted features 0x${want.toString(16)} but kernel offers 0x${this.kernel.features.toString(16)}`);
      this.die(new KernelError('UFFDIO_API(features)', 'EOPNOTSUPP'));
    }
    const region = UffdWpRegion.create(rc);
    if (!this.kernel.uffdWp) this.die(new KernelError('UFFDIO_REGISTER(MODE_WP)', 'EINVAL'));
    try {
      region.arm();
    } catch (e) {
      if (e instanceof KernelError) this.die(e);
      throw e;
    }
    if (this.kernel.softDirty) {
      // Same process: the mapping (THP or not) is the region's; a new VMA reads soft-dirty.
      const soft = SoftDirtyTracker.create({ pages: rc.pages, thp: rc.thp });
      for (let p = 0; p < rc.pages && rc.prefault !== 'none'; p++) {
        if (rc.prefault === 'write') soft.write(p, region.isHugeMapped(p));
        else soft.read(p, region.isHugeMapped(p));
      }
      this.soft = soft;
    }
    this.out.line(armedLine(c, want));
    this.region = region;
    return region;
  }

  private write(r: UffdWpRegion, p: number): void {
    const f = r.write(p);
    if ((f & FAULT_SEGV) !== 0) throw new Stop(139, { name: 'SIGSEGV', reason: `write to guard page ${p}` });
    if ((f & FAULT_HANDLER_EINVAL) !== 0) this.die(new KernelError('UFFDIO_WRITEPROTECT', 'EINVAL'));
    this.soft?.write(p, r.isHugeMapped(p));
  }

  private softDirtyOf = (p: number): boolean => this.soft?.isDirty(p) ?? false;

  step(c: TraceConfig, s: TraceStep): void {
    if (s.op === 'echo') {
      this.out.line(`echo ${s.text}`);
      return;
    }
    const r = this.armIfNeeded(c);
    const soft = this.soft ? this.softDirtyOf : undefined;
    try {
      switch (s.op) {
        case 'w':
          for (let p = s.first; p <= s.last; p++) this.write(r, p);
          break;
        case 'r':
          for (let p = s.first; p <= s.last; p++) {
            if ((r.read(p) & FAULT_SEGV) !== 0) throw new Stop(139, { name: 'SIGSEGV', reason: `read of guard page ${p}` });
            this.soft?.read(p, r.isHugeMapped(p));
          }
          break;
        case 'dontneed':
          madviseDontneed(r, s.first, s.last + 1);
          this.soft?.zap(s.first, s.last + 1);
          break;
        case 'guard':
          madviseGuardInstall(r, s.first, s.last + 1);
          this.soft?.zap(s.first, s.last + 1);
          break;
        case 'pagemap':
          writePagemapLine(this.out, s.first, s.last, (p) => pagemapEntry(r, p, soft));
          break;
        case 'clear':
          r.clear();
          break;
        case 'scan':
        case 'scanslow':
        case 'scanclear': {
          const clear = s.op === 'scanclear';
          const res = scanWritten(r, { wpMatching: clear, checkWpAsync: clear });
          writePagesLine(this.out, s.op, ++this.scanSeq, '', res.regions);
          break;
        }
        case 'scanonce': {
          const vec = s.limit === 'vec';
          const res = scanWritten(r, {
            maxPages: vec ? 0 : s.k,
            vecLen: vec ? s.k : 256, // the oracle's scan_once() passes vec_len 256 with max_pages
            wpMatching: s.clear,
            checkWpAsync: s.clear,
          });
          const extra = ` ${vec ? 'vec_len' : 'max_pages'}=${s.k} walk_end=${res.walkEnd} regions=${res.regions.length / 2}`;
          writePagesLine(this.out, s.tag, ++this.scanSeq, extra, res.regions);
          break;
        }
        case 'cats':
          writeCatsLine(this.out, ++this.catsSeq, categoryRuns(r, 0, r.pages, soft));
          break;
        case 'faults':
          // only the sync handler thread counts messages; async mode has none pending
          this.out.line(`faults handled=${r.sync ? r.counts.wpFaults : 0} pending_msgs=0`);
          break;
        case 'softdirty':
          this.softdirtyProbe(r);
          break;
      }
    } catch (e) {
      if (e instanceof KernelError) this.die(e);
      throw e;
    }
  }

  /** do_softdirty(): clear_refs "4", bit 55 of page 0, write page 0, bit 55 again, count regions. */
  private softdirtyProbe(r: UffdWpRegion): void {
    const soft = this.soft;
    soft?.clearRefs();
    const before = soft?.isDirty(0) ? 1 : 0;
    this.write(r, 0);
    const after = soft?.isDirty(0) ? 1 : 0;
    let regions = 0;
    soft?.forEachDirtyRun(0, r.pages, () => {
      regions++;
    });
    this.out.line(
      `softdirty clear_refs_write4=ok errno=0 bit55_after_clear=${before} bit55_after_write=${after} scan_soft_dirty_regions=${regions}`,
    );
  }
}
