import type { CommandHost } from '../../store/commands';
import { formatDuration } from '../../sim/units/duration';
import { useApp, useAppStore } from '../storeContext';
import { IconMoon, IconPause, IconPlay, IconStart, IconStep, IconSun } from './icons';
import { ImportProgress } from './ImportDrop';
import { PRESETS } from './presets';

const SPEEDS = [1 / 64, 1 / 16, 1 / 4, 1, 4, 16];

export function Header({ host }: { host: CommandHost }) {
  const store = useAppStore();
  const name = useApp((s) => s.scenario?.name ?? 'Loading…');
  const fileName = useApp((s) => s.fileName);
  const playing = useApp((s) => s.playing);
  const speed = useApp((s) => s.speed);
  const timeNs = useApp((s) => s.frame?.timeNs ?? 0);
  const durationNs = useApp((s) => s.frame?.durationNs ?? 0);
  const events = useApp((s) => s.frame?.events ?? 0);
  const theme = useApp((s) => s.theme);
  const presetFile = PRESETS.some((p) => p.file === fileName) ? fileName : '';

  return (
    <header className="header">
      <div className="brand">
        <img src="/favicon.svg" alt="" width="22" height="22" />
        <span>Handover Lab</span>
      </div>
      <div className="scenario-picker">
        <label htmlFor="preset">Scenario</label>
        <select
          id="preset"
          value={presetFile}
          onChange={(e) => {
            const p = PRESETS.find((x) => x.file === e.target.value);
            if (p) void store.getState().openText(p.text, p.file, 'preset');
          }}
        >
          {presetFile === '' && <option value="">{name}</option>}
          {PRESETS.map((p) => (
            <option key={p.file} value={p.file}>
              {p.name}
            </option>
          ))}
        </select>
        <button type="button" onClick={host.openFile} title="Open a scenario file (Ctrl+O)">
          Open…
        </button>
        <button type="button" onClick={host.importFiles} title="Import your machine from ndctl, daxctl, cxl, numactl, lsmem, /proc or hwloc outputs (Ctrl+I), or drop the files anywhere">
          Import…
        </button>
        <button type="button" onClick={host.saveFile} title="Save the scenario to a file (Ctrl+S)">
          Save
        </button>
        <button type="button" onClick={() => void host.copyLink()} title="Copy a link to this exact state (Ctrl+Shift+L)">
          Share link
        </button>
      </div>
      <div className="playback" role="group" aria-label="Playback">
        <button type="button" onClick={() => void store.getState().seek(0)} aria-label="Back to the start" title="Back to the start (Home)">
          <IconStart />
        </button>
        <button type="button" onClick={() => store.getState().togglePlay()} aria-label={playing ? 'Pause' : 'Play'} title="Play / pause (Space)" className="primary">
          {playing ? <IconPause /> : <IconPlay />}
        </button>
        <button type="button" onClick={() => void store.getState().stepEvent()} aria-label="Step to the next event" title="Step to the next event (N)">
          <IconStep />
        </button>
        <label htmlFor="speed" className="sr-only">
          Speed
        </label>
        <select id="speed" value={speed} onChange={(e) => store.getState().setSpeed(Number(e.target.value))} title="Virtual time per real second ([ and ])">
          {SPEEDS.includes(speed) ? null : <option value={speed}>{speedLabel(speed)}</option>}
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {speedLabel(s)}
            </option>
          ))}
        </select>
        <output className="clock" aria-live="off" data-testid="virtual-time" title="Virtual time / scenario length">
          <strong>{formatDuration(timeNs)}</strong> / {formatDuration(durationNs)}
          <span className="muted"> · {events.toLocaleString('en-US')} events</span>
        </output>
      </div>
      <ImportProgress />
      <div className="header-tools">
        <button type="button" onClick={() => store.getState().setPaletteOpen(true)} title="Command palette (Ctrl+K)">
          Commands
        </button>
        <button type="button" onClick={() => store.getState().setTheme(theme === 'dark' ? 'light' : 'dark')} aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`} title="Theme (T)">
          {theme === 'dark' ? <IconSun /> : <IconMoon />}
        </button>
      </div>
    </header>
  );
}

function speedLabel(s: number): string {
  return s >= 1 ? `${s}× real time` : `1/${Math.round(1 / s)}× real time`;
}
