import { Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service.js';

export type RefreshKind = 'authorizer' | 'direct' | 'jsapi_ticket' | 'wx_card_ticket';

/**
 * Token and ticket fetches by kind and result. Deliberately no appid label: 10,000 accounts would
 * make 10,000 series; the appid is in the log line of each fetch instead.
 */
@Injectable()
export class TokenMetrics {
  private readonly refreshes: Counter<'kind' | 'result'>;
  private readonly invalidations: Counter<'kind'>;

  constructor(metrics: MetricsService) {
    this.refreshes = metrics.counter(
      'gateway_token_refreshes_total',
      'Account token and ticket fetches from WeChat, by kind (authorizer, direct, jsapi_ticket, wx_card_ticket) ' +
        'and result (ok, recovered, not_authorized, needs_reauthorization, wechat_error, error)',
      ['kind', 'result'],
    );
    // Shared with ComponentTokenService (same name and labels): MetricsService hands back the one counter.
    this.invalidations = metrics.counter(
      'gateway_token_invalidations_total',
      'Tokens WeChat rejected before they expired (40001/40014/42001: token invalidated externally), by kind',
      ['kind'],
    );
  }

  refresh(kind: RefreshKind, result: string): void {
    this.refreshes.inc({ kind, result });
  }

  invalidated(): void {
    this.invalidations.inc({ kind: 'account' });
  }
}
