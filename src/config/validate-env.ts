import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type {
  AppConfig,
  CacheConfig,
  ComponentConfig,
  DatabaseConfig,
  HttpConfig,
  LogConfig,
  SecurityConfig,
  TokenConfig,
  AuthorizationConfig,
  MessageConfig,
  WebhookConfig,
  WechatConfig,
} from './config.types.js';

export type Env = Record<string, string | undefined>;

/** A configuration problem. The message names the variable and the rule, never the value. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

const APPID = /^wx[0-9A-Za-z]{16}$/;
const AES_KEY = /^[A-Za-z0-9]{43}$/;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function str(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function int(env: Env, name: string, def: number, min: number, max: number): number {
  const raw = str(env, name);
  if (raw === undefined) return def;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number from ${min} to ${max}`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `must be a whole number from ${min} to ${max}`);
  return n;
}

function httpUrl(name: string, raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new ConfigError(name, 'must be an absolute http:// or https:// URL');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new ConfigError(name, 'must be an absolute http:// or https:// URL');
  }
  if (u.search || u.hash) throw new ConfigError(name, 'must not carry a query string or fragment');
  return raw.replace(/\/+$/, '');
}

function http(env: Env): HttpConfig {
  const port = int(env, 'PORT', 3000, 0, 65535);
  const host = str(env, 'HOST') ?? '0.0.0.0';
  const publicUrl = httpUrl('GATEWAY_PUBLIC_URL', str(env, 'GATEWAY_PUBLIC_URL') ?? `http://localhost:${port}`);
  const wechatBodyLimitBytes = int(env, 'WECHAT_BODY_LIMIT_BYTES', 256 * 1024, 1024, 16 * 1024 * 1024);
  return { port, host, publicUrl, wechatBodyLimitBytes };
}

function database(env: Env, dataDir: string): DatabaseConfig {
  const url = str(env, 'DATABASE_URL') ?? `sqlite:${join(dataDir, 'gateway.sqlite')}`;
  const problem = 'must be sqlite:<file> or mysql://user:pass@host:port/database';
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path === '') throw new ConfigError('DATABASE_URL', `${problem} (the sqlite file is missing)`);
    return { kind: 'sqlite', url, sqlitePath: path === ':memory:' ? path : resolve(path) };
  }
  if (url.startsWith('mysql://') || url.startsWith('mariadb://')) {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw new ConfigError('DATABASE_URL', problem);
    }
    if (!u.hostname) throw new ConfigError('DATABASE_URL', `${problem} (the host is missing)`);
    if (u.pathname.replace(/^\//, '') === '')
      throw new ConfigError('DATABASE_URL', `${problem} (the database is missing)`);
    return { kind: 'mysql', url: url.replace(/^mariadb:/, 'mysql:') };
  }
  throw new ConfigError('DATABASE_URL', problem);
}

function cache(env: Env): CacheConfig {
  const redisUrl = str(env, 'REDIS_URL');
  if (redisUrl !== undefined && !/^rediss?:\/\/[^/]/.test(redisUrl)) {
    throw new ConfigError('REDIS_URL', 'must be redis://[user:pass@]host:port[/db] or rediss://…');
  }
  return { redisUrl, keyPrefix: str(env, 'REDIS_KEY_PREFIX') ?? 'wog:' };
}

function security(env: Env, nodeEnv: string, dataDir: string): SecurityConfig {
  const adminApiKey = str(env, 'GATEWAY_ADMIN_API_KEY');
  if (adminApiKey !== undefined && adminApiKey.length < 16) {
    throw new ConfigError('GATEWAY_ADMIN_API_KEY', 'must be at least 16 characters');
  }
  const raw = str(env, 'GATEWAY_SECRET_KEY');
  if (raw !== undefined) {
    const key = Buffer.from(raw, 'base64');
    if (key.length !== 32 || !/^[A-Za-z0-9+/]+={0,2}$/.test(raw)) {
      throw new ConfigError('GATEWAY_SECRET_KEY', 'must be 32 bytes in base64 (openssl rand -base64 32)');
    }
    return { secretKey: key, secretKeySource: 'env', adminApiKey };
  }
  if (nodeEnv === 'production') {
    throw new ConfigError('GATEWAY_SECRET_KEY', 'is required when NODE_ENV=production (openssl rand -base64 32)');
  }
  return { ...generatedSecretKey(join(dataDir, 'secret.key')), adminApiKey };
}

/** Outside production the key is made once and kept beside the SQLite file, so restarts can decrypt. */
function generatedSecretKey(file: string): Pick<SecurityConfig, 'secretKey' | 'secretKeySource'> {
  if (existsSync(file)) {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32)
      throw new ConfigError('GATEWAY_SECRET_KEY', `is unset and ${file} does not hold a 32-byte base64 key`);
    return { secretKey: key, secretKeySource: 'file' };
  }
  const key = randomBytes(32);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  return { secretKey: key, secretKeySource: 'generated' };
}

const COMPONENT_VARS = [
  'WECHAT_COMPONENT_APP_ID',
  'WECHAT_COMPONENT_APP_SECRET',
  'WECHAT_COMPONENT_TOKEN',
  'WECHAT_COMPONENT_AES_KEY',
];

