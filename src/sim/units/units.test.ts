import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatBytes, formatSizeArg, parseSize } from './size';
import { formatDuration, parseDuration } from './duration';

describe('sizes', () => {
  it('parses bytes and binary suffixes', () => {
    expect(parseSize('4096')).toBe(4096);
    expect(parseSize('4K')).toBe(4096);
    expect(parseSize('2M')).toBe(2 * 2 ** 20);
    expect(parseSize('1G')).toBe(2 ** 30);
    expect(parseSize('1T')).toBe(2 ** 40);
    expect(parseSize('16MiB')).toBe(16 * 2 ** 20);
    expect(parseSize('3 GiB')).toBe(3 * 2 ** 30);
    expect(parseSize('1.5G')).toBe(1.5 * 2 ** 30);
    expect(parseSize('0x1000')).toBe(4096);
    expect(parseSize('1TiB')).toBe(2 ** 40);
  });
  it('refuses what is not a size, naming it', () => {
    expect(() => parseSize('4Q')).toThrow(/unknown suffix "Q"/);
    expect(() => parseSize('-1')).toThrow(/invalid size "-1"/);
    expect(() => parseSize('')).toThrow(/invalid size/);
    expect(() => parseSize('0.3K')).toThrow(/whole number/);
    expect(() => parseSize('99999999P')).toThrow(/2\^53/);
  });
  it('prints sizes the way the tools do', () => {
    expect(formatBytes(4 * 2 ** 30)).toBe('4.00 GiB');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatSizeArg(2 * 2 ** 20)).toBe('2M');
    expect(formatSizeArg(3 * 2 ** 30)).toBe('3G');
    expect(formatSizeArg(5000)).toBe('5000');
  });
  it('round-trips formatSizeArg through parseSize (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 50 }), (n) => {
      expect(parseSize(formatSizeArg(n))).toBe(n);
    }));
  });
});

describe('durations', () => {
  it('parses the units the command line accepts', () => {
    expect(parseDuration('300ms')).toBe(300e6);
    expect(parseDuration('2s')).toBe(2e9);
    expect(parseDuration('1.5us')).toBe(1500);
    expect(parseDuration('250ns')).toBe(250);
    expect(parseDuration('250')).toBe(250);
    expect(parseDuration('1h')).toBe(3600e9);
    expect(() => parseDuration('2 fortnights')).toThrow(/invalid duration/);
    expect(() => parseDuration('-1s')).toThrow(/invalid duration/);
  });
  it('formats with the largest unit', () => {
    expect(formatDuration(1_500_000)).toBe('1.5 ms');
    expect(formatDuration(2e9)).toBe('2 s');
    expect(formatDuration(999)).toBe('999 ns');
  });
});
