import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CryptoModule } from '../crypto/crypto.module.js';
import { TicketModule } from '../ticket/ticket.module.js';
import { WechatModule } from '../wechat/wechat.module.js';
import { ComponentApiService } from './component-api.service.js';
import { ComponentProxyController } from './component-proxy.controller.js';
import { ComponentProxyService } from './component-proxy.service.js';
import { ComponentStatusService } from './component-status.service.js';
import { ComponentTokenClient } from './component-token.client.js';
import { ComponentTokenService } from './component-token.service.js';
import { ComponentTokenStore } from './component-token.store.js';
import { ComponentController } from './component.controller.js';
import { ComponentTokenEntity } from './entities/component-token.entity.js';
import { TokenRefreshScheduler } from './token-refresh.scheduler.js';
import { TypeOrmComponentTokenStore } from './typeorm-component-token.store.js';

/** The component_access_token and calls made with it. Needs ScheduleModule.forRoot() in the app. */
@Module({
  imports: [TypeOrmModule.forFeature([ComponentTokenEntity]), TicketModule, CryptoModule, WechatModule],
  controllers: [ComponentController, ComponentProxyController],
  providers: [
    ComponentTokenService,
    ComponentApiService,
    ComponentProxyService,
    ComponentStatusService,
    ComponentTokenClient,
    TokenRefreshScheduler,
    { provide: ComponentTokenStore, useClass: TypeOrmComponentTokenStore },
  ],
  exports: [ComponentTokenService, ComponentApiService],
})
export class TokenModule {}
