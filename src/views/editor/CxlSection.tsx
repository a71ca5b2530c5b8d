// What-if edits of CXL memory: SMDK grouping, region interleave (ways, granularity, targets)
// limited to the values the kernel accepts, region create/destroy, memdevs add/remove.
import { CXL_GRANULARITIES, CXL_WAYS } from '../../sim/machine/cxl/rules';
import type { CxlRegion, Machine } from '../../sim/machine/schema';
import { useApp } from '../storeContext';
import { CheckField, EditForm, errorFor, Refusal, SelectField, TextField, useEditor, useForm, type Option, type Picks } from './fields';
import {
  addCxlRegionOp,
  addMemdevOp,
  bytesText,
  cxlRegionChange,
  cxlRegionFormOf,
  granularityText,
  hex,
  nextId,
  resizeTargets,
  SMDK_MODES,
  type AddCxlRegionForm,
  type AddMemdevForm,
  type FieldError,
} from './forms';
import { More, type SectionProps } from './PmemSection';

const WAYS_OPTS: Option[] = CXL_WAYS.map((w) => ({ value: String(w), label: `${w}` }));
const GRAN_OPTS: Option[] = CXL_GRANULARITIES.map((g) => ({ value: String(g), label: granularityText(g) }));
const DAX_OPTS: Option[] = [
  { value: 'system-ram', label: 'system-ram' },
  { value: 'devdax', label: 'devdax' },
  { value: 'none', label: 'none' },
];
const GROUPING_OPTS: Option[] = [{ value: '', label: 'mainline: a node per region (CFMWS)' }, ...SMDK_MODES.map((s) => ({ value: s.mode, label: `SMDK ${s.mode}` }))];

export function CxlSection({ m, layout, picks, pick }: SectionProps) {
  const cxl = m.cxl!;
  const region = cxl.regions.find((r) => r.id === picks.cxlRegion) ?? cxl.regions[0];
  const rl = region && layout?.cxlRegions.find((r) => r.id === region.id);
  return (
    <>
      <SmdkForm m={m} />
      {region ? (
        <>
          <SelectField
            label="CXL region"
            wide
            value={region.id}
            options={cxl.regions.map((r) => ({ value: r.id, label: `${r.id} · ${r.type} · ${r.ways}-way · ${bytesText(r.size)} · ${r.targets.join('+')}` }))}
            onChange={(id) => pick({ cxlRegion: id })}
          />
          {rl && (
            <p className="we-facts" data-testid="cxl-region-facts">
              {region.rootDecoder} · {hex(rl.start)} · {rl.node === null ? 'no node' : `node ${rl.node}`}
              {rl.zone ? ` · ${rl.zone === 'offline' ? 'offline' : `ZONE_${rl.zone.toUpperCase()}`}` : ''} · {rl.attachment}, {rl.sharing} · {Math.round(rl.aggregatedBandwidthMiBps / 1024)} GiB/s · {rl.latencyNs} ns
              {rl.hosts.length > 1 ? ` · mapped by ${rl.hosts.map((h) => h.name).join(', ')}` : ''}
              <span className="we-placement">{rl.placement}</span>
            </p>
          )}
          <CxlRegionFormView m={m} region={region} />
        </>
      ) : (
        <p className="we-note">No CXL regions yet: create one below.</p>
      )}
      {cxl.rootDecoders.length > 0 && (
        <More summary="Create a region (cxl create-region)">
          <AddCxlRegionFormView m={m} />
        </More>
      )}
      <More summary={`Memory devices (${cxl.memdevs.length})`} openWhen={picks.memdev}>
        <MemdevForms m={m} picks={picks} pick={pick} />
      </More>
    </>
  );
}

function SmdkForm({ m }: { m: Machine }) {
  const ed = useEditor();
  const smdk = m.cxl!.smdk;
  const f = useForm<{ mode: string; version: 'v1' | 'v2' }>(() => ({ mode: smdk?.mode ?? '', version: smdk?.version ?? 'v1' }), JSON.stringify(smdk ?? null));
  const v = f.values;
  const text = SMDK_MODES.find((s) => s.mode === v.mode)?.text ?? 'each RAM region joins the node of its CFMWS proximity domain through dax/kmem, in ZONE_MOVABLE';
  return (
    <EditForm
      form="smdk"
      legend="Group CXL memory"
      submit="Apply grouping"
      errors={f.errors}
      onSubmit={() => {
        const next = v.mode ? { mode: v.mode as (typeof SMDK_MODES)[number]['mode'], version: v.version } : undefined;
        if (JSON.stringify(next ?? null) === JSON.stringify(smdk ?? null)) return f.setErrors([{ field: '', message: 'nothing to change: the machine is already grouped like this' }]);
        void ed.run('smdk', { op: 'setSmdkMode', args: [next], label: next ? `cxl ${next.mode}` : 'SMDK off' }, next ? `grouped CXL memory with SMDK ${next.mode} (${next.version})` : 'back to mainline: a node per CXL region');
      }}
      note={text}
    >
      <SelectField label="Grouping" wide value={v.mode} options={GROUPING_OPTS} onChange={(mode) => f.set({ mode })} />
      <SelectField
        label="SMDK kernel"
        wide
        value={v.version}
        disabled={!v.mode}
        options={[
          { value: 'v1', label: 'v1 · ZONE_EXMEM (never merged)' },
          { value: 'v2', label: 'v2 · vanilla zones (ZONE_MOVABLE)' },
        ]}
        onChange={(version) => f.set({ version: version as 'v1' | 'v2' })}
      />
    </EditForm>
  );
}

