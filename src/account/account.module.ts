import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CryptoModule } from '../crypto/crypto.module.js';
import { AccountController } from './account.controller.js';
import { AccountService } from './account.service.js';
import { DirectAccountService } from './direct-account.service.js';
import { AccountEntity } from './entities/account.entity.js';

/**
 * Accounts (official accounts, mini programs): component-authorized ones with their sealed refresh
 * tokens, directly-managed ones with their sealed secrets. The token tables belong to the token
 * module, which registers an AccountCredentialsHook with AccountService.
 */
@Module({
  imports: [TypeOrmModule.forFeature([AccountEntity]), CryptoModule],
  controllers: [AccountController],
  providers: [AccountService, DirectAccountService],
  exports: [AccountService],
})
export class AccountModule {}
