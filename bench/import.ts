// import.mbPerSec: parsing throughput of the importer on a 50 MB synthetic /proc/zoneinfo
// (~900 nodes × 5 zones with per-node counters and 96 per-CPU pagesets, like a big host's file).
// Target ≥ 20 MB/s; MB here is 2^20 bytes. Detection, parsing and combining are all timed.
import { importFiles } from '../src/import/index';
import type { Figures } from './harness';
import { median, round } from './harness';

const TARGET_BYTES = 50 * 2 ** 20;
const ZONES = ['DMA', 'DMA32', 'Normal', 'Movable', 'Device'];
const NODE_STATS = ['nr_inactive_anon', 'nr_active_anon', 'nr_inactive_file', 'nr_active_file', 'nr_unevictable', 'nr_slab_reclaimable', 'nr_slab_unreclaimable', 'nr_isolated_anon', 'nr_isolated_file', 'workingset_nodes', 'nr_anon_pages', 'nr_mapped', 'nr_file_pages', 'nr_dirty', 'nr_writeback', 'nr_shmem', 'nr_kernel_stack', 'nr_page_table_pages'];
const ZONE_STATS = ['nr_free_pages', 'nr_zone_inactive_anon', 'nr_zone_active_anon', 'nr_zone_inactive_file', 'nr_zone_active_file', 'nr_zone_unevictable', 'nr_zone_write_pending', 'nr_mlock', 'nr_bounce', 'nr_zspages', 'nr_free_cma', 'numa_hit', 'numa_miss', 'numa_foreign', 'numa_interleave', 'numa_local', 'numa_other'];

/** A /proc/zoneinfo-shaped text of at least `bytes` characters (at most 1024 nodes). */
export function syntheticZoneinfo(bytes: number): { text: string; nodes: number } {
  const parts: string[] = [];
  let size = 0;
  let node = 0;
  while (size < bytes && node < 1024) {
    ZONES.forEach((zone, z) => {
      const present = zone === 'Normal' ? 8_388_608 + node : zone === 'DMA32' ? 1_044_480 : zone === 'DMA' ? 3_998 : 0;
      const lines = [`Node ${node}, zone ${zone.padStart(8)}`];
      if (z === 0) {
        lines.push('  per-node stats');
        for (const s of NODE_STATS) lines.push(`      ${s} ${(node * 7919 + s.length * 31) % 100_000}`);
      }
      lines.push(
        `  pages free     ${Math.floor(present * 0.8)}`,
        '        boost    0',
        '        min      11',
        '        low      14',
        '        high     17',
        `        spanned  ${present + 97}`,
        `        present  ${present}`,
        `        managed  ${Math.floor(present * 0.97)}`,
        '        cma      0',
        '        protection: (0, 2929, 31894, 31894, 31894)',
      );
      for (const s of ZONE_STATS) lines.push(`      ${s} ${(node * 104_729 + s.length) % 1_000_000}`);
      lines.push('  pagesets');
      for (let cpu = 0; cpu < 96; cpu++) lines.push(`    cpu: ${cpu}`, '              count: 0', '              high:  0', '              batch: 1', '  vm stats threshold: 6');
      lines.push('  node_unreclaimable:  0', `  start_pfn:           ${node * 8_388_608 + 1}`);
      const text = lines.join('\n') + '\n';
      parts.push(text);
      size += text.length;
    });
    node++;
  }
  return { text: parts.join(''), nodes: node };
}

export async function run(progress: (m: string) => void): Promise<Figures> {
  progress('generating 50 MB of synthetic /proc/zoneinfo');
  const { text, nodes } = syntheticZoneinfo(TARGET_BYTES);
  const mb = text.length / 2 ** 20;
  const seconds: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const r = importFiles([{ name: 'zoneinfo-50MB.txt', text }]);
    const dt = (performance.now() - t0) / 1000;
    if (!r.machine || r.machine.nodes.length !== nodes) throw new Error(`synthetic zoneinfo did not import as ${nodes} nodes: ${r.errors[0]?.message ?? 'no machine'}`);
    seconds.push(dt);
    progress(`run ${i + 1}: ${mb.toFixed(1)} MB in ${dt.toFixed(2)} s`);
  }
  return { mbPerSec: round(mb / median(seconds)), inputMB: round(mb) };
}
