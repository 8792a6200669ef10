import { Injectable, Logger } from '@nestjs/common';
import { AppError } from '../common/errors/app-errors.js';
import { TokenConfig } from '../config/config.types.js';
import { AccountTicketStore } from './account-ticket.store.js';
import { AccountTokenService } from './account-token.service.js';
import { AccountTokenStore } from './account-token.store.js';
import { JsapiTicketService } from './jsapi-ticket.service.js';
import { runBounded } from './run-bounded.js';
import { freshBeyond, type Expiring } from './token-freshness.js';

/** Rows looked at per round; the soonest-expiring first, the rest in the next round. */
const BATCH = 1000;

export interface RefreshRound {
  refreshed: number;
  skipped: number;
  failed: number;
}

/**
 * One round of the background refresher: tokens and tickets that would enter the margin before the
 * next check, plus a random jitter per item (so accounts authorized together spread out), renewed
 * `refreshConcurrency` at a time. Revoked and needs_reauthorization accounts are skipped, never fetched.
 */
@Injectable()
export class AccountTokenRefreshService {
  private readonly logger = new Logger(AccountTokenRefreshService.name);

  constructor(
    private readonly tokenStore: AccountTokenStore,
    private readonly ticketStore: AccountTicketStore,
    private readonly tokens: AccountTokenService,
    private readonly tickets: JsapiTicketService,
    private readonly config: TokenConfig,
  ) {}

  async refreshDue(now = Date.now(), random: () => number = Math.random): Promise<RefreshRound> {
    const c = this.config;
    const before = new Date(now + (c.refreshMarginSec + c.refreshJitterSec) * 1000 + c.refreshCheckIntervalMs);
    const due = (t: Expiring) =>
      !freshBeyond(t, c.refreshMarginSec, c.refreshCheckIntervalMs + random() * c.refreshJitterSec * 1000, now);
    const tokens = (await this.tokenStore.listExpiringBefore(before, BATCH)).filter(due);
    const tokenResults = await runBounded(tokens, c.refreshConcurrency, (t) =>
      this.tokens.refreshDue(t.appid, t.accessToken),
    );
    const tickets = (await this.ticketStore.listExpiringBefore(before, BATCH)).filter(due);
    const ticketResults = await runBounded(tickets, c.refreshConcurrency, (t) =>
      this.tickets.refreshDue(t.appid, t.type, t.ticket),
    );
    return this.summarize([...tokenResults, ...ticketResults], [...tokens, ...tickets]);
  }

  private summarize(results: PromiseSettledResult<boolean>[], items: { appid: string }[]): RefreshRound {
    const round: RefreshRound = { refreshed: 0, skipped: 0, failed: 0 };
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') {
        if (r.value) round.refreshed++;
      } else if (r.reason instanceof AppError && r.reason.status < 500) {
        round.skipped++; // revoked, needs re-authorization, removed: nothing to renew
      } else {
        round.failed++;
        this.logger.warn({ appid: items[i].appid, error: (r.reason as Error).message }, 'background refresh failed');
      }
    });
    return round;
  }
}
