import { Module } from '@nestjs/common';
import { AccountModule } from '../account/account.module.js';
import { TokenModule } from '../token/token.module.js';
import { WechatModule } from '../wechat/wechat.module.js';
import { AccountProxyController } from './account-proxy.controller.js';
import { AccountProxyService } from './account-proxy.service.js';
import { AccountUserController } from './account-user.controller.js';
import { MessageController } from './message.controller.js';
import { MessageService } from './message.service.js';
import { OAuthController } from './oauth.controller.js';
import { OAuthService } from './oauth.service.js';
import { ProxyMetrics } from './proxy.metrics.js';
import { SnsCodeExchangeService } from './sns-code-exchange.service.js';

/**
 * Calls on behalf of an account: the raw proxy (any account kind), messages, users, web OAuth.
 * Exports the component sns code exchange, which mini-app's code-to-session shares (§8).
 */
@Module({
  imports: [TokenModule, AccountModule, WechatModule],
  controllers: [AccountProxyController, MessageController, AccountUserController, OAuthController],
  providers: [AccountProxyService, ProxyMetrics, MessageService, OAuthService, SnsCodeExchangeService],
  exports: [SnsCodeExchangeService],
})
export class OfficialAccountModule {}
