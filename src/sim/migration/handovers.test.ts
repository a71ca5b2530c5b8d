// CXL approaches 1 and 2, live update instead of migration, and the CoW snapshot on DAX kmem.
import { describe, expect, it } from 'vitest';
import { blackoutTimeline } from '../luo/blackout';
import { cowSnapshot } from './cowSnapshot';
import { cxlMigrateThrough, cxlParamsFromRegion, cxlResident } from './cxl';
import { liveUpdateHandover, memfdBlackoutInput } from './liveupdate';
import { CXL_PARAMS } from './params';

const MiB = 2 ** 20;
const GiB = 2 ** 30;

describe('CXL approach 1: DRAM -> shared CXL -> switch -> DRAM', () => {
  const r = cxlMigrateThrough({ memoryBytes: 64 * GiB, switchover: { fixedS: 0.01, deviceStateBytes: MiB } });

  it('no page crosses the network; each page moves twice at CXL bandwidth', () => {
    expect(r.networkBytes).toBe(MiB);
    expect(r.cxlBytes).toBe(128 * GiB);
    expect(r.migrateS).toBeCloseTo((64 * GiB) / CXL_PARAMS.cxlBandwidthBps, 9);
    expect(r.totalS).toBeCloseTo(2 * r.migrateS + r.downtimeS, 9);
    expect(r.downtimeS).toBeCloseTo(0.01 + 1 / 128, 12);
  });

  it('lost work = downtime + the slower-memory integral, 2 T (1 - ln(1 + k) / k)', () => {
    const k = CXL_PARAMS.memoryStallFraction * (CXL_PARAMS.cxlLatencyNs / CXL_PARAMS.dramLatencyNs - 1);
    expect(r.lostWorkS).toBeCloseTo(r.downtimeS + 2 * r.migrateS * (1 - Math.log(1 + k) / k), 9);
  });

  it('a per-page migrate_pages overhead adds to the copy time', () => {
    const slow = cxlMigrateThrough({ memoryBytes: GiB, params: { migrateOverheadNsPerPage: 1000 } });
    expect(slow.migrateS).toBeCloseTo(262144 * (4096 / CXL_PARAMS.cxlBandwidthBps + 1e-6), 9);
  });
});

describe('CXL approach 2: resident in shared CXL', () => {
  it('near-instant handover, paid for by a steady slowdown', () => {
    const r = cxlResident({ memoryBytes: 64 * GiB, switchover: { fixedS: 0.01, deviceStateBytes: 0 } });
    expect(r.totalS).toBe(0.01);
    expect(r.downtimeS).toBe(0.01);
    const k = 0.3 * (170 / 90 - 1);
    expect(r.steadySlowdown).toBeCloseTo(1 - 1 / (1 + k), 12);
    expect(cxlResident({ memoryBytes: GiB, params: { cxlLatencyNs: 90 } }).steadySlowdown).toBe(0);
  });

  it('takes latency and bandwidth from a derived region of the memory map', () => {
    const p = cxlParamsFromRegion({ latencyNs: 250, aggregatedBandwidthMiBps: 60_000, hosts: [{}, {}] } as never);
    expect(p).toMatchObject({ cxlLatencyNs: 250, cxlBandwidthBps: 60_000 * MiB, shared: true });
  });
});

describe('live update instead of migration', () => {
  it('the blackout of the live update model for one memfd holding the VM', () => {
    const r = liveUpdateHandover({ memoryBytes: 4 * GiB });
    const input = memfdBlackoutInput({ memoryBytes: 4 * GiB });
    expect(input).toMatchObject({ sessions: 1, files: 1, folios: 1048576, holePages: 0, trackerBitmaps: 32 });
    expect(r.downtimeS).toBeCloseTo(blackoutTimeline(input).blackout.durationNs * 1e-9, 12);
    expect(r.lostWorkS).toBeCloseTo(r.downtimeS, 9);
  });

  it('THP folios and the radix tracker shrink the per-folio work; holes are filled at preserve', () => {
    const small = memfdBlackoutInput({ memoryBytes: 4 * GiB, folioPages: 512, trackerFormat: 'radix', populatedFraction: 0.5 });
    expect(small).toMatchObject({ folios: 2048, trackerBitmaps: 0, holePages: 524288 });
    expect(liveUpdateHandover({ memoryBytes: 4 * GiB, folioPages: 512 }).downtimeS).toBeLessThan(liveUpdateHandover({ memoryBytes: 4 * GiB }).downtimeS);
  });
});

describe('CoW snapshot on DAX kmem', () => {
  const o = { memoryBytes: GiB, writesPerS: 5000, seed: 3, params: { windowS: 20, samples: 10 } };

  it('snapshot time = write-protecting every page; nothing is copied at snapshot time', () => {
    const r = cowSnapshot(o);
    expect(r.snapshotS).toBeCloseTo(262144 * 31.3e-9, 12);
    expect(r.samples[0]).toMatchObject({ copiedPages: 0, footprintBytes: GiB });
    expect(r.persistentFootprintBytes).toBe(GiB);
  });

  it('pages copied over time follow F6 (within 2 %), the footprint grows with them', () => {
    const r = cowSnapshot(o);
    for (const s of r.samples.slice(1)) expect(Math.abs(s.copiedPages / s.expectedCopiedPages - 1)).toBeLessThan(0.02);
    expect(r.peakFootprintBytes).toBe(GiB + r.copiedPages * 4096);
    for (let i = 1; i < r.samples.length; i++) expect(r.samples[i].copiedPages).toBeGreaterThanOrEqual(r.samples[i - 1].copiedPages);
    expect(r.lostWorkS).toBeCloseTo(r.snapshotS + r.cowS, 9);
  });
});
