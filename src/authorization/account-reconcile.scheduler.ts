import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AuthorizationConfig, ComponentConfig } from '../config/config.types.js';
import { AccountReconcileService } from './account-reconcile.service.js';

const INTERVAL_NAME = 'account-reconcile';

/**
 * Runs reconciliation every AuthorizationConfig.reconcileIntervalMs (ACCOUNT_RECONCILE_INTERVAL_SECONDS;
 * 0 = off). The lock inside reconcile() makes one instance do it; errors are logged, never thrown.
 */
@Injectable()
export class AccountReconcileScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AccountReconcileScheduler.name);

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly reconciler: AccountReconcileService,
    private readonly config: AuthorizationConfig,
    private readonly component: ComponentConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.reconcileIntervalMs <= 0 || !this.component.configured) return;
    const timer = setInterval(() => void this.tick(), this.config.reconcileIntervalMs);
    timer.unref();
    this.registry.addInterval(INTERVAL_NAME, timer);
  }

  onApplicationShutdown(): void {
    if (this.registry.doesExist('interval', INTERVAL_NAME)) this.registry.deleteInterval(INTERVAL_NAME);
  }

  async tick(): Promise<void> {
    try {
      await this.reconciler.reconcile();
    } catch (err) {
      this.logger.error({ err: (err as Error).message }, 'account reconciliation failed; nothing was marked revoked');
    }
  }
}
