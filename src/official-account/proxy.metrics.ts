import { Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service.js';

/** ok; wechat_error: errcode ≠ 0; http_error: WeChat answered ≥ 400; refused: bad path; failed: nothing came back. */
export type ProxyOutcome = 'ok' | 'wechat_error' | 'http_error' | 'refused' | 'failed';

/** gateway_proxy_requests_total{endpoint_group, outcome, errcode}: one count per proxied request. */
@Injectable()
export class ProxyMetrics {
  private readonly requests: Counter<'endpoint_group' | 'outcome' | 'errcode'>;

  constructor(metrics: MetricsService) {
    this.requests = metrics.counter(
      'gateway_proxy_requests_total',
      'Requests through the account proxy, by endpoint group (first two path segments), outcome and the ' +
        'errcode of the final answer (0 when none or not JSON)',
      ['endpoint_group', 'outcome', 'errcode'],
    );
  }

  record(endpointGroup: string, outcome: ProxyOutcome, errcode = 0): void {
    this.requests.inc({ endpoint_group: endpointGroup, outcome, errcode: String(errcode) });
  }
}
