import { DynamicModule, Global, Module } from '@nestjs/common';
import {
  CacheConfig,
  ComponentConfig,
  DatabaseConfig,
  HttpConfig,
  LogConfig,
  SecurityConfig,
  WechatConfig,
  TokenConfig,
  AuthorizationConfig,
  MessageConfig,
  WebhookConfig,
  type AppConfig,
} from './config.types.js';

/** DI token of the whole validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/**
 * Provides the configuration validated by validateEnv() (main.ts and createTestApp() do that, so
 * that a bad variable stops the process before Nest starts). Each area is injectable by its class.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    const areas = [
      { provide: HttpConfig, useValue: config.http },
      { provide: DatabaseConfig, useValue: config.database },
      { provide: CacheConfig, useValue: config.cache },
      { provide: SecurityConfig, useValue: config.security },
      { provide: ComponentConfig, useValue: config.component },
      { provide: WechatConfig, useValue: config.wechat },
      { provide: LogConfig, useValue: config.log },
      { provide: TokenConfig, useValue: config.token },
      { provide: AuthorizationConfig, useValue: config.authorization },
      { provide: MessageConfig, useValue: config.message },
      { provide: WebhookConfig, useValue: config.webhook },
    ];
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: config }, ...areas],
      exports: [APP_CONFIG, ...areas.map((a) => a.provide)],
    };
  }
}
