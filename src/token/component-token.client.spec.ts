import { describe, expect, it } from '@jest/globals';
import { UnavailableError } from '../common/errors/app-errors.js';
import type { ComponentConfig } from '../config/config.types.js';
import { MetricsService } from '../metrics/metrics.service.js';
import type { TicketInfo, TicketService } from '../ticket/ticket.service.js';
import { WechatApiError } from '../wechat/wechat-api.error.js';
import type { WechatHttpClient } from '../wechat/wechat-http.client.js';
import { ComponentTokenClient } from './component-token.client.js';

const CONFIG = {
  configured: true,
  appId: 'wxcomponent0000001',
  appSecret: 'component-secret-0000000000000000',
} as ComponentConfig;

class FakeTickets {
  info: TicketInfo | null = { ticket: 'ticket@@@abc', createTime: 1, receivedAt: new Date(), ageSeconds: 0 };
  readonly reasons: string[] = [];
  async current(): Promise<TicketInfo | null> {
    return this.info;
  }
  async requestPush(reason: string): Promise<boolean> {
    this.reasons.push(reason);
    return true;
  }
}

class FakeHttp {
  readonly posts: { path: string; body: unknown }[] = [];
  answer: unknown = { component_access_token: '86_token', expires_in: 7200 };
  async postJson<T>(path: string, body: unknown): Promise<T> {
    this.posts.push({ path, body });
    if (this.answer instanceof Error) throw this.answer;
    return this.answer as T;
  }
}

function setup() {
  const tickets = new FakeTickets();
  const http = new FakeHttp();
  const metrics = new MetricsService();
  const client = new ComponentTokenClient(
    CONFIG,
    tickets as unknown as TicketService,
    http as unknown as WechatHttpClient,
    metrics,
  );
  return { tickets, http, metrics, client };
}

describe('ComponentTokenClient', () => {
  it('posts appid, appsecret and the latest ticket to api_component_token', async () => {
    const { client, http, metrics } = setup();
    await expect(client.fetch()).resolves.toEqual({ accessToken: '86_token', expiresInSec: 7200 });
    expect(http.posts).toEqual([
      {
        path: '/cgi-bin/component/api_component_token',
        body: {
          component_appid: CONFIG.appId,
          component_appsecret: CONFIG.appSecret,
          component_verify_ticket: 'ticket@@@abc',
        },
      },
    ]);
    expect(await metrics.registry.metrics()).toContain('gateway_component_token_fetches_total{result="ok"} 1');
  });

  it('never calls WeChat without a ticket: 503 with the reason, and a push request', async () => {
    const { client, http, tickets } = setup();
    tickets.info = null;
    const err = await client.fetch().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnavailableError);
    expect((err as Error).message).toContain('no component_verify_ticket received yet');
    expect(http.posts).toHaveLength(0);
    expect(tickets.reasons).toEqual(['no ticket']);
  });

  it.each([61005, 61006])('turns %d into 503 and requests a push', async (errcode) => {
    const { client, http, tickets } = setup();
    http.answer = new WechatApiError(errcode, 'component ticket is expired', '/cgi-bin/component/api_component_token');
    const err = await client.fetch().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnavailableError);
    expect((err as Error).message).toContain(String(errcode));
    expect(tickets.reasons).toEqual([`api_component_token answered ${errcode}`]);
  });

  it('passes other WeChat errors on unchanged', async () => {
    const { client, http, tickets } = setup();
    http.answer = new WechatApiError(40125, 'invalid appsecret', '/cgi-bin/component/api_component_token');
    await expect(client.fetch()).rejects.toBe(http.answer);
    expect(tickets.reasons).toEqual([]);
  });

  it('refuses an answer without a token', async () => {
    const { client, http } = setup();
    http.answer = { expires_in: 7200 };
    await expect(client.fetch()).rejects.toThrow('without component_access_token');
  });

  it('survives a failing push request (it runs in the background)', async () => {
    const { client, tickets } = setup();
    tickets.info = null;
    tickets.requestPush = () => Promise.reject(new Error('rate limit store down'));
    await expect(client.fetch()).rejects.toBeInstanceOf(UnavailableError);
  });
});
