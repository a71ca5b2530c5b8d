// What-if edits of persistent memory: split a region into namespaces, reconfigure, add and
// remove namespaces, resize and remove regions, add and remove DIMMs.
import { useState, type ReactNode } from 'react';
import type { Layout } from '../../sim/machine/layout';
import type { Machine, Namespace, NamespaceMode, PfnMap, PmemRegion } from '../../sim/machine/schema';
import { formatBytes } from '../../sim/units/size';
import { useApp } from '../storeContext';
import { CheckField, EditForm, errorFor, SelectField, TextField, useEditor, useForm, type Option, type Picks } from './fields';
import {
  addDimmOp,
  addNamespaceOp,
  addRegionOp,
  ALIGNS,
  alignText,
  bytesText,
  hex,
  NAMESPACE_MODES,
  namespaceChange,
  namespaceFormOf,
  namespaceUnit,
  nextId,
  nextNamespaceId,
  planSplit,
  regionWays,
  resizeOp,
  SECTOR_SIZES,
  sizeArg,
  splitSpace,
  type AddRegionForm,
  type SplitForm,
} from './forms';

export interface SectionProps {
  m: Machine;
  layout: Layout | undefined;
  picks: Picks;
  pick(p: Picks): void;
}

const MODE_OPTS: Option[] = NAMESPACE_MODES.map((m) => ({ value: m, label: m }));
const ALIGN_OPTS: Option[] = ALIGNS.map((a) => ({ value: String(a), label: alignText(a) }));
const MAP_OPTS: Option[] = [
  { value: 'dev', label: 'dev · on the device' },
  { value: 'mem', label: 'mem · in RAM' },
];
const SECTOR_OPTS: Option[] = SECTOR_SIZES.map((s) => ({ value: String(s), label: `${s} B` }));
const PROVIDER_TEXT: Record<PmemRegion['provider'], string> = {
  nfit: 'NFIT',
  e820: 'e820 (memmap=nn!ss)',
  ramdax: 'ramdax (6.19)',
  nd_e820: 'nd_e820 (PROPOSED)',
};

/** A nested, collapsible part of a section; opens when `openWhen` changes to a value. */
export function More({ summary, openWhen, children }: { summary: ReactNode; openWhen?: string; children: ReactNode }) {
  const [st, setSt] = useState({ open: false, seen: openWhen });
  let open = st.open;
  if (st.seen !== openWhen) {
    open = st.open || openWhen !== undefined;
    setSt({ open, seen: openWhen });
  }
  return (
    <details className="we-more" open={open} onToggle={(e) => e.currentTarget.open !== open && setSt({ open: e.currentTarget.open, seen: openWhen })}>
      <summary>{summary}</summary>
      <div className="we-more-body">{children}</div>
    </details>
  );
}

function regionLabel(r: PmemRegion): string {
  return `${r.id} · ${PROVIDER_TEXT[r.provider]} · ${bytesText(r.size)} · node ${r.node}`;
}

export function PmemSection({ m, layout, picks, pick }: SectionProps) {
  const pmem = m.pmem!;
  const region = pmem.regions.find((r) => r.id === picks.region) ?? pmem.regions[0];
  return (
    <>
      {region ? (
        <>
          <SelectField label="Region" wide value={region.id} options={pmem.regions.map((r) => ({ value: r.id, label: regionLabel(r) }))} onChange={(v) => pick({ region: v, namespace: undefined })} />
          <RegionFacts m={m} region={region} layout={layout} />
          {region.provider === 'e820' || region.provider === 'nd_e820' ? (
            <p className="we-note">
              {region.provider === 'e820'
                ? `${region.id} is label-less (memmap=nn!ss): the kernel makes one region-sized namespace; only its mode can change.`
                : `${region.id} is split by the PROPOSED nd_e820.pmem= parameter into ${region.shards ? `${sizeArg(region.shards.size)} ${region.shards.mode} shards` : 'shards'} at boot, with no labels and no info blocks; they are not edited here.`}
            </p>
          ) : (
            <SplitRegionForm m={m} region={region} />
          )}
          <NamespaceEditor m={m} region={region} layout={layout} picks={picks} pick={pick} />
          {region.provider !== 'e820' && region.provider !== 'nd_e820' && (
            <More summary={`Add a namespace to ${region.id}`}>
              <AddNamespaceForm m={m} region={region} />
            </More>
          )}
          <More summary={`Resize or remove ${region.id}`}>
            <RegionForm region={region} />
          </More>
        </>
      ) : (
        <p className="muted">No pmem regions: add one below.</p>
      )}
      <More summary={`DIMMs (${pmem.dimms.length})`} openWhen={picks.dimm}>
        <DimmForms m={m} picks={picks} pick={pick} />
      </More>
      <More summary="Add a region">
        <AddRegionFormView m={m} />
      </More>
    </>
  );
}

