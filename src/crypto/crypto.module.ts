import { Module } from '@nestjs/common';
import { SecurityConfig } from '../config/config.types.js';
import { SecretBox } from './secret-box.js';

/**
 * Only the at-rest SecretBox is a provider. WxBizMsgCrypt holds one credential set (component
 * token and AES key), so the modules that own those credentials construct it themselves.
 */
@Module({
  providers: [
    {
      provide: SecretBox,
      useFactory: (security: SecurityConfig) => new SecretBox(security.secretKey),
      inject: [SecurityConfig],
    },
  ],
  exports: [SecretBox],
})
export class CryptoModule {}
