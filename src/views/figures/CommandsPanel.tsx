// The Commands tab: the real kernel command line, ndctl, daxctl, cxl and sysfs commands that would
// produce the machine's (edited) layout, each block with a Copy button.
import { Fragment, useRef, useState } from 'react';
import { useApp } from '../storeContext';
import { commandGroups, commandsScript } from './commandGroups';

type CopyState = { key: string; ok: boolean } | null;

export function CommandsPanel() {
  const machine = useApp((s) => s.machine);
  const [copied, setCopied] = useState<CopyState>(null);
  const blocks = useRef(new Map<string, HTMLElement>());
  const scriptDetails = useRef<HTMLDetailsElement>(null);
  if (!machine) return <p className="muted">No machine loaded.</p>;
  const cmds = machine.commands;
  const { groups, unused } = commandGroups(cmds);

  const copy = async (key: string, text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied({ key, ok: true });
    } catch {
      // No clipboard (permission, insecure context): select the text so Ctrl+C copies it.
      if (key === 'all' && scriptDetails.current) scriptDetails.current.open = true;
      const el = blocks.current.get(key);
      const sel = window.getSelection();
      if (el && sel) sel.selectAllChildren(el);
      setCopied({ key, ok: false });
    }
  };
  const ref = (key: string) => (el: HTMLElement | null) => {
    if (el) blocks.current.set(key, el);
    else blocks.current.delete(key);
  };
  const status = (key: string) =>
    copied?.key === key ? (
      <span className={`cmd-status${copied.ok ? '' : ' failed'}`}>{copied.ok ? 'Copied' : 'Could not copy: the text is selected, press Ctrl+C (⌘C)'}</span>
    ) : null;
  const script = commandsScript(cmds, machine.layout.machine);

  return (
    <div className="commands" data-testid="commands">
      <p className="fig-lead">
        The commands that would produce this layout on <strong>{machine.layout.machine}</strong>, in the order you would run them. They follow every edit.
      </p>
      <div className="sr-only" role="status" aria-live="polite">
        {copied ? (copied.ok ? 'Copied to the clipboard' : 'Could not copy; the text is selected') : ''}
      </div>
      {groups.length === 0 && <p className="fig-ok">Nothing to run: this layout is what the machine boots into with default settings.</p>}
      {groups.map((g) => (
        <section key={g.key} className="cmd-group" aria-labelledby={`cmd-${g.key}`}>
          <div className="cmd-head">
            <h3 id={`cmd-${g.key}`}>{g.title}</h3>
            <span className="cmd-count">
              {g.lines.length} {g.key === 'kernelCmdline' ? (g.lines.length === 1 ? 'parameter' : 'parameters') : g.lines.length === 1 ? 'command' : 'commands'}
            </span>
            <button type="button" className="cmd-copy" aria-label={`Copy the ${g.title} ${g.key === 'kernelCmdline' ? '' : 'commands'}`.trim()} onClick={() => void copy(g.key, g.text)}>
              Copy
            </button>
          </div>
          <p className="cmd-explain">{g.explain}</p>
          <pre className={`cmd-block${g.key === 'kernelCmdline' ? ' cmdline' : ''}`} ref={ref(g.key)} data-testid={`cmd-${g.key}`}>
            {g.key === 'kernelCmdline'
              ? g.lines.map((l, i) => (
                  <Fragment key={i}>
                    <span className="cmd-tok">{l}</span>
                    {i < g.lines.length - 1 ? ' ' : ''}
                  </Fragment>
                ))
              : g.lines.map((l, i) => (
                  <code key={i} className="cmd-line">
                    <Tokens line={l} />
                  </code>
                ))}
          </pre>
          {status(g.key)}
        </section>
      ))}
      {unused.length > 0 && groups.length > 0 && <p className="muted cmd-unused">No {unused.join(', ')} commands are needed for this layout.</p>}
      {cmds.notes.length > 0 && (
        <section className="cmd-group" aria-labelledby="cmd-notes">
          <h3 id="cmd-notes">Before you run them</h3>
          <ul className="cmd-notes">
            {cmds.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </section>
      )}
      {groups.length > 0 && (
        <section className="cmd-group" aria-labelledby="cmd-all">
          <div className="cmd-head">
            <h3 id="cmd-all">Everything as a script</h3>
            <button type="button" className="cmd-copy" aria-label="Copy everything as a shell script" onClick={() => void copy('all', script)}>
              Copy script
            </button>
          </div>
          <details className="cmd-script" ref={scriptDetails}>
            <summary>Show the script</summary>
            <pre className="cmd-block" ref={ref('all')}>
              {script}
            </pre>
          </details>
          {status('all')}
        </section>
      )}
    </div>
  );
}

/** A command split at its spaces, so that a narrow panel wraps between arguments, never inside one. */
function Tokens({ line }: { line: string }) {
  const toks = line.split(' ');
  return (
    <>
      {toks.map((t, i) => (
        <Fragment key={i}>
          <span className="cmd-tok">{t}</span>
          {i < toks.length - 1 ? ' ' : ''}
        </Fragment>
      ))}
    </>
  );
}