function Targets({ m, ways, targets, onChange, errors }: { m: Machine; ways: number; targets: string[]; onChange(t: string[]): void; errors: FieldError[] }) {
  const opts: Option[] = [{ value: '', label: '—' }, ...m.cxl!.memdevs.map((d) => ({ value: d.id, label: `${d.id} · ${bytesText(d.ramBytes + d.pmemBytes)}` }))];
  return (
    <>
      {Array.from({ length: ways }, (_, i) => (
        <SelectField
          key={i}
          label={`Position ${i}`}
          value={targets[i] ?? ''}
          options={opts}
          error={errorFor(errors, `Position ${i}`)}
          onChange={(id) => onChange(Array.from({ length: ways }, (_x, k) => (k === i ? id : (targets[k] ?? ''))))}
        />
      ))}
    </>
  );
}

function CxlRegionFormView({ m, region }: { m: Machine; region: CxlRegion }) {
  const ed = useEditor();
  const form = `cxl:${region.id}`;
  const f = useForm(() => cxlRegionFormOf(region), JSON.stringify(region));
  const v = f.values;
  const memdevs = m.cxl!.memdevs.map((d) => d.id);
  return (
    <EditForm
      form={form}
      legend={`Interleave of ${region.id}`}
      submit={`Re-create ${region.id}`}
      errors={f.errors}
      fields={['Size', ...v.targets.map((_t, i) => `Position ${i}`)]}
      onSubmit={() => {
        const p = cxlRegionChange(region, v);
        if (!p.ok) return f.setErrors(p.errors);
        void ed.run(form, p.value, `re-created ${region.id}`);
      }}
      extra={
        <button type="button" onClick={() => void ed.run(form, { op: 'removeCxlRegion', args: [region.id], label: `cxl destroy-region ${region.id}` }, `destroyed ${region.id}`)}>
          Destroy {region.id}
        </button>
      }
      note="Ways and granularity offer only what the kernel encodes (ways_to_eiw, granularity_to_eig); the root decoder and the devices decide the rest. Regions are not resized live: the edit destroys and re-creates it."
    >
      <SelectField label="Ways" value={String(v.ways)} options={WAYS_OPTS} onChange={(w) => f.set({ ways: Number(w), targets: resizeTargets(v.targets, Number(w), memdevs) })} />
      <SelectField label="Granularity" value={String(v.granularity)} options={GRAN_OPTS} onChange={(g) => f.set({ granularity: Number(g) })} />
      <Targets m={m} ways={v.ways} targets={v.targets} errors={f.errors} onChange={(targets) => f.set({ targets })} />
      <TextField label="Size" value={v.size} onChange={(size) => f.set({ size })} error={errorFor(f.errors, 'Size')} />
      <SelectField label="dax mode" value={v.dax} options={DAX_OPTS} onChange={(dax) => f.set({ dax: dax as CxlRegion['dax'] })} />
      <SelectField
        label="Node (CFMWS)"
        value={v.node}
        hint={m.cxl!.smdk && region.type === 'ram' ? `SMDK ${m.cxl!.smdk.mode} decides` : undefined}
        options={[{ value: '', label: region.node === undefined ? 'none given' : '—' }, ...m.nodes.map((n) => ({ value: String(n.id), label: `node ${n.id}` }))]}
        onChange={(node) => f.set({ node })}
      />
      <CheckField label="online_movable (else --no-movable)" checked={v.movable} onChange={(movable) => f.set({ movable })} />
    </EditForm>
  );
}

