import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface WechatCallSample {
  endpoint: string;
  host: string;
  outcome: string;
  errcode?: number;
  durationMs: number;
}

/**
 * Prometheus metrics of this app instance. Each app owns its Registry (not prom-client's global one),
 * so several apps in one process (tests) do not collide; modules add their metrics through it.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'gateway_http_request_duration_seconds',
    help: 'HTTP requests served, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly wechatCalls = new Counter({
    name: 'gateway_wechat_api_calls_total',
    help: 'Calls to the WeChat API, by endpoint path, host, outcome and errcode (0 when none)',
    labelNames: ['endpoint', 'host', 'outcome', 'errcode'] as const,
    registers: [this.registry],
  });

  readonly wechatDuration = new Histogram({
    name: 'gateway_wechat_api_call_duration_seconds',
    help: 'Duration of WeChat API calls, by endpoint path',
    labelNames: ['endpoint'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'gateway_' });
  }

  observeWechatCall(s: WechatCallSample): void {
    this.wechatCalls.inc({ endpoint: s.endpoint, host: s.host, outcome: s.outcome, errcode: String(s.errcode ?? 0) });
    this.wechatDuration.observe({ endpoint: s.endpoint }, s.durationMs / 1000);
  }

  counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
    const existing = this.registry.getSingleMetric(name);
    if (existing) return existing as Counter<L>;
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }
}
