import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Logger } from 'nestjs-pino';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../../src/app.module.js';
import { configureApp } from '../../src/app.setup.js';
import { validateEnv, type Env } from '../../src/config/validate-env.js';

/** The bootstrap admin key of every test app. Not a real key anywhere. */
export const ADMIN_KEY = 'test-admin-key-0123456789';

/** A fresh key, so parallel test files never share one: 32 bytes of zeros would do, but be honest about size. */
const TEST_SECRET_KEY = Buffer.alloc(32, 7).toString('base64');

/**
 * The real AppModule, configured like main.ts does, on an isolated data directory. Offline by
 * default: SQLite in memory, in-process cache. Integration tests pass DATABASE_URL and REDIS_URL.
 */
export async function createTestApp(env: Env = {}): Promise<INestApplication> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wog-test-'));
  const config = validateEnv({
    NODE_ENV: 'test',
    GATEWAY_DATA_DIR: dataDir,
    DATABASE_URL: 'sqlite::memory:',
    GATEWAY_SECRET_KEY: TEST_SECRET_KEY,
    GATEWAY_ADMIN_API_KEY: ADMIN_KEY,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    WECHAT_API_FALLBACK_URLS: '',
    ...env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, bufferLogs: true });
  app.useLogger(app.get(Logger));
  configureApp(app);
  await app.init();
  return app;
}
