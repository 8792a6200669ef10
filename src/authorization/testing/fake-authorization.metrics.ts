import type { AuthorizationMetrics, AuthorizationResult, ReconcileResult } from '../authorization.metrics.js';

/** Records what would have been counted. */
export class FakeAuthorizationMetrics {
  readonly authorizations: string[] = [];
  readonly reconcileRuns: ReconcileResult[] = [];

  authorization(source: string, result: AuthorizationResult): void {
    this.authorizations.push(`${source}:${result}`);
  }

  reconcileRun(result: ReconcileResult): void {
    this.reconcileRuns.push(result);
  }

  asMetrics(): AuthorizationMetrics {
    return this as unknown as AuthorizationMetrics;
  }
}
