import { Injectable, Logger } from '@nestjs/common';
import { AccountService } from '../account/account.service.js';
import { Lock, LockTimeoutError } from '../cache/lock.js';
import { AuthorizationApi } from './authorization.api.js';
import { AuthorizationMetrics } from './authorization.metrics.js';
import { AuthorizationService } from './authorization.service.js';
import { planReconcile, type ListedAuthorizer, type ReconcileAction } from './reconcile-plan.js';

/** api_get_authorizer_list's largest page (§4.7). */
const PAGE_SIZE = 500;
/** Upper bound of one run; the lock is renewed while it runs. */
const RECONCILE_LOCK_TTL_MS = 60_000;

export interface ReconcileReport {
  /** Another run (maybe on another instance) held the lock: this one did nothing. */
  skipped: boolean;
  listed: number;
  adopted: number;
  repaired: number;
  revoked: number;
  failed: number;
}

/**
 * Brings stored component accounts in line with api_get_authorizer_list: recovers refresh tokens
 * (pitfall 5), notices revocations and authorizations whose pushes were missed (pitfall 14).
 */
@Injectable()
export class AccountReconcileService {
  private readonly logger = new Logger(AccountReconcileService.name);

  constructor(
    private readonly api: AuthorizationApi,
    private readonly accounts: AccountService,
    private readonly authorization: AuthorizationService,
    private readonly lock: Lock,
    private readonly metrics: AuthorizationMetrics,
  ) {}

  /** One run at a time across instances. A failed list read changes nothing. */
  async reconcile(): Promise<ReconcileReport> {
    try {
      const report = await this.lock.run('account-reconcile', RECONCILE_LOCK_TTL_MS, () => this.run(), { waitMs: 0 });
      this.metrics.reconcileRun('ok');
      this.logger.log({ ...report }, 'accounts reconciled with api_get_authorizer_list');
      return report;
    } catch (err) {
      if (err instanceof LockTimeoutError) {
        this.metrics.reconcileRun('skipped');
        return { skipped: true, listed: 0, adopted: 0, repaired: 0, revoked: 0, failed: 0 };
      }
      this.metrics.reconcileRun('error');
      throw err;
    }
  }

  private async run(): Promise<ReconcileReport> {
    const listed = await this.listAll();
    const known = await this.accounts.listKnownComponentAccounts(this.api.componentAppId);
    const report: ReconcileReport = {
      skipped: false,
      listed: listed.length,
      adopted: 0,
      repaired: 0,
      revoked: 0,
      failed: 0,
    };
    for (const action of planReconcile(known, listed)) {
      try {
        await this.apply(action);
        if (action.kind === 'adopt') report.adopted++;
        else if (action.kind === 'repair_token') report.repaired++;
        else report.revoked++;
      } catch (err) {
        report.failed++;
        this.logger.warn(
          { appid: action.appid, action: action.kind, err: (err as Error).message },
          'reconcile step failed',
        );
      }
    }
    return report;
  }

  private async apply(action: ReconcileAction): Promise<void> {
    if (action.kind === 'adopt') await this.authorization.readFromWechat(action.appid, action.refreshToken);
    else if (action.kind === 'repair_token') {
      await this.lock.run(`account:${action.appid}`, 10_000, async () => {
        if (await this.accounts.setRefreshToken(action.appid, action.refreshToken)) {
          this.logger.warn({ appid: action.appid }, 'stored refresh token differed from WeChat; repaired');
        }
      });
    } else await this.accounts.markRevoked(action.appid, new Date());
  }

  /** Every page, or an error: a partial list must never read as "revoked". */
  private async listAll(): Promise<ListedAuthorizer[]> {
    const all: ListedAuthorizer[] = [];
    for (let offset = 0; ; offset += PAGE_SIZE) {
      const page = await this.api.getAuthorizerList(offset, PAGE_SIZE);
      all.push(...page.list);
      if (page.list.length < PAGE_SIZE || all.length >= page.total_count) return all;
    }
  }
}