function AddCxlRegionFormView({ m }: { m: Machine }) {
  const ed = useEditor();
  const version = useApp((s) => s.machineVersion);
  const cxl = m.cxl!;
  const memdevs = cxl.memdevs.map((d) => d.id);
  const f = useForm<AddCxlRegionForm>(
    () => ({ decoder: cxl.rootDecoders[0]?.id ?? '', type: 'ram', ways: 1, granularity: cxl.rootDecoders[0]?.granularity ?? 256, targets: resizeTargets([], 1, memdevs), size: '', start: '', dax: 'devdax' }),
    String(version),
  );
  const v = f.values;
  const id = nextId(cxl.regions.map((r) => r.id), 'region');
  return (
    <EditForm
      form="cxl:add"
      legend={`cxl create-region → ${id}`}
      submit={`Create ${id}`}
      errors={f.errors}
      fields={['Size', 'Start', ...v.targets.map((_t, i) => `Position ${i}`)]}
      onSubmit={() => {
        const p = addCxlRegionOp(m, v);
        if (!p.ok) return f.setErrors(p.errors);
        void ed.run('cxl:add', p.value, `created ${id}`);
      }}
    >
      <SelectField
        label="Root decoder"
        wide
        value={v.decoder}
        options={cxl.rootDecoders.map((d) => ({ value: d.id, label: `${d.id} · ${hex(d.start)} · ${bytesText(d.size)} · ${d.ways}-way · ${d.targets.join(', ')}` }))}
        onChange={(decoder) => f.set({ decoder })}
      />
      <SelectField
        label="Type"
        value={v.type}
        options={[
          { value: 'ram', label: 'ram' },
          { value: 'pmem', label: 'pmem' },
        ]}
        onChange={(type) => f.set({ type: type as 'ram' | 'pmem' })}
      />
      <SelectField label="dax mode" value={v.dax} options={DAX_OPTS} onChange={(dax) => f.set({ dax: dax as CxlRegion['dax'] })} />
      <SelectField label="Ways" value={String(v.ways)} options={WAYS_OPTS} onChange={(w) => f.set({ ways: Number(w), targets: resizeTargets(v.targets, Number(w), memdevs) })} />
      <SelectField label="Granularity" value={String(v.granularity)} options={GRAN_OPTS} onChange={(g) => f.set({ granularity: Number(g) })} />
      <Targets m={m} ways={v.ways} targets={v.targets} errors={f.errors} onChange={(targets) => f.set({ targets })} />
      <TextField label="Size" value={v.size} placeholder="e.g. 64G" onChange={(size) => f.set({ size })} error={errorFor(f.errors, 'Size')} />
      <TextField label="Start (HPA)" value={v.start} placeholder="first free" onChange={(start) => f.set({ start })} error={errorFor(f.errors, 'Start')} />
    </EditForm>
  );
}

function MemdevForms({ m, picks, pick }: { m: Machine; picks: Picks; pick(p: Picks): void }) {
  const ed = useEditor();
  const version = useApp((s) => s.machineVersion);
  const cxl = m.cxl!;
  const dev = cxl.memdevs.find((d) => d.id === picks.memdev) ?? cxl.memdevs[0];
  const attachOpts: Option[] = [...cxl.hostBridges.map((b) => ({ value: b.id, label: `${b.id} (host bridge, socket ${b.socket})` })), ...cxl.switches.map((s) => ({ value: s.id, label: `${s.id} (switch)` }))];
  const f = useForm<AddMemdevForm>(() => ({ ram: '', pmem: '0', attach: attachOpts[0]?.value ?? '', sharing: 'private' }), String(version));
  const newId = nextId(cxl.memdevs.map((d) => d.id), 'mem');
  const users = (id: string) => cxl.regions.filter((r) => r.targets.includes(id)).map((r) => r.id);
  return (
    <>
      {dev && (
        <div className="we-row">
          <SelectField
            label="Memory device"
            wide
            value={dev.id}
            options={cxl.memdevs.map((d) => ({ value: d.id, label: `${d.id} · ${bytesText(d.ramBytes)} ram${d.pmemBytes ? ` + ${bytesText(d.pmemBytes)} pmem` : ''} · ${d.attach} · ${d.sharing}${users(d.id).length ? ` · in ${users(d.id).join(', ')}` : ''}` }))}
            onChange={(id) => pick({ memdev: id })}
          />
          <div className="we-actions">
            <button type="button" onClick={() => void ed.run(`memdev:${dev.id}`, { op: 'removeCxlMemdev', args: [dev.id], label: `remove ${dev.id}` }, `removed ${dev.id}`)}>
              Remove {dev.id}
            </button>
          </div>
          <Refusal form={`memdev:${dev.id}`} />
        </div>
      )}
      <EditForm
        form="memdev:add"
        legend="Add a memory device"
        submit={`Add ${newId}`}
        errors={f.errors}
        fields={['RAM', 'pmem']}
        onSubmit={() => {
          const p = addMemdevOp(m, f.values);
          if (!p.ok) return f.setErrors(p.errors);
          void ed.run('memdev:add', p.value, `added ${newId}`);
        }}
      >
        <TextField label="RAM" value={f.values.ram} placeholder="e.g. 128G" onChange={(ram) => f.set({ ram })} error={errorFor(f.errors, 'RAM')} />
        <TextField label="pmem" value={f.values.pmem} onChange={(pmem) => f.set({ pmem })} error={errorFor(f.errors, 'pmem')} />
        <SelectField label="Attached to" wide value={f.values.attach} options={attachOpts} onChange={(attach) => f.set({ attach })} />
        <SelectField
          label="Sharing"
          wide
          value={f.values.sharing}
          options={[
            { value: 'private', label: 'private (this host only)' },
            { value: 'shared', label: 'shared (several hosts)' },
          ]}
          onChange={(s) => f.set({ sharing: s as 'private' | 'shared' })}
        />
      </EditForm>
    </>
  );
}
