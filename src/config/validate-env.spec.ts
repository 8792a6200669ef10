import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, validateEnv, type Env } from './validate-env.js';

const dataDir = (): string => mkdtempSync(join(tmpdir(), 'wog-config-'));
const KEY = Buffer.alloc(32, 1).toString('base64');
const base = (extra: Env = {}): Env => ({ GATEWAY_DATA_DIR: dataDir(), GATEWAY_SECRET_KEY: KEY, ...extra });

function problem(env: Env): ConfigError {
  try {
    validateEnv(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('validateEnv', () => {
  it('runs on embedded defaults with no configuration', () => {
    const dir = dataDir();
    const cfg = validateEnv({ GATEWAY_DATA_DIR: dir });
    expect(cfg.http).toEqual({
      port: 3000,
      host: '0.0.0.0',
      publicUrl: 'http://localhost:3000',
      wechatBodyLimitBytes: 262144,
    });
    expect(cfg.database).toEqual({
      kind: 'sqlite',
      url: `sqlite:${dir}/gateway.sqlite`,
      sqlitePath: `${dir}/gateway.sqlite`,
    });
    expect(cfg.cache.redisUrl).toBeUndefined();
    expect(cfg.component.configured).toBe(false);
    expect(cfg.wechat.apiBaseUrl).toBe('https://api.weixin.qq.com');
    expect(cfg.wechat.fallbackUrls).toEqual(['https://api2.weixin.qq.com']);
    expect(cfg.wechat.mpBaseUrl).toBe('https://mp.weixin.qq.com');
    expect(cfg.wechat.openBaseUrl).toBe('https://open.weixin.qq.com');
  });

  it('generates the secret key once outside production and reuses it', () => {
    const dir = dataDir();
    const first = validateEnv({ GATEWAY_DATA_DIR: dir });
    expect(first.security.secretKeySource).toBe('generated');
    expect(first.security.secretKey).toHaveLength(32);
    const file = join(dir, 'secret.key');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = validateEnv({ GATEWAY_DATA_DIR: dir });
    expect(second.security.secretKeySource).toBe('file');
    expect(second.security.secretKey.equals(first.security.secretKey)).toBe(true);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.security.secretKey.toString('base64'));
  });

  it('requires GATEWAY_SECRET_KEY in production', () => {
    expect(problem({ GATEWAY_DATA_DIR: dataDir(), NODE_ENV: 'production' }).variable).toBe('GATEWAY_SECRET_KEY');
  });

  it.each([
    ['DATABASE_URL', { DATABASE_URL: 'postgres://localhost/db' }],
    ['DATABASE_URL', { DATABASE_URL: 'sqlite:' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://root@localhost' }],
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['REDIS_URL', { REDIS_URL: 'localhost:6379' }],
    ['GATEWAY_PUBLIC_URL', { GATEWAY_PUBLIC_URL: 'gw.example.com' }],
    ['GATEWAY_SECRET_KEY', { GATEWAY_SECRET_KEY: Buffer.alloc(16).toString('base64') }],
    ['GATEWAY_ADMIN_API_KEY', { GATEWAY_ADMIN_API_KEY: 'short' }],
    ['WECHAT_API_BASE_URL', { WECHAT_API_BASE_URL: 'ftp://api.example.com' }],
    ['WECHAT_API_FALLBACK_URLS', { WECHAT_API_FALLBACK_URLS: 'https://ok.example.com,not a url' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
  ])('names %s when it is bad', (variable, env) => {
    expect(problem(base(env)).variable).toBe(variable);
  });

  it('never echoes the bad value', () => {
    const secretish = 'mysql-password-should-not-show';
    const err = problem(base({ DATABASE_URL: `postgres://u:${secretish}@h/db` }));
    expect(err.message).not.toContain(secretish);
    expect(err.message).toMatch(/^DATABASE_URL: /);
  });

  it('accepts mysql and mariadb URLs', () => {
    expect(validateEnv(base({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/test' })).database.kind).toBe('mysql');
    expect(validateEnv(base({ DATABASE_URL: 'mariadb://root@127.0.0.1:3306/test' })).database.url).toBe(
      'mysql://root@127.0.0.1:3306/test',
    );
  });

  describe('component credentials', () => {
    const full = {
      WECHAT_COMPONENT_APP_ID: 'wx0123456789abcdef',
      WECHAT_COMPONENT_APP_SECRET: 'fake-secret-for-tests-000000',
      WECHAT_COMPONENT_TOKEN: 'simToken123',
      WECHAT_COMPONENT_AES_KEY: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8',
    };
    it('are all four or none', () => {
      expect(validateEnv(base(full)).component).toEqual({
        configured: true,
        appId: full.WECHAT_COMPONENT_APP_ID,
        appSecret: full.WECHAT_COMPONENT_APP_SECRET,
        token: full.WECHAT_COMPONENT_TOKEN,
        encodingAesKey: full.WECHAT_COMPONENT_AES_KEY,
      });
      const { WECHAT_COMPONENT_TOKEN: _omitted, ...partial } = full;
      expect(problem(base(partial)).variable).toBe('WECHAT_COMPONENT_TOKEN');
    });
    it('checks the appid and the 43-character AES key', () => {
      expect(problem(base({ ...full, WECHAT_COMPONENT_APP_ID: 'gh_123' })).variable).toBe('WECHAT_COMPONENT_APP_ID');
      expect(problem(base({ ...full, WECHAT_COMPONENT_AES_KEY: 'tooShort' })).variable).toBe(
        'WECHAT_COMPONENT_AES_KEY',
      );
    });
  });

  it('has token refresh defaults (jitter 120 s, concurrency 8) and checks their ranges', () => {
    expect(validateEnv(base()).token).toEqual({
      refreshMarginSec: 900,
      refreshCheckIntervalMs: 60_000,
      refreshJitterSec: 120,
      refreshConcurrency: 8,
    });
    const tuned = validateEnv(base({ TOKEN_REFRESH_JITTER_SECONDS: '0', TOKEN_REFRESH_CONCURRENCY: '32' })).token;
    expect(tuned).toMatchObject({ refreshJitterSec: 0, refreshConcurrency: 32 });
    expect(problem(base({ TOKEN_REFRESH_JITTER_SECONDS: '-5' })).variable).toBe('TOKEN_REFRESH_JITTER_SECONDS');
    expect(problem(base({ TOKEN_REFRESH_CONCURRENCY: '0' })).variable).toBe('TOKEN_REFRESH_CONCURRENCY');
    expect(problem(base({ TOKEN_REFRESH_CONCURRENCY: 'many' })).variable).toBe('TOKEN_REFRESH_CONCURRENCY');
  });

  it('has webhook defaults and checks their ranges', () => {
    expect(validateEnv(base()).webhook).toEqual({
      replyDeadlineMs: 3000,
      pollIntervalMs: 1000,
      maxAttempts: 12,
      backoffBaseMs: 10_000,
    });
    expect(validateEnv(base({ WEBHOOK_REPLY_DEADLINE_MS: '800', WEBHOOK_MAX_ATTEMPTS: '3' })).webhook).toMatchObject({
      replyDeadlineMs: 800,
      maxAttempts: 3,
    });
    // WeChat gives up after 5 s: a deadline at or past it could never produce a reply.
    expect(problem(base({ WEBHOOK_REPLY_DEADLINE_MS: '5000' })).variable).toBe('WEBHOOK_REPLY_DEADLINE_MS');
    expect(problem(base({ WEBHOOK_POLL_INTERVAL_MS: 'soon' })).variable).toBe('WEBHOOK_POLL_INTERVAL_MS');
    expect(problem(base({ WEBHOOK_MAX_ATTEMPTS: '0' })).variable).toBe('WEBHOOK_MAX_ATTEMPTS');
    expect(problem(base({ WEBHOOK_BACKOFF_BASE_MS: '-1' })).variable).toBe('WEBHOOK_BACKOFF_BASE_MS');
  });

  it('turns the release-test responder on by default and reads true/false', () => {
    expect(validateEnv(base()).message).toEqual({ releaseTestResponder: true });
    expect(validateEnv(base({ RELEASE_TEST_RESPONDER: 'false' })).message.releaseTestResponder).toBe(false);
    expect(validateEnv(base({ RELEASE_TEST_RESPONDER: 'TRUE' })).message.releaseTestResponder).toBe(true);
    expect(problem(base({ RELEASE_TEST_RESPONDER: 'yes' })).variable).toBe('RELEASE_TEST_RESPONDER');
  });

  it('allows an empty fallback list', () => {
    expect(validateEnv(base({ WECHAT_API_FALLBACK_URLS: '' })).wechat.fallbackUrls).toEqual([]);
  });
});
