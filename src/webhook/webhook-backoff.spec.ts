import { describe, expect, it } from '@jest/globals';
import { retryDelayMs, retrySchedule } from './webhook-backoff.js';

describe('webhook retry backoff', () => {
  it('follows 10 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, then 6 h with the default base', () => {
    expect(retrySchedule(12, 10_000)).toEqual([
      10_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000, 21_600_000, 21_600_000, 21_600_000,
    ]);
  });

  it('gives a receiver about a day with the default 12 attempts', () => {
    const hours = retrySchedule(12, 10_000).reduce((a, b) => a + b, 0) / 3_600_000;
    expect(hours).toBeGreaterThan(20);
    expect(hours).toBeLessThan(30);
  });

  it('scales with the base (tests use milliseconds)', () => {
    expect(retrySchedule(4, 20)).toEqual([20, 60, 240]);
  });

  it('adds at most ±20 % jitter', () => {
    expect(retryDelayMs(1, 10_000, () => 0)).toBe(8_000);
    expect(retryDelayMs(1, 10_000, () => 1)).toBe(12_000);
    for (let i = 0; i < 100; i++) {
      const d = retryDelayMs(3, 10_000);
      expect(d).toBeGreaterThanOrEqual(96_000);
      expect(d).toBeLessThanOrEqual(144_000);
    }
  });

  it('treats out-of-range attempt numbers as the nearest step', () => {
    expect(retryDelayMs(0, 1000, () => 0.5)).toBe(1000);
    expect(retryDelayMs(99, 1000, () => 0.5)).toBe(2_160_000);
  });
});
