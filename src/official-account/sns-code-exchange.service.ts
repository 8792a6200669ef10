import { Inject, Injectable } from '@nestjs/common';
import { CACHE_MANAGER } from '@nestjs/cache-manager';
import type { Cache } from 'cache-manager';
import { createHash } from 'node:crypto';
import { Lock } from '../cache/lock.js';
import { UnavailableError } from '../common/errors/app-errors.js';
import { ComponentConfig } from '../config/config.types.js';
import { ComponentTokenService } from '../token/component-token.service.js';
import { WechatApiError } from '../wechat/wechat-api.error.js';
import { WechatHttpClient } from '../wechat/wechat-http.client.js';

/** A duplicate callback within this time gets the first answer instead of 40163 (pitfalls 17, 18). */
const RESULT_TTL_MS = 5 * 60_000;
const LOCK_TTL_MS = 20_000;
/** Only these say the component token was refused; 40029/40163/42003 are about the code: never retried. */
const COMPONENT_TOKEN_ERRORS = new Set([40001, 42001]);

export interface CodeExchange<T> {
  result: T;
  /** True when the answer is the remembered one of an earlier exchange of the same code. */
  cached: boolean;
}

/**
 * Single-use codes exchanged at WeChat's component sns endpoints (§8.1 step 2, §8.2): with the
 * component_access_token read at exchange time (never a snapshot), once per code across instances
 * (lock + cached result, keyed by a hash of the code), never resent after the request may have
 * reached WeChat; the one retry is after WeChat refused the component token, which spends no code.
 */
@Injectable()
export class SnsCodeExchangeService {
  constructor(
    private readonly tokens: ComponentTokenService,
    private readonly http: WechatHttpClient,
    private readonly config: ComponentConfig,
    private readonly lock: Lock,
    @Inject(CACHE_MANAGER) private readonly cache: Cache,
  ) {}

  get componentAppId(): string {
    return this.config.appId;
  }

  /** `query` holds the endpoint's own parameters in WeChat's order; component_appid and the token follow. */
  async exchange<T>(path: string, code: string, query: Record<string, string>): Promise<CodeExchange<T>> {
    if (!this.config.configured) throw new UnavailableError('component not configured: set WECHAT_COMPONENT_*');
    const key = `sns-code:${path}:${sha256(code)}`;
    return this.lock.run(key, LOCK_TTL_MS, async () => {
      const done = await this.cache.get<T>(key);
      if (done) return { result: done, cached: true };
      const result = await this.call<T>(path, query);
      await this.cache.set(key, result, RESULT_TTL_MS);
      return { result, cached: false };
    });
  }

  private async call<T>(path: string, query: Record<string, string>): Promise<T> {
    const send = (token: string) =>
      this.http.getJson<T>(path, {
        query: { ...query, component_appid: this.config.appId, component_access_token: token },
        idempotent: false,
      });
    const { accessToken } = await this.tokens.get();
    try {
      return await send(accessToken);
    } catch (err) {
      if (!(err instanceof WechatApiError) || !COMPONENT_TOKEN_ERRORS.has(err.errcode)) throw err;
      const renewed = await this.tokens.renewRejected(accessToken);
      return send(renewed.accessToken);
    }
  }
}

function sha256(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}
