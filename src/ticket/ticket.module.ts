import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CryptoModule } from '../crypto/crypto.module.js';
import { WechatModule } from '../wechat/wechat.module.js';
import { ComponentTicketEntity } from './entities/component-ticket.entity.js';
import { TicketPushService } from './ticket-push.service.js';
import { TicketWatchService } from './ticket-watch.service.js';
import { TicketController } from './ticket.controller.js';
import { TicketService } from './ticket.service.js';
import { TicketStore } from './ticket.store.js';
import { TypeOrmTicketStore } from './typeorm-ticket.store.js';

/** The component_verify_ticket: storage, push requests, readiness. Needs ScheduleModule.forRoot() in the app. */
@Module({
  imports: [TypeOrmModule.forFeature([ComponentTicketEntity]), CryptoModule, WechatModule],
  controllers: [TicketController],
  providers: [
    TicketService,
    TicketPushService,
    TicketWatchService,
    { provide: TicketStore, useClass: TypeOrmTicketStore },
  ],
  exports: [TicketService],
})
export class TicketModule {}
