// What-if edits of dax devices (daxctl reconfigure-device) and of boot RAM memory blocks
// (online/offline, zone).
import type { DaxDevice, Machine, ZoneName } from '../../sim/machine/schema';
import { CheckField, EditForm, errorFor, SelectField, TextField, useEditor, useForm, type Option } from './fields';
import { BLOCK_ZONES, blocksOf, bytesText, daxChange, daxFormOf, hex, planBlocks, type BlocksForm, type DaxForm } from './forms';
import type { SectionProps } from './PmemSection';

const ZONE_OPTS: Option[] = [{ value: '', label: 'keep its zone' }, ...BLOCK_ZONES.map((z) => ({ value: z, label: `ZONE_${z.toUpperCase()}` }))];

function sourceText(d: DaxDevice): string {
  const s = d.source;
  return s.kind === 'namespace' ? s.namespace : s.kind === 'cxl-region' ? `CXL ${s.region}` : `hmem ${s.range}`;
}

export function DaxSection({ m, layout, picks, pick }: SectionProps) {
  const list = m.dax!;
  const d = list.find((x) => x.id === picks.dax) ?? list[0];
  const dl = layout?.dax.find((x) => x.id === d.id);
  return (
    <>
      <SelectField
        label="dax device"
        wide
        value={d.id}
        options={list.map((x) => ({ value: x.id, label: `${x.id} · ${x.mode} · ${sourceText(x)} · node ${x.targetNode}` }))}
        onChange={(id) => pick({ dax: id })}
      />
      {dl && (
        <p className="we-facts" data-testid="dax-facts">
          {hex(dl.start)}–{hex(dl.end - 1)} ({bytesText(dl.end - dl.start)})
          {dl.kmem
            ? ` · kmem adds ${dl.kmem.blocks} blocks to node ${dl.targetNode}, ${dl.kmem.zone === 'offline' ? 'offline' : `ZONE_${dl.kmem.zone.toUpperCase()}`}${dl.kmem.trimmedBytes ? `, ${bytesText(dl.kmem.trimmedBytes)} trimmed to block edges` : ''}`
            : ' · ZONE_DEVICE, mapped by applications (mmap of /dev/dax)'}
        </p>
      )}
      <DaxForm d={d} />
    </>
  );
}

function DaxForm({ d }: { d: DaxDevice }) {
  const ed = useEditor();
  const form = `dax:${d.id}`;
  const f = useForm<DaxForm>(() => daxFormOf(d), JSON.stringify(d));
  const v = f.values;
  const ram = v.mode === 'system-ram';
  return (
    <EditForm
      form={form}
      legend={`daxctl reconfigure-device ${d.id}`}
      submit={`Reconfigure ${d.id}`}
      errors={f.errors}
      onSubmit={() => {
        const p = daxChange(d, v);
        if (!p.ok) return f.setErrors(p.errors);
        void ed.run(form, p.value, `reconfigured ${d.id} as ${v.mode}`);
      }}
      note={ram ? 'kmem hot-plugs whole memory blocks only: the range is trimmed to block edges.' : 'devdax: the memory stays ZONE_DEVICE; nothing joins the page allocator.'}
    >
      <SelectField
        label="Mode"
        wide
        value={v.mode}
        options={[
          { value: 'devdax', label: 'devdax (character device)' },
          { value: 'system-ram', label: 'system-ram (kmem, joins a node)' },
        ]}
        onChange={(mode) => f.set({ mode: mode as DaxForm['mode'] })}
      />
      <div className="we-checks wide" role="group" aria-label="system-ram options">
        <CheckField label="online_movable (unchecked: --no-movable)" checked={v.movable} disabled={!ram} onChange={(movable) => f.set({ movable })} />
        <CheckField label="online (unchecked: --no-online)" checked={v.online} disabled={!ram} onChange={(online) => f.set({ online })} />
        <CheckField label="memmap_on_memory" checked={v.memmapOnMemory} disabled={!ram} onChange={(memmapOnMemory) => f.set({ memmapOnMemory })} />
      </div>
    </EditForm>
  );
}

export function BlocksSection({ m, picks, pick }: SectionProps) {
  const ed = useEditor();
  const ranges = m.ranges.filter((r) => r.type === 'system-ram');
  // By default the range with the most whole blocks: where onlining and offlining matter.
  const range = ranges.find((r) => r.id === picks.range) ?? ranges.reduce((a, r) => (blocksOf(m, r.start, r.size).count > blocksOf(m, a.start, a.size).count ? r : a), ranges[0]);
  const whole = blocksOf(m, range.start, range.size);
  const bs = m.memoryBlockBytes;
  const form = 'blocks';
  const f = useForm<BlocksForm>(
    () => ({ first: String(whole.first), count: '1', action: range.online ? 'offline' : 'online', zone: '' }),
    JSON.stringify([range.id, range.start, range.size, range.online, range.zone]),
  );
  const v = f.values;
  const plan = planBlocks(m, v);
  return (
    <>
      <SelectField
        label="System RAM range"
        wide
        value={range.id}
        options={ranges.map((r) => ({ value: r.id, label: `${r.id} · ${bytesText(r.size)} · node ${r.node} · ${r.zone ?? '—'} · ${r.online ? 'online' : 'offline'}` }))}
        onChange={(id) => pick({ range: id })}
      />
      <p className="we-facts">
        {whole.count
          ? `memory${whole.first}–memory${whole.first + whole.count - 1}: ${whole.count} whole block${whole.count === 1 ? '' : 's'} of ${bytesText(bs)}`
          : `no whole ${bytesText(bs)} memory block inside ${range.id}`}{' '}
        · {hex(range.start)}–{hex(range.start + range.size - 1)}
      </p>
      <EditForm
        form={form}
        legend="Online or offline memory blocks"
        submit={v.action === 'online' ? 'Online' : 'Offline'}
        errors={f.errors}
        fields={['First block', 'Blocks']}
        onSubmit={() => {
          if (!plan.ok) return f.setErrors(plan.errors);
          void ed.run(form, plan.value.op, plan.value.summary);
        }}
        note={
          plan.ok ? (
            <>
              /sys/devices/system/memory/memory{v.first}
              {plan.value.count > 1 ? `…${Number(v.first) + plan.value.count - 1}` : ''}: {hex(plan.value.start)}–{hex(plan.value.end - 1)} ({bytesText(plan.value.end - plan.value.start)}). An online block changes zone only after it is offlined.
            </>
          ) : (
            'An online block changes zone only after it is offlined.'
          )
        }
      >
        <TextField label="First block" value={v.first} hint={`memoryN, N × ${bytesText(bs)}`} onChange={(first) => f.set({ first })} error={errorFor(f.errors, 'First block')} />
        <TextField label="Blocks" value={v.count} onChange={(count) => f.set({ count })} error={errorFor(f.errors, 'Blocks')} />
        <SelectField
          label="Action"
          value={v.action}
          options={[
            { value: 'offline', label: 'offline' },
            { value: 'online', label: 'online' },
          ]}
          onChange={(a) => f.set({ action: a as BlocksForm['action'] })}
        />
        <SelectField label="Zone" value={v.zone} disabled={v.action === 'offline'} options={ZONE_OPTS} onChange={(z) => f.set({ zone: z as '' | ZoneName })} />
      </EditForm>
    </>
  );
}

export const hasBlocks = (m: Machine): boolean => m.ranges.some((r) => r.type === 'system-ram');
