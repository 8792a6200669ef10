import { describe, expect, it } from '@jest/globals';
import { MemoryMessageDedupeStore } from './memory-message-dedupe.store.js';

describe('MemoryMessageDedupeStore', () => {
  it('lets the first claim win until the TTL runs out', async () => {
    let now = 1_000;
    const store = new MemoryMessageDedupeStore(10, () => now);
    expect(await store.claim('k', 100)).toBe(true);
    expect(await store.claim('k', 100)).toBe(false);
    now += 100;
    expect(await store.claim('k', 100)).toBe(true);
  });

  it('forgets a released claim', async () => {
    const store = new MemoryMessageDedupeStore();
    await store.claim('k', 1000);
    await store.release('k');
    expect(await store.claim('k', 1000)).toBe(true);
  });

  it('keeps answers for their TTL', async () => {
    let now = 0;
    const store = new MemoryMessageDedupeStore(10, () => now);
    await store.remember('k', 'Xreply', 50);
    expect(await store.recall('k')).toBe('Xreply');
    now = 50;
    expect(await store.recall('k')).toBeUndefined();
  });

  it('stays within its bound, dropping the oldest', async () => {
    const store = new MemoryMessageDedupeStore(3, () => 0);
    for (const k of ['a', 'b', 'c', 'd', 'e']) await store.claim(k, 1000);
    expect(store.size).toBe(3);
    expect(await store.claim('a', 1000)).toBe(true);
    expect(await store.claim('e', 1000)).toBe(false);
  });
});
