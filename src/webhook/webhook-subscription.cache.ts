import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SecretBox } from '../crypto/secret-box.js';
import { WebhookSubscriptionEntity, type WebhookMode } from './entities/webhook-subscription.entity.js';
import { splitList, type WebhookFilter } from './webhook-filter.js';

/** A subscription as dispatch and the worker use it: secret opened, lists split. */
export interface ActiveSubscription {
  id: string;
  url: string;
  secret: string;
  mode: WebhookMode;
  enabled: boolean;
  filter: WebhookFilter;
}

/** Other instances' changes are seen within this long; this instance's at once (invalidate()). */
const REFRESH_MS = 5_000;

/**
 * Every subscription in memory, in creation order, so dispatch() costs no query on the hot path.
 * Reloaded (one SELECT, single flight) when older than REFRESH_MS or after a local change.
 */
@Injectable()
export class WebhookSubscriptionCache {
  private readonly logger = new Logger(WebhookSubscriptionCache.name);
  private subscriptions: ActiveSubscription[] = [];
  private loadedAt = 0;
  private loading: Promise<ActiveSubscription[]> | null = null;
  private generation = 0;

  constructor(
    @InjectRepository(WebhookSubscriptionEntity) private readonly repo: Repository<WebhookSubscriptionEntity>,
    private readonly box: SecretBox,
  ) {}

  async all(): Promise<ActiveSubscription[]> {
    if (Date.now() - this.loadedAt < REFRESH_MS) return this.subscriptions;
    this.loading ??= this.load().finally(() => (this.loading = null));
    return this.loading;
  }

  async get(id: string): Promise<ActiveSubscription | undefined> {
    return (await this.all()).find((s) => s.id === id);
  }

  /** After a create, update or delete on this instance. */
  invalidate(): void {
    this.loadedAt = 0;
    this.generation += 1;
  }

  private async load(): Promise<ActiveSubscription[]> {
    const generation = this.generation;
    const rows = await this.repo.find({ order: { createdAt: 'ASC', id: 'ASC' } });
    const loaded = rows.map((r) => this.toActive(r)).filter((s): s is ActiveSubscription => s !== null);
    this.subscriptions = loaded;
    // A change made while this SELECT ran must not be hidden for REFRESH_MS.
    if (generation === this.generation) this.loadedAt = Date.now();
    return loaded;
  }

  private toActive(r: WebhookSubscriptionEntity): ActiveSubscription | null {
    let secret: string;
    try {
      secret = this.box.open(r.secretSealed);
    } catch {
      this.logger.error({ subscriptionId: r.id }, 'webhook secret cannot be opened (GATEWAY_SECRET_KEY changed?)');
      return null;
    }
    return {
      id: r.id,
      url: r.url,
      secret,
      mode: r.mode,
      enabled: r.enabled,
      filter: { msgTypes: splitList(r.msgTypes), events: splitList(r.events), appids: splitList(r.appids) },
    };
  }
}
