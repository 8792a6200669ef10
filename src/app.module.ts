import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import type { AppConfig } from './config/config.types.js';
import { ConfigModule } from './config/config.module.js';
import { LoggingModule } from './logging/logging.module.js';
import { DatabaseModule } from './persistence/database.module.js';
import { CacheModule } from './cache/cache.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { HealthModule } from './health/health.module.js';
import { CryptoModule } from './crypto/crypto.module.js';
import { WechatModule } from './wechat/wechat.module.js';
import { ApiKeyModule } from './api-key/api-key.module.js';
import { AccountModule } from './account/account.module.js';
import { AuthorizationModule } from './authorization/authorization.module.js';
import { TicketModule } from './ticket/ticket.module.js';
import { TokenModule } from './token/token.module.js';
import { OfficialAccountModule } from './official-account/official-account.module.js';
import { MiniAppModule } from './mini-app/mini-app.module.js';
import { ComponentEventsModule } from './component-events/component-events.module.js';
import { WebhookModule } from './webhook/webhook.module.js';
import { MessageModule } from './message/message.module.js';
import { AdminModule } from './admin/admin.module.js';

/** Composition root: imports the modules, declares nothing of its own. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        MetricsModule,
        DatabaseModule,
        CacheModule,
        HealthModule,
        CryptoModule,
        WechatModule,
        ApiKeyModule,
        AccountModule,
        AuthorizationModule,
        ScheduleModule.forRoot(),
        TicketModule,
        TokenModule,
        OfficialAccountModule,
        MiniAppModule,
        ComponentEventsModule,
        WebhookModule,
        MessageModule,
        AdminModule,
      ],
    };
  }
}
