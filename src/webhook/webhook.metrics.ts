import { Injectable, Logger } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service.js';
import { WebhookDeliveryLogService } from './webhook-delivery-log.service.js';
import type { WebhookMode } from './entities/webhook-subscription.entity.js';

/** async: delivered | failed | dead; reply: replied | no_reply | timeout | error | invalid. */
export type DeliveryResult = 'delivered' | 'failed' | 'dead' | 'replied' | 'no_reply' | 'timeout' | 'error' | 'invalid';

const GAUGE_STATUSES = ['pending', 'failed', 'dead'];

/** gateway_webhook_deliveries_total, the queue gauge (read from the shared database) and attempt latency. */
@Injectable()
export class WebhookMetrics {
  private readonly logger = new Logger(WebhookMetrics.name);
  private readonly deliveries: Counter<'mode' | 'result'>;
  private readonly latency: Histogram<'mode'>;

  constructor(metrics: MetricsService, log: WebhookDeliveryLogService) {
    const registry = metrics.registry;
    this.deliveries = metrics.counter(
      'gateway_webhook_deliveries_total',
      'Webhook attempts by mode (async, reply) and result',
      ['mode', 'result'],
    );
    this.latency =
      (registry.getSingleMetric('gateway_webhook_delivery_duration_seconds') as Histogram<'mode'> | undefined) ??
      new Histogram({
        name: 'gateway_webhook_delivery_duration_seconds',
        help: 'Duration of one webhook HTTP attempt, by mode',
        labelNames: ['mode'],
        buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10],
        registers: [registry],
      });
    if (registry.getSingleMetric('gateway_webhook_queue')) return;
    const logger = this.logger;
    new Gauge({
      name: 'gateway_webhook_queue',
      help: 'Async webhook deliveries by status: pending (not tried yet), failed (waiting for a retry), dead',
      labelNames: ['status'],
      registers: [registry],
      async collect() {
        try {
          const counts = await log.countByStatus();
          for (const s of GAUGE_STATUSES) this.set({ status: s }, counts.get(s) ?? 0);
        } catch (err) {
          logger.warn({ error: (err as Error).message }, 'webhook queue gauge not updated');
        }
      },
    });
  }

  observe(mode: WebhookMode, result: DeliveryResult, durationMs?: number): void {
    this.deliveries.inc({ mode, result });
    if (durationMs !== undefined) this.latency.observe({ mode }, durationMs / 1000);
  }
}
