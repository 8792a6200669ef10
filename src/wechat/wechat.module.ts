import { Logger, Module } from '@nestjs/common';
import { WechatConfig } from '../config/config.types.js';
import { WECHAT_CALL_OBSERVER, type WechatCallObserver, type WechatLogger } from './wechat-call.types.js';
import { WechatHttpClient } from './wechat-http.client.js';

export { WECHAT_CALL_OBSERVER } from './wechat-call.types.js';
export type { WechatCallEvent, WechatCallObserver } from './wechat-call.types.js';

/** Nest's Logger forwards (object, message) to the app logger (nestjs-pino), which logs it structured. */
function nestLogger(): WechatLogger {
  const logger = new Logger(WechatHttpClient.name);
  return {
    warn: (obj, msg) => logger.warn(obj, msg),
    debug: (obj, msg) => logger.debug(obj, msg),
  };
}

export function createWechatHttpClient(config: WechatConfig, observer?: WechatCallObserver): WechatHttpClient {
  return new WechatHttpClient({
    apiBaseUrl: config.apiBaseUrl,
    fallbackUrls: config.fallbackUrls,
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
    retryBaseDelayMs: config.retryBaseDelayMs,
    onCall: observer,
    logger: nestLogger(),
  });
}

/**
 * Provides the one WeChat HTTP client. WechatConfig comes from the global ConfigModule; an observer of
 * every attempt may be provided under WECHAT_CALL_OBSERVER by a global module (metrics). The client
 * closes its connections in onModuleDestroy.
 */
@Module({
  providers: [
    {
      provide: WechatHttpClient,
      inject: [WechatConfig, { token: WECHAT_CALL_OBSERVER, optional: true }],
      useFactory: (config: WechatConfig, observer?: WechatCallObserver) => createWechatHttpClient(config, observer),
    },
  ],
  exports: [WechatHttpClient],
})
export class WechatModule {}
