import { Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service.js';

export type AuthorizationResult = 'ok' | 'cached' | 'invalid_code' | 'error';
export type ReconcileResult = 'ok' | 'error' | 'skipped';

/** gateway_authorizations_total{source,result} and gateway_reconcile_runs_total{result}. */
@Injectable()
export class AuthorizationMetrics {
  private readonly authorizations: Counter<'source' | 'result'>;
  private readonly reconcileRuns: Counter<'result'>;

  constructor(metrics: MetricsService) {
    this.authorizations = metrics.counter(
      'gateway_authorizations_total',
      'Authorization codes handled, by source (push, callback) and result (ok, cached, invalid_code, error)',
      ['source', 'result'],
    );
    this.reconcileRuns = metrics.counter(
      'gateway_reconcile_runs_total',
      'Reconciliations of accounts with api_get_authorizer_list, by result (ok, error, skipped: another run held the lock)',
      ['result'],
    );
  }

  authorization(source: string, result: AuthorizationResult): void {
    this.authorizations.inc({ source, result });
  }

  reconcileRun(result: ReconcileResult): void {
    this.reconcileRuns.inc({ result });
  }
}