function RegionFacts({ m, region, layout }: { m: Machine; region: PmemRegion; layout: Layout | undefined }) {
  const r = layout?.regions.find((x) => x.id === region.id);
  const space = splitSpace(m, region.id);
  const ways = region.dimms.length;
  return (
    <p className="we-facts" data-testid="region-facts">
      {ways ? `${ways}-way interleave of ${region.dimms.join(', ')}` : PROVIDER_TEXT[region.provider]} · {hex(region.start)} · {r ? `${r.namespaces.length} namespace${r.namespaces.length === 1 ? '' : 's'}, ${bytesText(r.allocated)} allocated` : ''}
      {space && region.provider !== 'e820' && region.provider !== 'nd_e820' ? ` · free tail ${bytesText(space.end - space.at)} from ${hex(space.at)}` : ''}
    </p>
  );
}

function SplitRegionForm({ m, region }: { m: Machine; region: PmemRegion }) {
  const ed = useEditor();
  const version = useApp((s) => s.machineVersion);
  const form = `split:${region.id}`;
  const f = useForm<SplitForm>(() => ({ region: region.id, size: '', count: '', mode: 'devdax', align: 2 * 2 ** 20, map: 'dev' }), `${region.id}:${version}`);
  const v = f.values;
  const ways = regionWays(m, region.id);
  const unit = namespaceUnit(ways, v.mode, v.align, false);
  const preview = v.size.trim() || v.count.trim() ? planSplit(m, v) : null;
  const space = splitSpace(m, region.id);
  const first = nextNamespaceId(m, region.id);
  return (
    <EditForm
      form={form}
      legend={`Split the free space of ${region.id} into namespaces`}
      submit={`Split ${region.id}`}
      errors={f.errors}
      fields={['Size of each', 'Count']}
      onSubmit={() => {
        const p = planSplit(m, v);
        if (!p.ok) return f.setErrors(p.errors);
        void ed.run(form, p.value.op, p.value.summary);
      }}
      note={
        <>
          Sizes step by <strong>{sizeArg(unit)}</strong>
          {(v.mode === 'fsdax' || v.mode === 'devdax') && ways > 1 ? ` (${ways} DIMMs × ${alignText(v.align)} align, starts on 16 MiB)` : v.mode === 'fsdax' || v.mode === 'devdax' ? ' (align, starts on 16 MiB)' : ''}
          .{' '}
          {preview?.ok ? (
            <span data-testid="split-preview">
              Makes {preview.value.count} × {bytesText(preview.value.size)} {v.mode}: {first}… from {hex(preview.value.start)}
              {preview.value.leftover ? `, ${bytesText(preview.value.leftover)} left over` : ''}.
            </span>
          ) : space && space.end === space.at ? (
            'No free space after the last namespace.'
          ) : null}
        </>
      }
    >
      <TextField label="Size of each" value={v.size} placeholder="e.g. 1G" onChange={(size) => f.set({ size })} error={errorFor(f.errors, 'Size of each')} />
      <TextField label="Count" value={v.count} placeholder="as many as fit" onChange={(count) => f.set({ count })} error={errorFor(f.errors, 'Count')} />
      <SelectField label="Mode" value={v.mode} options={MODE_OPTS} onChange={(mode) => f.set({ mode: mode as NamespaceMode })} />
      <SelectField label="Align" value={String(v.align)} options={ALIGN_OPTS} onChange={(a) => f.set({ align: Number(a) })} />
      <SelectField label="Map (struct pages)" wide value={v.map} options={MAP_OPTS} onChange={(map) => f.set({ map: map as PfnMap })} />
    </EditForm>
  );
}

