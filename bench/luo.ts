// luo.stressMs: 2000 sessions of one memfd each (later kernels, the selftests' size) through
// create + preserve, reboot(KEXEC), open, retrieve, retrieve-fd and finish: the median wall time
// of a few runs of the same script engine the app and `sim luo` use.
import { median, round } from './harness';
import { parseLuoScript, runParsed } from '../src/sim/luo/script';
import { createLuoSystem } from '../src/sim/luo/system';

const SESSIONS = 2000;
const RUNS = 5;

function script(): string {
  const out = ['open'];
  for (let i = 0; i < SESSIONS; i++) out.push(`create stress-${i}`, `preserve stress-${i} ${i} memfd:4K`);
  out.push('close-dev', 'kexec', 'open');
  for (let i = 0; i < SESSIONS; i++) out.push(`retrieve stress-${i}`, `retrieve-fd stress-${i} ${i}`, `finish stress-${i}`);
  return out.join('\n');
}

export async function run(progress: (m: string) => void): Promise<Record<string, number>> {
  const parsed = parseLuoScript(script(), 'mainline');
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    const sys = createLuoSystem({ model: 'mainline', kernel: 'latest' });
    const lines = runParsed(sys, parsed);
    const ms = performance.now() - t0;
    const bad = lines.filter((l) => !l.startsWith('ok'));
    if (bad.length) throw new Error(`stress script refused ${bad.length} operations (first: ${bad[0]})`);
    if (lines.filter((l) => l.endsWith('intact=yes')).length !== SESSIONS) throw new Error('a memfd did not survive the kexec');
    times.push(ms);
    progress(`run ${r + 1}/${RUNS}: ${ms.toFixed(1)} ms`);
  }
  return { stressMs: round(median(times)) };
}
