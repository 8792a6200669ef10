import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service.js';
import type { MessageOutcome, PushMode } from './message.types.js';

/** gateway_messages_total{mode,outcome} and the time from arrival to answer. */
@Injectable()
export class MessageMetrics {
  private readonly total: Counter<'mode' | 'outcome'>;
  private readonly duration: Histogram<'mode' | 'outcome'>;

  constructor(metrics: MetricsService) {
    this.total = metrics.counter('gateway_messages_total', 'Pushes to the message URL, by mode and outcome', [
      'mode',
      'outcome',
    ]);
    const name = 'gateway_message_handling_seconds';
    this.duration =
      (metrics.registry.getSingleMetric(name) as Histogram<'mode' | 'outcome'> | undefined) ??
      new Histogram({
        name,
        help: 'Time from the arrival of a push to the message URL to its answer, by mode and outcome',
        labelNames: ['mode', 'outcome'],
        buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
        registers: [metrics.registry],
      });
  }

  /** `startedAt` from performance.now(). */
  observe(mode: PushMode | 'unknown', outcome: MessageOutcome, startedAt: number): void {
    this.total.inc({ mode, outcome });
    this.duration.observe({ mode, outcome }, (performance.now() - startedAt) / 1000);
  }
}