function NamespaceEditor({ m, region, layout, picks, pick }: { m: Machine; region: PmemRegion; layout: Layout | undefined; picks: Picks; pick(p: Picks): void }) {
  const list = m.pmem!.namespaces.filter((n) => n.region === region.id);
  const implicit = layout?.regions.find((r) => r.id === region.id)?.namespaces.filter((n) => n.implicit).length ?? 0;
  if (!list.length)
    return <p className="we-note">{implicit ? `${region.id} has ${implicit} namespace${implicit === 1 ? '' : 's'} the kernel creates itself; none is listed to edit.` : `${region.id} has no namespaces yet: split it or add one.`}</p>;
  const ns = list.find((n) => n.id === picks.namespace) ?? list[0];
  return (
    <>
      <SelectField
        label={`Namespace of ${region.id} (${list.length})`}
        wide
        value={ns.id}
        options={list.map((n) => ({ value: n.id, label: `${n.id} · ${n.mode} · ${bytesText(n.size)} · align ${alignText(n.align)}` }))}
        onChange={(id) => pick({ region: region.id, namespace: id })}
      />
      <NamespaceFacts ns={ns} layout={layout} />
      <NamespaceForm ns={ns} />
    </>
  );
}

function NamespaceFacts({ ns, layout }: { ns: Namespace; layout: Layout | undefined }) {
  const l = layout?.regions.flatMap((r) => r.namespaces).find((x) => x.id === ns.id);
  if (!l) return null;
  return (
    <p className="we-facts" data-testid="namespace-facts">
      {l.usableBytes ? `${formatBytes(l.usableBytes)} usable` : 'nothing usable'}
      {l.dataOffsetBytes ? ` · data at +${hex(l.dataOffsetBytes)}` : ''}
      {l.metadataLocation === 'device' ? ` · ${formatBytes(l.structPageBytes)} struct pages on the device` : l.metadataLocation === 'ram' ? ` · ${formatBytes(l.structPageBytes)} struct pages in RAM` : ''}
    </p>
  );
}

function NamespaceForm({ ns }: { ns: Namespace }) {
  const ed = useEditor();
  const form = `ns:${ns.id}`;
  const f = useForm(() => namespaceFormOf(ns), JSON.stringify(ns));
  const v = f.values;
  return (
    <EditForm
      form={form}
      legend={`Reconfigure ${ns.id}`}
      submit={`Apply to ${ns.id}`}
      errors={f.errors}
      fields={['Size', 'Start']}
      onSubmit={() => {
        const p = namespaceChange(ns, v);
        if (!p.ok) return f.setErrors(p.errors);
        void ed.run(form, p.value, `reconfigured ${ns.id}`);
      }}
      extra={
        <button type="button" onClick={() => void ed.run(form, { op: 'removeNamespace', args: [ns.id], label: `destroy ${ns.id}` }, `destroyed ${ns.id}`)}>
          Destroy {ns.id}
        </button>
      }
      note="ndctl destroys and re-creates the namespace: its data is not kept."
    >
      <SelectField label="Mode" value={v.mode} options={MODE_OPTS} onChange={(mode) => f.set({ mode: mode as NamespaceMode })} />
      <SelectField label="Align" value={String(v.align)} options={ALIGN_OPTS} onChange={(a) => f.set({ align: Number(a) })} />
      <TextField label="Size" value={v.size} onChange={(size) => f.set({ size })} error={errorFor(f.errors, 'Size')} />
      <TextField label="Start" value={v.start} onChange={(start) => f.set({ start })} error={errorFor(f.errors, 'Start')} />
      <SelectField
        label="Map (struct pages)"
        wide
        value={v.map}
        options={MAP_OPTS}
        onChange={(map) => f.set({ map: map as PfnMap })}
        hint={v.mode === 'sector' || v.mode === 'raw' ? 'only fsdax and devdax have --map' : undefined}
      />
      {v.mode === 'sector' && <SelectField label="Sector size" value={String(v.sectorSize)} options={SECTOR_OPTS} onChange={(s) => f.set({ sectorSize: Number(s) })} />}
    </EditForm>
  );
}

