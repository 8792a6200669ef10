import { Injectable, Logger } from '@nestjs/common';
import { WebhookConfig } from '../config/config.types.js';
import type { WebhookDeliveryEntity } from './entities/webhook-delivery.entity.js';
import { retryDelayMs } from './webhook-backoff.js';
import { WebhookDeliveryStore } from './webhook-delivery.store.js';
import { WebhookHttpClient } from './webhook-http.client.js';
import { WebhookSubscriptionCache, type ActiveSubscription } from './webhook-subscription.cache.js';
import { WebhookMetrics } from './webhook.metrics.js';

/** One attempt waits this long for the subscriber. */
export const SEND_TIMEOUT_MS = 10_000;
/** A claim outlives the attempts it covers (sent in parallel, SEND_TIMEOUT_MS each) with room to record. */
export const CLAIM_TTL_MS = 3 * SEND_TIMEOUT_MS;
const BATCH = 50;
/** Batches per run at most, so one run cannot go on forever while the queue keeps filling. */
const MAX_BATCHES = 20;

/** Sends due async deliveries: claim a batch, POST each (in parallel), record each result. */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger(WebhookDeliveryService.name);

  constructor(
    private readonly store: WebhookDeliveryStore,
    private readonly subscriptions: WebhookSubscriptionCache,
    private readonly http: WebhookHttpClient,
    private readonly metrics: WebhookMetrics,
    private readonly config: WebhookConfig,
  ) {}

  /** Delivers what is due now; answers how many attempts were made. `signal` aborts on shutdown. */
  async deliverDue(signal?: AbortSignal): Promise<number> {
    let attempted = 0;
    for (let i = 0; i < MAX_BATCHES && !signal?.aborted; i++) {
      const subs = new Map((await this.subscriptions.all()).filter((s) => s.enabled).map((s) => [s.id, s]));
      const { token, rows } = await this.store.claimDue([...subs.keys()], BATCH, CLAIM_TTL_MS);
      const results = await Promise.all(rows.map((r) => this.attempt(r, subs.get(r.subscriptionId), token, signal)));
      attempted += results.filter(Boolean).length;
      if (rows.length < BATCH) break;
    }
    return attempted;
  }

  /** True when an attempt was made (false when shutdown interrupted it and the claim was released). */
  private async attempt(
    row: WebhookDeliveryEntity,
    sub: ActiveSubscription | undefined,
    token: string,
    signal?: AbortSignal,
  ): Promise<boolean> {
    if (!sub) return this.fail(row, token, null, 'subscription disabled or removed'); // cannot happen often: claimed by enabled id
    try {
      const res = await this.http.post({
        url: sub.url,
        secret: sub.secret,
        deliveryId: row.id,
        body: row.payload,
        timeoutMs: SEND_TIMEOUT_MS,
        signal,
      });
      if (res.statusCode >= 200 && res.statusCode < 300) {
        this.metrics.observe('async', 'delivered', res.durationMs);
        await this.store.recordSuccess(row.id, token, res.statusCode);
        return true;
      }
      return this.fail(row, token, res.statusCode, `HTTP ${res.statusCode}`, res.durationMs);
    } catch (err) {
      if (signal?.aborted) {
        await this.store.release([row.id], token);
        return false;
      }
      return this.fail(row, token, null, (err as Error).message);
    }
  }

  private async fail(
    row: WebhookDeliveryEntity,
    token: string,
    statusCode: number | null,
    error: string,
    durationMs?: number,
  ): Promise<boolean> {
    const attempts = row.attempts + 1;
    const dead = attempts >= this.config.maxAttempts;
    const nextAttemptAt = dead ? null : new Date(Date.now() + retryDelayMs(attempts, this.config.backoffBaseMs));
    await this.store.recordFailure(row.id, token, { statusCode, error, nextAttemptAt, dead });
    this.metrics.observe('async', dead ? 'dead' : 'failed', durationMs);
    const context = { deliveryId: row.id, subscriptionId: row.subscriptionId, attempts, statusCode, error };
    if (dead) this.logger.warn(context, 'webhook delivery is dead after its last attempt');
    else this.logger.debug({ ...context, nextAttemptAt }, 'webhook delivery failed; will retry');
    return true;
  }
}
