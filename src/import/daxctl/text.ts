// What daxctl prints as text: `daxctl online-memory` ("dax0.0: 61 new sections onlined"),
// reconfigure summaries and errors ("dax3.0: disable failed: Operation not supported"). Errors the
// tool reported are kept on the device and listed as warnings; they are facts about the machine,
// not problems with the file.
import type { ParseContext } from '../context';
import { snippet } from '../errors';
import type { DaxDeviceInfo, Fragment } from '../fragment';
import { emptyFragment } from '../fragment';
import { at } from '../provenance';
import { eachLine } from '../text/lines';
import { parseCount } from '../text/numbers';

const DEV = /^(dax\d{1,6}\.\d{1,6}):\s(.{0,400})$/;
const SECTIONS = /^(\d{1,9}) (?:new )?sections? (already online|onlined)$/;
/** x86_64 memory section: 128 MiB (memory-hotplug.rst). */
const SECTION_BYTES = 128 * 2 ** 20;

export function parseDaxctlText(text: string, ctx: ParseContext): Fragment {
  const f = emptyFragment();
  const { file, log } = ctx;
  const devices = new Map<string, DaxDeviceInfo>();
  const device = (dev: string, line: number): DaxDeviceInfo => {
    let d = devices.get(dev);
    if (!d) {
      d = { dev, src: at(file, line) };
      devices.set(dev, d);
      f.daxDevices.push(d);
    }
    return d;
  };

  eachLine(
    text,
    (raw, line) => {
      const t = raw.trim();
      if (t === '') return;
      if (t.startsWith('#') || t.startsWith('$ ')) return; // the command line itself
      const lib = /^libdaxctl: [a-z_]{1,64}: (dax\d{1,6}\.\d{1,6}): (.{0,400})$/.exec(t);
      const m = lib ?? DEV.exec(t);
      if (m) {
        const d = device(m[1], line);
        const msg = m[2];
        const s = SECTIONS.exec(msg);
        if (s) {
          const n = parseCount(s[1]) ?? 0;
          const prev = d.onlineSections?.value ?? 0;
          d.onlineSections = { value: prev + n, src: at(file, line, prev ? { note: 'sum of the "sections" lines' } : {}) };
          return;
        }
        d.toolErrors ??= [];
        d.toolErrors.push(msg);
        log.warn({ line, message: `daxctl reported for ${m[1]}: ${msg}` });
        return;
      }
      if (/^(onlined memory for|reconfigured|offlined memory for|created|destroyed|disabled|enabled) \d{1,9} devices?$/.test(t)) return;
      if (t.startsWith('error ') || t.startsWith('libdaxctl:')) {
        log.warn({ line, message: `daxctl reported: ${t.slice(0, 200)}` });
        return;
      }
      log.skip({ line, message: 'line not understood', expected: 'daxctl JSON or messages such as "dax0.0: 61 new sections onlined"', found: snippet(raw) });
    },
    ctx.progress,
  );
  for (const d of devices.values()) {
    if (!d.onlineSections) continue;
    // online-memory onlines every section of the device (already online + newly onlined), so the
    // sections make up the device, at 128 MiB each on x86_64.
    d.sizeBytes ??= { value: d.onlineSections.value * SECTION_BYTES, src: { ...d.onlineSections.src, inferred: `${d.onlineSections.value} sections × 128 MiB (x86_64 section size)` } };
  }
  if (devices.size === 0) log.error({ line: 1, message: 'no dax device found', expected: 'daxctl JSON (list, reconfigure-device) or daxctl messages naming daxX.Y' });
  return f;
}