function AddNamespaceForm({ m, region }: { m: Machine; region: PmemRegion }) {
  const ed = useEditor();
  const version = useApp((s) => s.machineVersion);
  const form = `addns:${region.id}`;
  const f = useForm(() => ({ region: region.id, size: '', start: '', mode: 'fsdax' as NamespaceMode, align: 2 * 2 ** 20, map: 'dev' as PfnMap }), `${region.id}:${version}`);
  const v = f.values;
  const id = nextNamespaceId(m, region.id);
  return (
    <EditForm
      form={form}
      legend={`ndctl create-namespace -r ${region.id}`}
      submit={`Add ${id}`}
      errors={f.errors}
      fields={['Size', 'Start']}
      onSubmit={() => {
        const p = addNamespaceOp(m, v);
        if (!p.ok) return f.setErrors(p.errors);
        void ed.run(form, p.value, `added ${id}`);
      }}
    >
      <TextField label="Size" value={v.size} placeholder="e.g. 16G" onChange={(size) => f.set({ size })} error={errorFor(f.errors, 'Size')} />
      <TextField label="Start" value={v.start} placeholder="first free" onChange={(start) => f.set({ start })} error={errorFor(f.errors, 'Start')} />
      <SelectField label="Mode" value={v.mode} options={MODE_OPTS} onChange={(mode) => f.set({ mode: mode as NamespaceMode })} />
      <SelectField label="Align" value={String(v.align)} options={ALIGN_OPTS} onChange={(a) => f.set({ align: Number(a) })} />
      <SelectField label="Map (struct pages)" wide value={v.map} options={MAP_OPTS} onChange={(map) => f.set({ map: map as PfnMap })} />
    </EditForm>
  );
}

function RegionForm({ region }: { region: PmemRegion }) {
  const ed = useEditor();
  const form = `region:${region.id}`;
  const f = useForm(() => ({ size: sizeArg(region.size) }), JSON.stringify([region.id, region.size]));
  return (
    <EditForm
      form={form}
      legend={`Region ${region.id}`}
      submit="Resize"
      errors={f.errors}
      fields={['Size']}
      onSubmit={() => {
        const p = resizeOp('resizeRegion', region.id, region.size, f.values.size, 'Size');
        if (!p.ok) return f.setErrors(p.errors);
        void ed.run(form, p.value, `resized ${region.id}`);
      }}
      extra={
        <button type="button" onClick={() => void ed.run(form, { op: 'removeRegion', args: [region.id], label: `remove ${region.id}` }, `removed ${region.id}`)}>
          Remove {region.id}
        </button>
      }
    >
      <TextField label="Size" value={f.values.size} onChange={(size) => f.set({ size })} error={errorFor(f.errors, 'Size')} />
    </EditForm>
  );
}

function DimmForms({ m, picks, pick }: { m: Machine; picks: Picks; pick(p: Picks): void }) {
  const ed = useEditor();
  const version = useApp((s) => s.machineVersion);
  const dimms = m.pmem!.dimms;
  const dimm = dimms.find((d) => d.id === picks.dimm) ?? dimms[0];
  const form = `dimm:${dimm?.id ?? ''}`;
  const f = useForm(() => ({ capacity: dimm ? sizeArg(dimm.capacity) : '' }), JSON.stringify([dimm?.id, dimm?.capacity]));
  const add = useForm(() => ({ node: String(m.nodes[0]?.id ?? 0), capacity: '' }), String(version));
  const nodeOpts = m.nodes.map((n) => ({ value: String(n.id), label: `node ${n.id}` }));
  const inRegion = (id: string) => m.pmem!.regions.find((r) => r.dimms.includes(id))?.id;
  const newId = nextId(dimms.map((d) => d.id), 'nmem');
  return (
    <>
      {dimm && (
        <EditForm
          form={form}
          legend="Resize or remove a DIMM"
          submit="Resize"
          errors={f.errors}
          fields={['Capacity']}
          onSubmit={() => {
            const p = resizeOp('resizeDimm', dimm.id, dimm.capacity, f.values.capacity, 'Capacity');
            if (!p.ok) return f.setErrors(p.errors);
            void ed.run(form, p.value, `resized ${dimm.id}`);
          }}
          extra={
            <button type="button" onClick={() => void ed.run(form, { op: 'removeDimm', args: [dimm.id], label: `remove ${dimm.id}` }, `removed ${dimm.id}`)}>
              Remove {dimm.id}
            </button>
          }
        >
          <SelectField
            label="DIMM"
            wide
            value={dimm.id}
            options={dimms.map((d) => ({ value: d.id, label: `${d.id} · node ${d.node} · ${bytesText(d.capacity)}${inRegion(d.id) ? ` · in ${inRegion(d.id)}` : ' · unused'}` }))}
            onChange={(id) => pick({ dimm: id })}
          />
          <TextField label="Capacity" value={f.values.capacity} onChange={(capacity) => f.set({ capacity })} error={errorFor(f.errors, 'Capacity')} />
        </EditForm>
      )}
      <EditForm
        form="dimm:add"
        legend="Add a DIMM"
        submit={`Add ${newId}`}
        errors={add.errors}
        fields={['Capacity']}
        onSubmit={() => {
          const p = addDimmOp(m, add.values);
          if (!p.ok) return add.setErrors(p.errors);
          void ed.run('dimm:add', p.value, `added ${newId}`);
        }}
      >
        <SelectField label="Node" value={add.values.node} options={nodeOpts} onChange={(node) => add.set({ node })} />
        <TextField label="Capacity" value={add.values.capacity} placeholder="e.g. 256G" onChange={(capacity) => add.set({ capacity })} error={errorFor(add.errors, 'Capacity')} />
      </EditForm>
    </>
  );
}

