import { Module } from '@nestjs/common';
import { AccountModule } from '../account/account.module.js';
import { TokenModule } from '../token/token.module.js';
import { AccountReconcileScheduler } from './account-reconcile.scheduler.js';
import { AccountReconcileService } from './account-reconcile.service.js';
import { AccountSyncController } from './account-sync.controller.js';
import { AuthorizationApi } from './authorization.api.js';
import { AuthorizationController } from './authorization.controller.js';
import { AuthorizationMetrics } from './authorization.metrics.js';
import { AuthorizationUrlService } from './authorization-url.service.js';
import { AuthorizationService } from './authorization.service.js';
import { AuthorizePageController } from './authorize-page.controller.js';
import { AuthorizePageService } from './authorize-page.service.js';
import { ComponentAuthorizationApi } from './component-authorization.api.js';

/**
 * The authorization flow: pre_auth_codes, the pages, code exchange, account sync and reconciliation.
 * Needs ScheduleModule.forRoot() in the app (the reconcile interval goes through SchedulerRegistry).
 */
@Module({
  imports: [AccountModule, TokenModule],
  controllers: [AuthorizationController, AccountSyncController, AuthorizePageController],
  providers: [
    AuthorizationService,
    AuthorizationUrlService,
    AuthorizePageService,
    AccountReconcileService,
    AccountReconcileScheduler,
    AuthorizationMetrics,
    { provide: AuthorizationApi, useClass: ComponentAuthorizationApi },
  ],
  exports: [AuthorizationService, AuthorizationUrlService, AccountReconcileService],
})
export class AuthorizationModule {}