function component(env: Env): ComponentConfig {
  const [appId, appSecret, token, encodingAesKey] = COMPONENT_VARS.map((n) => str(env, n));
  const given = COMPONENT_VARS.filter((n) => str(env, n) !== undefined);
  if (given.length === 0) return { configured: false, appId: '', appSecret: '', token: '', encodingAesKey: '' };
  const missing = COMPONENT_VARS.filter((n) => str(env, n) === undefined);
  if (missing.length > 0)
    throw new ConfigError(missing[0], `is required when ${given[0]} is set (set all four WECHAT_COMPONENT_* or none)`);
  if (!APPID.test(appId!))
    throw new ConfigError('WECHAT_COMPONENT_APP_ID', 'must be an appid: "wx" and 16 letters or digits');
  if (appSecret!.length < 16) throw new ConfigError('WECHAT_COMPONENT_APP_SECRET', 'is too short to be an app secret');
  if (!/^[A-Za-z0-9]{3,32}$/.test(token!))
    throw new ConfigError('WECHAT_COMPONENT_TOKEN', 'must be 3 to 32 letters or digits');
  if (!AES_KEY.test(encodingAesKey!))
    throw new ConfigError('WECHAT_COMPONENT_AES_KEY', 'must be the 43-character EncodingAESKey (letters and digits)');
  return { configured: true, appId: appId!, appSecret: appSecret!, token: token!, encodingAesKey: encodingAesKey! };
}

function wechat(env: Env): WechatConfig {
  const fallbackRaw = env['WECHAT_API_FALLBACK_URLS'];
  const fallbackUrls = (fallbackRaw === undefined ? 'https://api2.weixin.qq.com' : fallbackRaw)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => httpUrl('WECHAT_API_FALLBACK_URLS', s));
  return {
    apiBaseUrl: httpUrl('WECHAT_API_BASE_URL', str(env, 'WECHAT_API_BASE_URL') ?? 'https://api.weixin.qq.com'),
    fallbackUrls,
    mpBaseUrl: httpUrl('WECHAT_MP_BASE_URL', str(env, 'WECHAT_MP_BASE_URL') ?? 'https://mp.weixin.qq.com'),
    openBaseUrl: httpUrl('WECHAT_OPEN_BASE_URL', str(env, 'WECHAT_OPEN_BASE_URL') ?? 'https://open.weixin.qq.com'),
    timeoutMs: int(env, 'WECHAT_API_TIMEOUT_MS', 5000, 100, 120_000),
    maxRetries: int(env, 'WECHAT_API_MAX_RETRIES', 2, 0, 10),
    retryBaseDelayMs: int(env, 'WECHAT_API_RETRY_BASE_DELAY_MS', 200, 0, 60_000),
  };
}

function token(env: Env): TokenConfig {
  return {
    refreshMarginSec: int(env, 'TOKEN_REFRESH_MARGIN_SECONDS', 900, 60, 3600),
    refreshCheckIntervalMs: int(env, 'TOKEN_REFRESH_CHECK_SECONDS', 60, 1, 3600) * 1000,
    refreshJitterSec: int(env, 'TOKEN_REFRESH_JITTER_SECONDS', 120, 0, 1800),
    refreshConcurrency: int(env, 'TOKEN_REFRESH_CONCURRENCY', 8, 1, 64),
  };
}

function authorization(env: Env): AuthorizationConfig {
  const redirectAllowList = (str(env, 'AUTH_REDIRECT_ALLOWLIST') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => httpUrl('AUTH_REDIRECT_ALLOWLIST', s));
  return {
    redirectAllowList,
    reconcileIntervalMs: int(env, 'ACCOUNT_RECONCILE_INTERVAL_SECONDS', 3600, 0, 7 * 86400) * 1000,
  };
}

function webhook(env: Env): WebhookConfig {
  return {
    // Well inside WeChat's 5 s, which also covers decryption and the answer's encryption.
    replyDeadlineMs: int(env, 'WEBHOOK_REPLY_DEADLINE_MS', 3000, 100, 4500),
    pollIntervalMs: int(env, 'WEBHOOK_POLL_INTERVAL_MS', 1000, 10, 3_600_000),
    maxAttempts: int(env, 'WEBHOOK_MAX_ATTEMPTS', 12, 1, 50),
    backoffBaseMs: int(env, 'WEBHOOK_BACKOFF_BASE_MS', 10_000, 1, 3_600_000),
  };
}

function message(env: Env): MessageConfig {
  const raw = str(env, 'RELEASE_TEST_RESPONDER')?.toLowerCase() ?? 'true';
  if (raw !== 'true' && raw !== 'false') throw new ConfigError('RELEASE_TEST_RESPONDER', 'must be true or false');
  return { releaseTestResponder: raw === 'true' };
}

function log(env: Env, nodeEnv: string): LogConfig {
  const level = str(env, 'LOG_LEVEL') ?? (nodeEnv === 'test' ? 'warn' : 'info');
  if (!LOG_LEVELS.includes(level)) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  return { level };
}

/**
 * Reads and checks every variable of the contract. Throws ConfigError on the first bad one.
 * Outside production, a missing GATEWAY_SECRET_KEY is generated into the data directory.
 */
export function validateEnv(env: Env): AppConfig {
  const nodeEnv = str(env, 'NODE_ENV') ?? 'development';
  const dataDir = resolve(str(env, 'GATEWAY_DATA_DIR') ?? './data');
  const httpCfg = http(env);
  const databaseCfg = database(env, dataDir);
  const cacheCfg = cache(env);
  const componentCfg = component(env);
  const wechatCfg = wechat(env);
  const logCfg = log(env, nodeEnv);
  const securityCfg = security(env, nodeEnv, dataDir);
  return {
    nodeEnv,
    dataDir,
    http: httpCfg,
    database: databaseCfg,
    cache: cacheCfg,
    security: securityCfg,
    component: componentCfg,
    wechat: wechatCfg,
    token: token(env),
    authorization: authorization(env),
    webhook: webhook(env),
    message: message(env),
    log: logCfg,
  };
}
