// QEMU's auto-converge as migration/ram.c implements it: the ladder, the two-period trigger, the
// 1 s period, tailslow.
import { describe, expect, it } from 'vitest';
import { AUTO_CONVERGE_DEFAULTS, finalThrottle, initialThrottleState, throttleLadder, throttleOnSync } from './autoconverge';

const MiB = 2 ** 20;

describe('auto-converge', () => {
  it('default ladder: 20, 30, ..., 90, 99', () => {
    expect(throttleLadder()).toEqual([20, 30, 40, 50, 60, 70, 80, 90, 99]);
    expect(throttleLadder({ ...AUTO_CONVERGE_DEFAULTS, initialPercent: 50, incrementPercent: 25 })).toEqual([50, 75, 99]);
  });

  it('F5: no throttle when D <= B/2; the top of the ladder when nothing is enough', () => {
    expect(finalThrottle(64 * MiB, 128 * MiB)).toBe(0);
    expect(finalThrottle(65 * MiB, 128 * MiB)).toBe(20);
    expect(finalThrottle(160 * MiB, 128 * MiB)).toBe(60);
    expect(finalThrottle(1e6 * MiB, 128 * MiB)).toBe(99);
  });

  it('steps on every second period over the threshold: 20, 30, ... then holds at 99', () => {
    const s = initialThrottleState();
    const seen: number[] = [];
    for (let i = 0; i < 24; i++) {
      if (throttleOnSync(s, 100, 80, 2)) seen.push(s.percent);
    }
    expect(seen).toEqual([20, 30, 40, 50, 60, 70, 80, 90, 99, 99, 99, 99]);
  });

  it('the high counter is not reset by a period under the threshold (it counts, it does not require consecutive periods)', () => {
    const s = initialThrottleState();
    expect(throttleOnSync(s, 100, 80, 2)).toBe(false);
    expect(throttleOnSync(s, 100, 10, 2)).toBe(false);
    expect(throttleOnSync(s, 100, 80, 2)).toBe(true);
    expect(s.percent).toBe(20);
  });

  it('exactly at the threshold is not over it (bytes_dirty_period > threshold)', () => {
    const s = initialThrottleState();
    for (let i = 0; i < 4; i++) expect(throttleOnSync(s, 100, 50, 2)).toBe(false);
  });

  it('syncs less than 1 s apart accumulate into one period', () => {
    const s = initialThrottleState();
    // 0.4 s syncs: the check runs at the third (1.2 s > 1 s) and the sixth.
    const fired = Array.from({ length: 6 }, () => throttleOnSync(s, 100, 80, 0.4));
    expect(fired).toEqual([false, false, false, false, false, true]);
    expect(s.percent).toBe(20);
    expect(s.periodS).toBe(0);
  });

  it('tailslow caps the increment by what reaches the threshold', () => {
    const p = { ...AUTO_CONVERGE_DEFAULTS, tailslow: true };
    const s = initialThrottleState();
    s.percent = 50;
    s.highCount = 1;
    // dirty 55 vs threshold 50: cpu_now 50, cpu_ideal = floor(50 x 50/55) = 45: + 5 %, not + 10 %.
    expect(throttleOnSync(s, 100, 55, 2, p)).toBe(true);
    expect(s.percent).toBe(55);
    s.highCount = 1;
    expect(throttleOnSync(s, 100, 500, 2, p)).toBe(true);
    expect(s.percent).toBe(65);
  });
});
