import type { Scenario } from '../../sim/scenario/schema';
import { formatBytes } from '../../sim/units/size';
import { formatDuration } from '../../sim/units/duration';
import { mapObjects } from '../map/objects';
import { useApp } from '../storeContext';

/** Details of whatever is selected in any view; the scenario's summary when nothing is. */
export function Inspector() {
  const scenario = useApp((s) => s.scenario);
  const sel = useApp((s) => s.selection);
  const frame = useApp((s) => s.frame);
  const log = useApp((s) => s.log);
  const machineView = useApp((s) => s.machine);
  if (!scenario) return <div className="inspector" />;
  const m = scenario.machine;

  let body;
  if (sel?.kind === 'range' && sel.id.startsWith('$')) {
    const spans = machineView?.layout.spans.filter((x) => x.ref === sel.id) ?? [];
    const named = machineView ? mapObjects(machineView).find((o) => o.ref === sel.id) : undefined;
    const obj = valueAtPath(m, sel.id);
    const bytes = spans.reduce((a, x) => a + (x.end - x.start), 0);
    body = (
      <>
        <h3>{named?.label ?? sel.id}</h3>
        <dl className="facts">
          <Fact k="object" v={sel.id.replace(/^\$\./, '')} />
          {named && <Fact k="class" v={named.cls} />}
          {spans[0] && <Fact k="node" v={String(spans[0].node)} />}
          {spans[0]?.zone && <Fact k="zone" v={spans[0].zone} />}
          {spans[0] && <Fact k="first byte" v={`0x${Math.min(...spans.map((x) => x.start)).toString(16)}`} />}
          <Fact k="bytes on the map" v={`${formatBytes(bytes)} in ${spans.length} span${spans.length === 1 ? '' : 's'}`} />
        </dl>
        {obj !== undefined && (
          <>
            <h4>As written in the scenario</h4>
            <pre className="json">{JSON.stringify(obj, null, 2)}</pre>
          </>
        )}
      </>
    );
  } else if (sel?.kind === 'range') {
    const r = m.ranges.find((x) => x.id === sel.id);
    body = r && (
      <>
        <h3>Range {r.id}</h3>
        <dl className="facts">
          <Fact k="type" v={r.type} />
          <Fact k="start" v={`0x${r.start.toString(16)}`} />
          <Fact k="end" v={`0x${(r.start + r.size - 1).toString(16)}`} />
          <Fact k="size" v={`${formatBytes(r.size)} (${r.size.toLocaleString('en-US')} B)`} />
          <Fact k="node" v={String(r.node)} />
          <Fact k="zone" v={r.zone ?? '—'} />
          <Fact k="state" v={r.online ? 'online' : 'offline'} />
          {r.label && <Fact k="label" v={r.label} />}
          <Fact k="memory blocks" v={`${Math.ceil(r.size / m.memoryBlockBytes)} × ${formatBytes(m.memoryBlockBytes)}`} />
        </dl>
      </>
    );
  } else if (sel?.kind === 'node') {
    const n = m.nodes.find((x) => String(x.id) === sel.id);
    const ranges = m.ranges.filter((r) => String(r.node) === sel.id);
    body = n && (
      <>
        <h3>NUMA node {n.id}</h3>
        <dl className="facts">
          <Fact k="label" v={n.label ?? '—'} />
          <Fact k="tier" v={n.tier} />
          <Fact k="CPUs" v={n.cpus.length ? n.cpus.join(', ') : 'none (memory-only node)'} />
          <Fact k="System RAM" v={formatBytes(ranges.filter((r) => r.type === 'system-ram').reduce((a, r) => a + r.size, 0))} />
          <Fact k="ranges" v={String(ranges.length)} />
          {m.distances && <Fact k="distances" v={m.distances[m.nodes.indexOf(n)]?.join(' ') ?? '—'} />}
        </dl>
      </>
    );
  } else if (sel?.kind === 'workload') {
    const w = frame?.workloads.find((x) => x.id === sel.id);
    body = w && (
      <>
        <h3>Workload {w.label}</h3>
        <dl className="facts">
          <Fact k="pattern" v={w.kind} />
          <Fact k="memory" v={`${formatBytes(w.pages * 4096)} (${w.pages.toLocaleString('en-US')} pages of 4 KiB)`} />
          <Fact k="write rate" v={`${w.ratePagesPerSec.toLocaleString('en-US')} pages/s`} />
          <Fact k="state" v={w.running ? 'writing' : 'stopped'} />
          <Fact k="round" v={String(w.round)} />
          <Fact k="written this round" v={`${w.writtenSinceClear.toLocaleString('en-US')} distinct pages`} />
          <Fact k="writes so far" v={w.writes.toLocaleString('en-US')} />
        </dl>
      </>
    );
  } else if (sel?.kind === 'event') {
    const e = log[Number(sel.id)];
    body = e && (
      <>
        <h3>Event at {formatDuration(e.at)}</h3>
        <p>{e.label}</p>
        <dl className="facts">
          <Fact k="kind" v={e.kind} />
          {Object.entries(e.data ?? {}).map(([k, v]) => (
            <Fact key={k} k={k} v={String(v)} />
          ))}
        </dl>
      </>
    );
  }

  return (
    <div className="inspector" data-testid="inspector">
      {body ?? (
        <>
          <h3>{scenario.name}</h3>
          <p className="description">{scenario.description}</p>
          <dl className="facts">
            <Fact k="machine" v={`${m.name} (${m.arch})`} />
            <Fact k="NUMA nodes" v={String(m.nodes.length)} />
            <Fact k="System RAM" v={formatBytes(m.ranges.filter((r) => r.type === 'system-ram').reduce((a, r) => a + r.size, 0))} />
            <Fact k="memory block" v={formatBytes(m.memoryBlockBytes)} />
            <Fact k="workloads" v={String(scenario.workloads.length)} />
            <Fact k="script" v={`${scenario.script.length} actions over ${formatDuration(scenario.duration)}`} />
            <Fact k="seed" v={String(scenario.seed)} />
          </dl>
          <p className="hint">Select a node, a range, a workload or an event in any view to see its details here.</p>
          {scenario.provenance && <Provenance p={scenario.provenance} />}
        </>
      )}
    </div>
  );
}

