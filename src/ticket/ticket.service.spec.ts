import { describe, expect, it } from '@jest/globals';
import type { TicketPushService, PushRequestOutcome } from './ticket-push.service.js';
import { TicketService } from './ticket.service.js';
import { TicketStore, type StoredTicket } from './ticket.store.js';

/** Newest-wins by CreateTime, like the SQL store; counts reads. */
class FakeTicketStore extends TicketStore {
  readonly rows = new Map<string, StoredTicket>();
  reads = 0;

  async saveIfNewer(appid: string, t: StoredTicket): Promise<boolean> {
    const current = this.rows.get(appid);
    if (current && current.createTime >= t.createTime) return false;
    this.rows.set(appid, t);
    return true;
  }

  async find(appid: string): Promise<StoredTicket | null> {
    this.reads++;
    return this.rows.get(appid) ?? null;
  }
}

class FakePushes {
  readonly reasons: string[] = [];
  async request(reason: string): Promise<PushRequestOutcome> {
    this.reasons.push(reason);
    return { requested: this.reasons.length === 1, nextAllowedAt: new Date(0) };
  }
}

const APPID = 'wxcomponent0000001';

function setup() {
  const store = new FakeTicketStore();
  const pushes = new FakePushes();
  return { store, pushes, service: new TicketService(store, pushes as unknown as TicketPushService) };
}

describe('TicketService', () => {
  it('reads the store for a fresh ticket even while memory holds an older one (token fetches)', async () => {
    const { service, store } = setup();
    await service.save(APPID, 'ticket@@@mine', 100);
    store.rows.set(APPID, { ticket: 'ticket@@@theirs', createTime: 300, receivedAt: new Date() });
    await expect(service.current(APPID)).resolves.toMatchObject({ ticket: 'ticket@@@mine' });
    await expect(service.current(APPID, { fresh: true })).resolves.toMatchObject({ ticket: 'ticket@@@theirs' });
    expect(store.reads).toBe(1);
  });

  it('stores a newer ticket and never lets an older push overwrite it', async () => {
    const { service } = setup();
    await expect(service.save(APPID, 'ticket@@@new', 200)).resolves.toBe('stored');
    await expect(service.save(APPID, 'ticket@@@old', 100)).resolves.toBe('stale');
    await expect(service.save(APPID, 'ticket@@@dup', 200)).resolves.toBe('stale');
    await expect(service.current(APPID)).resolves.toMatchObject({ ticket: 'ticket@@@new', createTime: 200 });
  });

  it('answers from memory right after a save, and reads the store when another instance stored a newer one', async () => {
    const { service, store } = setup();
    await service.save(APPID, 'ticket@@@mine', 100);
    await service.current(APPID);
    expect(store.reads).toBe(0);
    store.rows.set(APPID, { ticket: 'ticket@@@theirs', createTime: 300, receivedAt: new Date() });
    // a late push of ours is stale: memory is dropped, so the newer row is read
    await expect(service.save(APPID, 'ticket@@@late', 150)).resolves.toBe('stale');
    await expect(service.current(APPID)).resolves.toMatchObject({ ticket: 'ticket@@@theirs' });
    expect(store.reads).toBe(1);
  });

  it('keeps tickets of different components apart', async () => {
    const { service } = setup();
    await service.save(APPID, 'ticket@@@a', 100);
    await service.save('wxcomponent0000002', 'ticket@@@b', 50);
    await expect(service.current(APPID)).resolves.toMatchObject({ ticket: 'ticket@@@a' });
    await expect(service.current('wxcomponent0000002')).resolves.toMatchObject({ ticket: 'ticket@@@b' });
  });

  it('reports the age from the receive time, and null when there is none', async () => {
    const { service, store } = setup();
    await expect(service.current(APPID)).resolves.toBeNull();
    store.rows.set(APPID, { ticket: 't', createTime: 1, receivedAt: new Date(Date.now() - 3_600_000) });
    const info = await service.current(APPID);
    expect(info?.ageSeconds).toBeGreaterThanOrEqual(3600);
    expect(info?.ageSeconds).toBeLessThan(3605);
    expect(service.lastReceivedAt(APPID)).toEqual(store.rows.get(APPID)?.receivedAt);
  });

  it('turns the push outcome into a boolean', async () => {
    const { service, pushes } = setup();
    await expect(service.requestPush('no ticket')).resolves.toBe(true);
    await expect(service.requestPush('again')).resolves.toBe(false);
    expect(pushes.reasons).toEqual(['no ticket', 'again']);
  });
});
