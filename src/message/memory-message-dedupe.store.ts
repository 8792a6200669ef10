import { MessageDedupeStore } from './message-dedupe.store.js';

/** Entries kept at most; the oldest go first, so a flood cannot grow the process without bound. */
const DEFAULT_MAX_ENTRIES = 100_000;

/** One process only (no REDIS_URL): a Map in insertion order with an expiry per entry. */
export class MemoryMessageDedupeStore extends MessageDedupeStore {
  private readonly claims = new Map<string, number>();
  private readonly answers = new Map<string, { value: string; expiresAt: number }>();

  constructor(
    private readonly maxEntries = DEFAULT_MAX_ENTRIES,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  claim(key: string, ttlMs: number): Promise<boolean> {
    const now = this.now();
    const expiresAt = this.claims.get(key);
    if (expiresAt !== undefined && expiresAt > now) return Promise.resolve(false);
    this.claims.delete(key); // re-insert at the end: insertion order is expiry order
    this.claims.set(key, now + ttlMs);
    trim(this.claims, this.maxEntries, now, (v) => v);
    return Promise.resolve(true);
  }

  release(key: string): Promise<void> {
    this.claims.delete(key);
    return Promise.resolve();
  }

  remember(key: string, answer: string, ttlMs: number): Promise<void> {
    const now = this.now();
    this.answers.delete(key);
    this.answers.set(key, { value: answer, expiresAt: now + ttlMs });
    trim(this.answers, this.maxEntries, now, (v) => v.expiresAt);
    return Promise.resolve();
  }

  recall(key: string): Promise<string | undefined> {
    const entry = this.answers.get(key);
    return Promise.resolve(entry && entry.expiresAt > this.now() ? entry.value : undefined);
  }

  get size(): number {
    return this.claims.size;
  }
}

/** Drops expired entries from the front, then the oldest while over the bound. */
function trim<V>(map: Map<string, V>, max: number, now: number, expiry: (v: V) => number): void {
  for (const [key, value] of map) {
    if (map.size <= max && expiry(value) > now) break;
    map.delete(key);
  }
}
