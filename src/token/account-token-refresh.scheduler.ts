import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { TokenConfig } from '../config/config.types.js';
import { AccountTokenRefreshService } from './account-token-refresh.service.js';

const INTERVAL_NAME = 'account-token-refresh';

/**
 * Renews account tokens and tickets before readers meet the margin. Every instance runs it; the
 * per-account Lock and the stale-token re-check make that one WeChat call per renewal.
 */
@Injectable()
export class AccountTokenRefreshScheduler implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AccountTokenRefreshScheduler.name);
  private running = false;

  constructor(
    private readonly scheduler: SchedulerRegistry,
    private readonly refresher: AccountTokenRefreshService,
    private readonly config: TokenConfig,
  ) {}

  onModuleInit(): void {
    const handle = setInterval(() => void this.tick(), this.config.refreshCheckIntervalMs);
    this.scheduler.addInterval(INTERVAL_NAME, handle);
  }

  onModuleDestroy(): void {
    // Stop before the database closes; ScheduleModule would only clear it at shutdown, later.
    if (this.scheduler.doesExist('interval', INTERVAL_NAME)) this.scheduler.deleteInterval(INTERVAL_NAME);
  }

  /** One round; a round still running (10,000 due accounts) is never joined by the next. */
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const round = await this.refresher.refreshDue();
      if (round.refreshed || round.failed) this.logger.log(round, 'account tokens and tickets renewed ahead of expiry');
    } catch (err) {
      this.logger.warn({ error: (err as Error).message }, 'account token background refresh failed');
    } finally {
      this.running = false;
    }
  }
}
