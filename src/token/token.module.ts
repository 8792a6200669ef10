import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountModule } from '../account/account.module.js';
import { CryptoModule } from '../crypto/crypto.module.js';
import { TicketModule } from '../ticket/ticket.module.js';
import { WechatModule } from '../wechat/wechat.module.js';
import { AccountApiService } from './account-api.service.js';
import { AccountCredentialsBinding } from './account-credentials.binding.js';
import { AccountTicketStore } from './account-ticket.store.js';
import { AccountTokenIssuer } from './account-token.issuer.js';
import { AccountTokenRefreshScheduler } from './account-token-refresh.scheduler.js';
import { AccountTokenRefreshService } from './account-token-refresh.service.js';
import { AccountTokenController } from './account-token.controller.js';
import { AccountTokenService } from './account-token.service.js';
import { AccountTokenStore } from './account-token.store.js';
import { AuthorizerTokenClient } from './authorizer-token.client.js';
import { ComponentApiService } from './component-api.service.js';
import { ComponentProxyController } from './component-proxy.controller.js';
import { ComponentProxyService } from './component-proxy.service.js';
import { ComponentStatusService } from './component-status.service.js';
import { ComponentTokenClient } from './component-token.client.js';
import { ComponentTokenService } from './component-token.service.js';
import { ComponentTokenStore } from './component-token.store.js';
import { ComponentController } from './component.controller.js';
import { DirectTokenClient } from './direct-token.client.js';
import { AccountTicketEntity } from './entities/account-ticket.entity.js';
import { AccountTokenEntity } from './entities/account-token.entity.js';
import { ComponentTokenEntity } from './entities/component-token.entity.js';
import { JsapiTicketService } from './jsapi-ticket.service.js';
import { RefreshTokenRecovery } from './refresh-token-recovery.service.js';
import { TokenRefreshScheduler } from './token-refresh.scheduler.js';
import { TokenMetrics } from './token.metrics.js';
import { TypeOrmAccountTicketStore } from './typeorm-account-ticket.store.js';
import { TypeOrmAccountTokenStore } from './typeorm-account-token.store.js';
import { TypeOrmComponentTokenStore } from './typeorm-component-token.store.js';

/**
 * Every token the gateway owns: the component_access_token, account access tokens (authorizer and
 * direct), JS-SDK tickets, and the calls made with them. Needs ScheduleModule.forRoot() in the app.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([ComponentTokenEntity, AccountTokenEntity, AccountTicketEntity]),
    TicketModule,
    AccountModule,
    CryptoModule,
    WechatModule,
  ],
  controllers: [ComponentController, ComponentProxyController, AccountTokenController],
  providers: [
    ComponentTokenService,
    ComponentApiService,
    ComponentProxyService,
    ComponentStatusService,
    ComponentTokenClient,
    TokenRefreshScheduler,
    { provide: ComponentTokenStore, useClass: TypeOrmComponentTokenStore },
    TokenMetrics,
    AccountTokenService,
    AccountTokenIssuer,
    AuthorizerTokenClient,
    DirectTokenClient,
    RefreshTokenRecovery,
    AccountApiService,
    JsapiTicketService,
    AccountCredentialsBinding,
    AccountTokenRefreshService,
    AccountTokenRefreshScheduler,
    { provide: AccountTokenStore, useClass: TypeOrmAccountTokenStore },
    { provide: AccountTicketStore, useClass: TypeOrmAccountTicketStore },
  ],
  exports: [ComponentTokenService, ComponentApiService, AccountTokenService, AccountApiService, JsapiTicketService],
})
export class TokenModule {}
