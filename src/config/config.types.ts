/**
 * Typed configuration, one class per area. Each class is also its own DI token: inject
 * `WechatConfig` and get the validated values (see config.module.ts).
 */
export class HttpConfig {
  port!: number;
  host!: string;
  /** The address WeChat and browsers reach, without a trailing slash. */
  publicUrl!: string;
  /** Largest body accepted on the WeChat push routes, in bytes. */
  wechatBodyLimitBytes!: number;
}

export type DatabaseKind = 'sqlite' | 'mysql';

export class DatabaseConfig {
  kind!: DatabaseKind;
  /** `sqlite:` file path (":memory:" allowed) or the mysql:// URL. */
  url!: string;
  /** For sqlite: the file path. */
  sqlitePath?: string;
}

export class CacheConfig {
  /** Unset: in-process cache, locks and de-duplication. */
  redisUrl?: string;
  /** Prefix of every key this gateway writes to Redis. */
  keyPrefix!: string;
}

export class SecurityConfig {
  /** 32 bytes; encrypts secrets and refresh tokens at rest. */
  secretKey!: Buffer;
  /** Where the key came from, for the start-up log (never the key itself). */
  secretKeySource!: 'env' | 'generated' | 'file';
  adminApiKey?: string;
}

export class ComponentConfig {
  /** False when the WECHAT_COMPONENT_* variables are absent: component features answer 503. */
  configured!: boolean;
  appId!: string;
  appSecret!: string;
  token!: string;
  encodingAesKey!: string;
}

export class WechatConfig {
  apiBaseUrl!: string;
  fallbackUrls!: string[];
  mpBaseUrl!: string;
  openBaseUrl!: string;
  /** Per-call timeout, milliseconds. */
  timeoutMs!: number;
  /** Extra attempts after the first for -1 and transport errors. */
  maxRetries!: number;
  /** Base delay of the exponential backoff between those attempts, milliseconds. */
  retryBaseDelayMs!: number;
}

export class TokenConfig {
  /** A token is refreshed once it has less than this left (WeChat's lifetime is 7200 s). */
  refreshMarginSec!: number;
  /** How often the background refresher looks for tokens inside that margin. */
  refreshCheckIntervalMs!: number;
  /**
   * Up to this many extra seconds, drawn at random per account and check, are added to the margin, so
   * accounts authorized together do not all renew in the same check.
   */
  refreshJitterSec!: number;
  /** Account tokens the background refresher renews at once (10,000 due accounts never stampede WeChat). */
  refreshConcurrency!: number;
}

export class AuthorizationConfig {
  /**
   * Where the authorization flow may send a browser back to: origins (`https://app.example.com`)
   * or URL prefixes (`https://app.example.com/wechat/`). Empty: only the gateway's own result page.
   */
  redirectAllowList!: string[];
  /** How often authorized accounts are reconciled with api_get_authorizer_list; 0 turns it off. */
  reconcileIntervalMs!: number;
}

export class WebhookConfig {
  /** How long dispatch() waits for a `reply`-mode subscriber (WeChat itself waits 5 s). */
  replyDeadlineMs!: number;
  /** How often each instance looks for due deliveries. */
  pollIntervalMs!: number;
  /** Attempts of one async delivery before it is `dead`. */
  maxAttempts!: number;
  /** The first retry delay; later ones follow a fixed schedule scaled by it (10 s → 30 s, 2 min … 6 h). */
  backoffBaseMs!: number;
}

export class MessageConfig {
  /** Answer WeChat's full-network release test (§7) before any routing; on by default. */
  releaseTestResponder!: boolean;
}

export class LogConfig {
  level!: string;
}

export interface AppConfig {
  nodeEnv: string;
  dataDir: string;
  http: HttpConfig;
  database: DatabaseConfig;
  cache: CacheConfig;
  security: SecurityConfig;
  component: ComponentConfig;
  wechat: WechatConfig;
  token: TokenConfig;
  authorization: AuthorizationConfig;
  webhook: WebhookConfig;
  message: MessageConfig;
  log: LogConfig;
}
