/**
 * Delay before retry n (n = failed attempts so far, from 1), in units of the base delay (10 s by
 * default): 10 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, then every 6 h. With the default
 * 12 attempts a receiver has about a day (≈ 25 h) to come back before a delivery is dead.
 */
const SCHEDULE = [1, 3, 12, 60, 180, 360, 720, 1440, 2160];
/** ±20 %, so deliveries that failed together (a receiver outage) do not all retry in the same tick. */
const JITTER = 0.2;

export function retryDelayMs(failedAttempts: number, baseMs: number, random: () => number = Math.random): number {
  const step = SCHEDULE[Math.min(Math.max(failedAttempts, 1), SCHEDULE.length) - 1];
  const jitter = 1 + JITTER * (2 * random() - 1);
  return Math.round(step * baseMs * jitter);
}

/** The delays without jitter, for documentation and tests. */
export function retrySchedule(maxAttempts: number, baseMs: number): number[] {
  return Array.from({ length: Math.max(maxAttempts - 1, 0) }, (_, i) => retryDelayMs(i + 1, baseMs, () => 0.5));
}
