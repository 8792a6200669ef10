import { describe, expect, it } from '@jest/globals';
import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { SecurityConfig } from '../config/config.types.js';
import { CryptoModule } from './crypto.module.js';
import { SecretBox } from './secret-box.js';

const security: SecurityConfig = { secretKey: Buffer.alloc(32, 3), secretKeySource: 'generated' };

/** Stands in for the global ConfigModule, which provides SecurityConfig in the app. */
@Global()
@Module({ providers: [{ provide: SecurityConfig, useValue: security }], exports: [SecurityConfig] })
class FakeConfigModule {}

describe('CryptoModule', () => {
  it('provides a SecretBox keyed with SecurityConfig.secretKey', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [FakeConfigModule, CryptoModule] }).compile();
    const box = moduleRef.get(SecretBox);
    expect(box).toBeInstanceOf(SecretBox);
    expect(new SecretBox(security.secretKey).open(box.seal('fake-app-secret'))).toBe('fake-app-secret');
    await moduleRef.close();
  });
});
