import { beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { AccountNotAuthorizedError } from '../account/account.errors.js';
import type { TokenConfig } from '../config/config.types.js';
import { AccountTicketStore, type ExpiringTicket } from './account-ticket.store.js';
import { AccountTokenRefreshService } from './account-token-refresh.service.js';
import type { AccountTokenService } from './account-token.service.js';
import type { JsapiTicketService } from './jsapi-ticket.service.js';
import { FakeAccountTokenStore } from './testing/fake-account-token.store.js';

const NOW = Date.parse('2026-01-01T08:00:00Z');
const MARGIN_SEC = 900;
const CHECK_MS = 60_000;

class EmptyTickets extends AccountTicketStore {
  async find() {
    return null;
  }
  async saveIfNewer() {
    return true;
  }
  async deleteAll() {}
  async listExpiringBefore(): Promise<ExpiringTicket[]> {
    return [];
  }
}

/** Records refreshes and how many ran at once; `revoked` appids fail like the real service does. */
class FakeTokens {
  refreshed: string[] = [];
  running = 0;
  maxRunning = 0;
  revoked = new Set<string>();
  async refreshDue(appid: string): Promise<boolean> {
    if (this.revoked.has(appid)) throw new AccountNotAuthorizedError(appid);
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
    this.running--;
    this.refreshed.push(appid);
    return true;
  }
}

function setup(jitterSec: number, concurrency = 8) {
  const store = new FakeAccountTokenStore();
  const tokens = new FakeTokens();
  const config: TokenConfig = {
    refreshMarginSec: MARGIN_SEC,
    refreshCheckIntervalMs: CHECK_MS,
    refreshJitterSec: jitterSec,
    refreshConcurrency: concurrency,
  };
  const service = new AccountTokenRefreshService(
    store,
    new EmptyTickets(),
    tokens as unknown as AccountTokenService,
    {} as JsapiTicketService,
    config,
  );
  /** A 7200 s token with `leftSec` left at NOW. */
  const add = (appid: string, leftSec: number) => {
    const expiresAt = new Date(NOW + leftSec * 1000);
    store.rows.set(appid, {
      accessToken: `at-${appid}`,
      expiresAt,
      fetchedAt: new Date(expiresAt.getTime() - 7200_000),
    });
  };
  return { service, tokens, add };
}

describe('AccountTokenRefreshService', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('renews what enters the margin before the next check, and leaves the rest', async () => {
    const { service, tokens, add } = setup(0);
    add('wxdue', MARGIN_SEC + 30); // inside margin + check interval
    add('wxlater', MARGIN_SEC + 600);
    expect(await service.refreshDue(NOW, () => 0.5)).toEqual({ refreshed: 1, skipped: 0, failed: 0 });
    expect(tokens.refreshed).toEqual(['wxdue']);
  });

  it('adds a random jitter of up to TOKEN_REFRESH_JITTER_SECONDS to the margin', async () => {
    const left = MARGIN_SEC + CHECK_MS / 1000 + 100; // due only with more than 100 s of jitter
    const early = setup(120);
    early.add('wxjitter', left);
    await early.service.refreshDue(NOW, () => 1);
    expect(early.tokens.refreshed).toEqual(['wxjitter']);
    const late = setup(120);
    late.add('wxjitter', left);
    await late.service.refreshDue(NOW, () => 0);
    expect(late.tokens.refreshed).toEqual([]);
  });

  it('never runs more than TOKEN_REFRESH_CONCURRENCY renewals at once, and does them all', async () => {
    const { service, tokens, add } = setup(0, 4);
    for (let i = 0; i < 50; i++) add(`wx${String(i).padStart(16, '0')}`, 60);
    const round = await service.refreshDue(NOW);
    expect(round.refreshed).toBe(50);
    expect(tokens.maxRunning).toBe(4);
  });

  it('skips revoked accounts without failing the round', async () => {
    const { service, tokens, add } = setup(0);
    add('wxrevoked', 60);
    add('wxfine', 60);
    tokens.revoked.add('wxrevoked');
    expect(await service.refreshDue(NOW)).toEqual({ refreshed: 1, skipped: 1, failed: 0 });
    expect(tokens.refreshed).toEqual(['wxfine']);
  });
});
