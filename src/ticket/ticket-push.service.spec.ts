import { describe, expect, it } from '@jest/globals';
import type { Cache } from 'cache-manager';
import { MemoryLock } from '../cache/memory-lock.js';
import type { ComponentConfig } from '../config/config.types.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { WechatApiError } from '../wechat/wechat-api.error.js';
import type { WechatHttpClient } from '../wechat/wechat-http.client.js';
import { PUSH_REQUEST_INTERVAL_MS, TicketPushService } from './ticket-push.service.js';
import { ComponentNotConfiguredError } from './ticket.errors.js';

/** A cache whose entries never expire by themselves: tests expire them by hand. */
class FakeCache {
  readonly entries = new Map<string, { value: unknown; ttl?: number }>();
  async get<T>(key: string): Promise<T | undefined> {
    return this.entries.get(key)?.value as T | undefined;
  }
  async set<T>(key: string, value: T, ttl?: number): Promise<T> {
    this.entries.set(key, { value, ttl });
    return value;
  }
}

class FakeHttp {
  readonly posts: { path: string; body: unknown }[] = [];
  failWith?: Error;
  async postJson<T>(path: string, body: unknown): Promise<T> {
    this.posts.push({ path, body });
    await new Promise((r) => setImmediate(r));
    if (this.failWith) throw this.failWith;
    return { errcode: 0, errmsg: 'ok' } as T;
  }
}

const CONFIG = {
  configured: true,
  appId: 'wxcomponent0000001',
  appSecret: 'component-secret-0000000000000000',
} as ComponentConfig;

function setup(config: ComponentConfig = CONFIG) {
  const cache = new FakeCache();
  const http = new FakeHttp();
  const metrics = new MetricsService();
  const service = new TicketPushService(
    new MemoryLock(),
    cache as unknown as Cache,
    http as unknown as WechatHttpClient,
    config,
    metrics,
  );
  return { cache, http, metrics, service };
}

describe('TicketPushService', () => {
  it('calls api_start_push_ticket with component_secret and no token', async () => {
    const { http, service } = setup();
    const outcome = await service.request('no ticket');
    expect(outcome.requested).toBe(true);
    expect(outcome.nextAllowedAt.getTime()).toBeGreaterThan(Date.now() + PUSH_REQUEST_INTERVAL_MS - 1000);
    expect(http.posts).toEqual([
      {
        path: '/cgi-bin/component/api_start_push_ticket',
        body: { component_appid: CONFIG.appId, component_secret: CONFIG.appSecret },
      },
    ]);
  });

  it('asks at most once per 10 minutes, however many ask at once', async () => {
    const { cache, http, service, metrics } = setup();
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => service.request('no ticket')));
    expect(outcomes.filter((o) => o.requested)).toHaveLength(1);
    expect(http.posts).toHaveLength(1);
    const [entry] = cache.entries.values();
    expect(entry.ttl).toBe(PUSH_REQUEST_INTERVAL_MS); // shared with the other instances through the cache
    cache.entries.clear(); // the TTL ran out
    await expect(service.request('later')).resolves.toMatchObject({ requested: true });
    expect(http.posts).toHaveLength(2);
    const text = await metrics.registry.metrics();
    expect(text).toContain('gateway_ticket_push_requests_total{result="rate_limited"} 4');
    expect(text).toContain('gateway_ticket_push_requests_total{result="requested"} 2');
  });

  it('passes a WeChat error on and still counts the attempt against the limit', async () => {
    const { http, service } = setup();
    http.failWith = new WechatApiError(40125, 'invalid appsecret', '/cgi-bin/component/api_start_push_ticket');
    await expect(service.request('no ticket')).rejects.toBeInstanceOf(WechatApiError);
    await expect(service.request('again')).resolves.toMatchObject({ requested: false });
    expect(http.posts).toHaveLength(1);
  });

  it('refuses without component credentials', async () => {
    const { http, service } = setup({ ...CONFIG, configured: false });
    await expect(service.request('no ticket')).rejects.toBeInstanceOf(ComponentNotConfiguredError);
    expect(http.posts).toHaveLength(0);
  });
});
