import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CryptoModule } from '../crypto/crypto.module.js';
import { WebhookDeliveryEntity } from './entities/webhook-delivery.entity.js';
import { WebhookSubscriptionEntity } from './entities/webhook-subscription.entity.js';
import { WebhookDeliveryLogService } from './webhook-delivery-log.service.js';
import { WebhookDeliveryController } from './webhook-delivery.controller.js';
import { WebhookDeliveryScheduler } from './webhook-delivery.scheduler.js';
import { WebhookDeliveryService } from './webhook-delivery.service.js';
import { WebhookDeliveryStore } from './webhook-delivery.store.js';
import { WebhookHttpClient } from './webhook-http.client.js';
import { WebhookReplyClient } from './webhook-reply.client.js';
import { WebhookSubscriptionCache } from './webhook-subscription.cache.js';
import { WebhookSubscriptionService } from './webhook-subscription.service.js';
import { WebhookController } from './webhook.controller.js';
import { WebhookDispatcher } from './webhook.dispatcher.js';
import { WebhookMetrics } from './webhook.metrics.js';
import { InboundDispatcher } from './webhook.types.js';

/**
 * Subscriptions of internal apps (/api/webhooks), the dispatcher the message module calls for every
 * authentic message, and the worker that delivers async deliveries with retries.
 */
@Module({
  imports: [TypeOrmModule.forFeature([WebhookSubscriptionEntity, WebhookDeliveryEntity]), CryptoModule],
  controllers: [WebhookController, WebhookDeliveryController],
  providers: [
    WebhookSubscriptionService,
    WebhookSubscriptionCache,
    WebhookDeliveryStore,
    WebhookDeliveryLogService,
    WebhookDeliveryService,
    WebhookDeliveryScheduler,
    WebhookHttpClient,
    WebhookReplyClient,
    WebhookMetrics,
    { provide: InboundDispatcher, useClass: WebhookDispatcher },
  ],
  exports: [InboundDispatcher],
})
export class WebhookModule {}
