import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { WebhookConfig } from '../config/config.types.js';
import { WebhookDeliveryService } from './webhook-delivery.service.js';

const INTERVAL_NAME = 'webhook-delivery-worker';

/**
 * Every instance polls for due deliveries every WEBHOOK_POLL_INTERVAL_MS; the claim in the store
 * makes each attempt happen on one instance only. On shutdown it stops polling, aborts the sends in
 * flight and gives their claims back before the database closes.
 */
@Injectable()
export class WebhookDeliveryScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WebhookDeliveryScheduler.name);
  private running: Promise<void> | null = null;
  private readonly stopping = new AbortController();

  constructor(
    private readonly scheduler: SchedulerRegistry,
    private readonly deliveries: WebhookDeliveryService,
    private readonly config: WebhookConfig,
  ) {}

  onApplicationBootstrap(): void {
    // After bootstrap, so migrations have run before the first poll.
    const handle = setInterval(() => void this.tick(), this.config.pollIntervalMs);
    this.scheduler.addInterval(INTERVAL_NAME, handle);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.scheduler.doesExist('interval', INTERVAL_NAME)) this.scheduler.deleteInterval(INTERVAL_NAME);
    this.stopping.abort();
    await this.running;
  }

  /** One poll; a slow run is not stacked on, errors are logged and never leave. */
  tick(): Promise<void> {
    if (this.running || this.stopping.signal.aborted) return this.running ?? Promise.resolve();
    this.running = this.deliveries
      .deliverDue(this.stopping.signal)
      .then(() => undefined)
      .catch((err: Error) => this.logger.warn({ error: err.message }, 'webhook delivery run failed'))
      .finally(() => (this.running = null));
    return this.running;
  }
}