function Fact({ k, v }: { k: string; v: string }) {
  return (
    <div className="fact">
      <dt>{k}</dt>
      <dd>{v}</dd>
    </div>
  );
}

/** The value at a JSON path such as "$.pmem.namespaces[0]" (undefined when absent). */
function valueAtPath(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const m of path.replace(/^\$/, '').matchAll(/\.([A-Za-z_$][\w$]*)|\[(\d+)\]/g)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[m[1] ?? Number(m[2])];
  }
  return cur;
}

/** Where an imported machine's figures came from: file and line for each, and what was inferred. */
function Provenance({ p }: { p: NonNullable<Scenario['provenance']> }) {
  const sources = Object.entries(p.sources);
  return (
    <section className="provenance" aria-label="Provenance">
      <h4>Provenance: imported from {p.files.join(', ')}</h4>
      <dl className="facts">
        {sources.slice(0, 60).map(([k, v]) => (
          <Fact key={k} k={k} v={v} />
        ))}
      </dl>
      {sources.length > 60 && <p className="hint">and {sources.length - 60} more figures with their sources</p>}
      {p.inferred.length > 0 && (
        <>
          <h4>Inferred (no file said so)</h4>
          <ul>
            {p.inferred.slice(0, 30).map((x, i) => (
              <li key={i}>{x}</li>
            ))}
          </ul>
        </>
      )}
      {p.conflicts.length > 0 && (
        <>
          <h4>Where files disagree (both kept)</h4>
          <ul>
            {p.conflicts.slice(0, 30).map((x, i) => (
              <li key={i} className="mono">
                {x}
              </li>
            ))}
          </ul>
        </>
      )}
      {p.warnings.length > 0 && (
        <>
          <h4>Warnings</h4>
          <ul>
            {p.warnings.slice(0, 30).map((x, i) => (
              <li key={i}>{x}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
