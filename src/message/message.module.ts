import { Module } from '@nestjs/common';
import { AccountModule } from '../account/account.module.js';
import { REDIS_CLIENT } from '../cache/cache.module.js';
import type { RedisClient } from '../cache/redis-connection.js';
import { CacheConfig } from '../config/config.types.js';
import { TokenModule } from '../token/token.module.js';
import { WebhookModule } from '../webhook/webhook.module.js';
import { WechatModule } from '../wechat/wechat.module.js';
import { InboundMessageProcessor } from './inbound-message.processor.js';
import { MemoryMessageDedupeStore } from './memory-message-dedupe.store.js';
import { MessageCredentialsService } from './message-credentials.service.js';
import { MessageDedupeStore } from './message-dedupe.store.js';
import { MessageController } from './message.controller.js';
import { MessageMetrics } from './message.metrics.js';
import { MessageRoute } from './message.route.js';
import { MessageService } from './message.service.js';
import { RedisMessageDedupeStore } from './redis-message-dedupe.store.js';
import { ReleaseTestResponder } from './release-test.responder.js';

/** GET/POST /wechat/accounts/:appid/messages: verification, dedupe, release test, hand-off to webhooks. */
@Module({
  imports: [AccountModule, TokenModule, WechatModule, WebhookModule],
  controllers: [MessageController],
  providers: [
    MessageService,
    MessageRoute,
    MessageCredentialsService,
    InboundMessageProcessor,
    ReleaseTestResponder,
    MessageMetrics,
    {
      provide: MessageDedupeStore,
      inject: [CacheConfig, REDIS_CLIENT],
      useFactory: (c: CacheConfig, redis: RedisClient | null): MessageDedupeStore =>
        redis ? new RedisMessageDedupeStore(redis, c.keyPrefix) : new MemoryMessageDedupeStore(),
    },
  ],
  exports: [MessageRoute],
})
export class MessageModule {}
