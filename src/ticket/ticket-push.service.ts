import { Inject, Injectable, Logger } from '@nestjs/common';
import { CACHE_MANAGER } from '@nestjs/cache-manager';
import type { Cache } from 'cache-manager';
import type { Counter } from 'prom-client';
import { Lock } from '../cache/lock.js';
import { ComponentConfig } from '../config/config.types.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { WechatHttpClient } from '../wechat/wechat-http.client.js';
import { ComponentNotConfiguredError } from './ticket.errors.js';

/** WeChat pushes a ticket every 10 minutes anyway; asking more often only spends quota (pitfall 21). */
export const PUSH_REQUEST_INTERVAL_MS = 10 * 60_000;

export interface PushRequestOutcome {
  /** False when another request (on any instance) was made less than 10 minutes ago. */
  requested: boolean;
  /** From when the next request will be made. */
  nextAllowedAt: Date;
}

/**
 * api_start_push_ticket (wechat-open-platform.md §4.2), at most once per 10 minutes across every
 * instance: the claim is a cache entry with a TTL (Redis with REDIS_URL), read and written under the Lock.
 */
@Injectable()
export class TicketPushService {
  private readonly logger = new Logger(TicketPushService.name);
  private readonly requests: Counter<'result'>;

  constructor(
    private readonly lock: Lock,
    @Inject(CACHE_MANAGER) private readonly cache: Cache,
    private readonly http: WechatHttpClient,
    private readonly config: ComponentConfig,
    metrics: MetricsService,
  ) {
    this.requests = metrics.counter(
      'gateway_ticket_push_requests_total',
      'api_start_push_ticket requests, by result (requested, rate_limited, error)',
      ['result'],
    );
  }

  async request(reason: string): Promise<PushRequestOutcome> {
    if (!this.config.configured) throw new ComponentNotConfiguredError();
    const claim = await this.claim();
    if (!claim.requested) {
      this.requests.inc({ result: 'rate_limited' });
      return claim;
    }
    try {
      // The field is component_secret here, not component_appsecret (§4.2); no token in the query.
      await this.http.postJson('/cgi-bin/component/api_start_push_ticket', {
        component_appid: this.config.appId,
        component_secret: this.config.appSecret,
      });
    } catch (err) {
      // The claim stays: a failing WeChat call is not retried faster than a successful one.
      this.requests.inc({ result: 'error' });
      this.logger.warn({ reason, error: (err as Error).message }, 'could not request a component_verify_ticket push');
      throw err;
    }
    this.requests.inc({ result: 'requested' });
    this.logger.log(`requested a fresh component_verify_ticket: ${reason}`);
    return claim;
  }

  private claim(): Promise<PushRequestOutcome> {
    const key = `ticket-push:${this.config.appId}`;
    return this.lock.run(key, 5_000, async () => {
      const until = await this.cache.get<number>(key);
      if (typeof until === 'number' && until > Date.now()) return { requested: false, nextAllowedAt: new Date(until) };
      const next = Date.now() + PUSH_REQUEST_INTERVAL_MS;
      await this.cache.set(key, next, PUSH_REQUEST_INTERVAL_MS);
      return { requested: true, nextAllowedAt: new Date(next) };
    });
  }
}
