import { describe, expect, test } from 'vitest';
import { parseSize } from '../../sim/units/size';
import { parseIdList } from './numbers';
import { parseLetterSize, parseLstopoSize, parseToolHumanSize } from './sizes';

const GiB = 2 ** 30;

describe('human sizes', () => {
  test('src/sim/units parseSize does not read ndctl -u sizes (why src/import has its own)', () => {
    expect(() => parseSize('4.00 GiB (4.29 GB)')).toThrow();
    expect(() => parseSize('245.11 GiB')).toThrow();
  });

  test('ndctl/daxctl/cxl -u: exact when the binary figure fits both roundings, else the middle of the overlap', () => {
    expect(parseToolHumanSize('249.00 GiB (267.36 GB)')).toEqual({ bytes: 249 * GiB, approx: expect.any(Number) });
    const s = parseToolHumanSize('245.11 GiB (263.18 GB)');
    expect(Math.abs((s?.bytes ?? 0) - 245.11 * GiB)).toBeLessThan(0.005 * GiB);
    expect(s?.approx).toBeLessThanOrEqual(0.005 * GiB + 1);
    expect(parseToolHumanSize('512.00 MiB (536.87 MB)')?.bytes).toBe(512 * 2 ** 20);
    expect(parseToolHumanSize('4.00 GiB (5.00 GB)')).toBeUndefined(); // contradicts itself
  });

  test('lsmem letters: 2.9G is 23 × 128M within 0.05G', () => {
    const r = parseLetterSize('2.9G');
    expect(Math.abs((r?.bytes ?? 0) - 23 * 128 * 2 ** 20)).toBeLessThanOrEqual(r?.approx ?? 0);
    expect(parseLetterSize('0B')).toEqual({ bytes: 0, approx: 0 });
    expect(parseLetterSize('1e9G')).toBeUndefined();
  });

  test('lstopo: whole units', () => {
    expect(parseLstopoSize('2935MiB')).toEqual({ bytes: 2935 * 2 ** 20, approx: 2 ** 20 });
    expect(parseLstopoSize('96GiB')?.bytes).toBe(96 * GiB);
  });

  test('id lists are bounded', () => {
    expect(parseIdList('0-1,3')).toEqual([0, 1, 3]);
    expect(parseIdList('0-99999999')).toBeUndefined();
    expect(parseIdList('3-1')).toBeUndefined();
  });
});
