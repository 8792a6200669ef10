import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CryptoModule } from '../crypto/crypto.module.js';
import { AccountController } from './account.controller.js';
import { AccountService } from './account.service.js';
import { AuthorizerTokenCache } from './authorizer-token.cache.js';
import { AccountEntity } from './entities/account.entity.js';

/** Accounts (official accounts, mini programs) and their sealed refresh tokens. */
@Module({
  imports: [TypeOrmModule.forFeature([AccountEntity]), CryptoModule],
  controllers: [AccountController],
  providers: [AccountService, AuthorizerTokenCache],
  exports: [AccountService, AuthorizerTokenCache],
})
export class AccountModule {}
