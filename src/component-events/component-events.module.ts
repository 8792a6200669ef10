import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountModule } from '../account/account.module.js';
import { AuthorizationModule } from '../authorization/authorization.module.js';
import { TicketModule } from '../ticket/ticket.module.js';
import { ComponentEventsApiController } from './component-events-api.controller.js';
import { ComponentEventsController } from './component-events.controller.js';
import { ComponentEventsService } from './component-events.service.js';
import { ComponentPushVerifier } from './component-push.verifier.js';
import { ComponentEventEntity } from './entities/component-event.entity.js';

/** POST /wechat/component/events: tickets and authorization changes pushed by WeChat. */
@Module({
  imports: [TypeOrmModule.forFeature([ComponentEventEntity]), TicketModule, AuthorizationModule, AccountModule],
  controllers: [ComponentEventsController, ComponentEventsApiController],
  providers: [ComponentEventsService, ComponentPushVerifier],
  exports: [ComponentEventsService],
})
export class ComponentEventsModule {}