function AddRegionFormView({ m }: { m: Machine }) {
  const ed = useEditor();
  const version = useApp((s) => s.machineVersion);
  const f = useForm<AddRegionForm>(() => ({ provider: 'nfit', node: String(m.nodes[0]?.id ?? 0), start: '', size: '', dimms: [], dimmOffset: '0' }), String(version));
  const v = f.values;
  const id = nextId(m.pmem!.regions.map((r) => r.id), 'region');
  const used = new Set(m.pmem!.regions.flatMap((r) => r.dimms));
  return (
    <EditForm
      form="region:add"
      legend="Add a region"
      submit={`Add ${id}`}
      errors={f.errors}
      fields={['Start', 'Size', 'DPA offset']}
      onSubmit={() => {
        const p = addRegionOp(m, v);
        if (!p.ok) return f.setErrors(p.errors);
        void ed.run('region:add', p.value, `added ${id}`);
      }}
    >
      <SelectField
        label="Provider"
        value={v.provider}
        options={[
          { value: 'nfit', label: 'NFIT (DIMMs)' },
          { value: 'e820', label: 'e820 (memmap=nn!ss)' },
          { value: 'ramdax', label: 'ramdax (6.19)' },
        ]}
        onChange={(p) => f.set({ provider: p as AddRegionForm['provider'] })}
      />
      <SelectField label="Node" value={v.node} options={m.nodes.map((n) => ({ value: String(n.id), label: `node ${n.id}` }))} onChange={(node) => f.set({ node })} />
      <TextField label="Start" value={v.start} placeholder="e.g. 0x50000000000" onChange={(start) => f.set({ start })} error={errorFor(f.errors, 'Start')} />
      <TextField label="Size" value={v.size} placeholder="e.g. 256G" onChange={(size) => f.set({ size })} error={errorFor(f.errors, 'Size')} />
      {v.provider === 'nfit' && (
        <>
          <TextField label="DPA offset" value={v.dimmOffset} onChange={(dimmOffset) => f.set({ dimmOffset })} error={errorFor(f.errors, 'DPA offset')} />
          <fieldset className="we-checks wide">
            <legend>DIMMs in the interleave set</legend>
            {m.pmem!.dimms.length === 0 && <span className="muted">no DIMMs: add one first</span>}
            {m.pmem!.dimms.map((d) => (
              <CheckField
                key={d.id}
                label={`${d.id}${used.has(d.id) ? ' (in use)' : ''}`}
                checked={v.dimms.includes(d.id)}
                onChange={(on) => f.set({ dimms: on ? [...v.dimms, d.id] : v.dimms.filter((x) => x !== d.id) })}
              />
            ))}
          </fieldset>
        </>
      )}
    </EditForm>
  );
}
