import { AccountTokenStore, type ExpiringAccountToken, type StoredAccountToken } from '../account-token.store.js';

/** AccountTokenStore in memory, with the same newest-wins and compare-and-delete rules. */
export class FakeAccountTokenStore extends AccountTokenStore {
  readonly rows = new Map<string, StoredAccountToken>();

  async find(appid: string): Promise<StoredAccountToken | null> {
    const row = this.rows.get(appid);
    return row ? { ...row } : null;
  }
  async saveIfNewer(appid: string, t: StoredAccountToken): Promise<boolean> {
    const row = this.rows.get(appid);
    if (row && row.fetchedAt.getTime() >= t.fetchedAt.getTime()) return false;
    this.rows.set(appid, { ...t });
    return true;
  }
  async deleteIfCurrent(appid: string, token: string): Promise<boolean> {
    if (this.rows.get(appid)?.accessToken !== token) return false;
    this.rows.delete(appid);
    return true;
  }
  async deleteAll(appid: string): Promise<void> {
    this.rows.delete(appid);
  }
  async listExpiringBefore(before: Date, limit: number): Promise<ExpiringAccountToken[]> {
    return [...this.rows.entries()]
      .filter(([, t]) => t.expiresAt < before)
      .sort((a, b) => a[1].expiresAt.getTime() - b[1].expiresAt.getTime())
      .slice(0, limit)
      .map(([appid, t]) => ({ appid, ...t }));
  }
}
