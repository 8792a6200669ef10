import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { TokenConfig } from '../config/config.types.js';
import { ComponentTokenService } from './component-token.service.js';

const INTERVAL_NAME = 'component-token-refresh';

/**
 * Renews the component token before readers meet the margin. Every instance runs it; the Lock and the
 * re-check after acquiring it make that one WeChat call per renewal.
 */
@Injectable()
export class TokenRefreshScheduler implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(TokenRefreshScheduler.name);
  private running = false;

  constructor(
    private readonly scheduler: SchedulerRegistry,
    private readonly componentToken: ComponentTokenService,
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

  /** One check; errors are logged and never leave (a scheduler has nobody to throw to). */
  async tick(): Promise<void> {
    if (this.running) return; // a slow WeChat call must not stack up checks
    this.running = true;
    try {
      if (await this.componentToken.refreshIfDue()) this.logger.log('component_access_token renewed ahead of expiry');
    } catch (err) {
      this.logger.warn({ error: (err as Error).message }, 'component_access_token background refresh failed');
    } finally {
      this.running = false;
    }
  }
}
