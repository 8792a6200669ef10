import { Module } from '@nestjs/common';
import { AccountModule } from '../account/account.module.js';
import { OfficialAccountModule } from '../official-account/official-account.module.js';
import { TokenModule } from '../token/token.module.js';
import { CodeManagementController } from './code-management.controller.js';
import { CodeManagementService } from './code-management.service.js';
import { CodeSessionController } from './code-session.controller.js';
import { CodeSessionService } from './code-session.service.js';

/**
 * Mini programs on behalf: login (code-to-session) and code management. Imports OfficialAccountModule
 * only for SnsCodeExchangeService, the one component sns code exchange both §8 flows share.
 */
@Module({
  imports: [TokenModule, AccountModule, OfficialAccountModule],
  controllers: [CodeSessionController, CodeManagementController],
  providers: [CodeSessionService, CodeManagementService],
})
export class MiniAppModule {}
