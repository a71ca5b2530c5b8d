import { describe, expect, it } from 'vitest';
import { labelArea } from './labels';
import { computeBtt } from './btt';

describe('label storage area', () => {
  it('128 KiB with 256-byte labels gives nslot 510 (read-labels-j-nmem0-optane.json) and 509 namespaces (ramdax Kconfig)', () => {
    const a = labelArea(128 * 1024, 256);
    expect(a.nslot).toBe(510);
    expect(a.indexSize).toBe(256);
    expect(a.maxNamespaces).toBe(509);
    expect(2 * a.indexSize + a.nslot * a.labelSize).toBe(131072);
  });

  it('128-byte (v1.1) labels double the slots', () => {
    expect(labelArea(128 * 1024, 128).nslot).toBe(1020);
  });
});

describe('BTT arenas', () => {
  it('splits at 512 GiB', () => {
    expect(computeBtt(2 ** 40).arenas).toBe(2);
    expect(computeBtt(2 ** 39).arenas).toBe(1);
  });
  it('drops a tail smaller than 16 MiB', () => {
    expect(computeBtt(2 ** 39 + 4096 + 8 * 2 ** 20).arenas).toBe(1);
  });
});
