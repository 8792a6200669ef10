import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { WechatSimulator } from '../../simulator/index.js';
import { ComponentApiService } from '../../src/token/component-api.service.js';
import { componentEnv, eventually, seedComponentTicket, simCallCount } from '../support/component-sim.js';
import { ADMIN_KEY, createTestApp } from '../support/create-test-app.js';

const TOKEN_PATH = '/cgi-bin/component/api_component_token';
const PUSH_PATH = '/cgi-bin/component/api_start_push_ticket';
const LIST_PATH = '/cgi-bin/component/api_get_authorizer_list';

describe('component_access_token (SQLite file, simulator)', () => {
  let sim: WechatSimulator;
  let app: INestApplication;
  let env: Record<string, string>;
  const http = () => request(app.getHttpServer());
  const getToken = () => http().get('/api/component/access-token').auth(ADMIN_KEY, { type: 'bearer' });
  const listAuthorizers = () =>
    http()
      .post(`/api/component/proxy${LIST_PATH}`)
      .auth(ADMIN_KEY, { type: 'bearer' })
      .set('content-type', 'application/json')
      .send(JSON.stringify({ component_appid: sim.component.appId, offset: 0, count: 10 }));
  const restart = async () => {
    await app.close();
    app = await createTestApp(env);
  };

  beforeAll(async () => {
    sim = await WechatSimulator.start({ quiet: true, ticketIntervalMs: 0 });
    const file = join(mkdtempSync(join(tmpdir(), 'wog-ctoken-')), 'gateway.sqlite');
    env = componentEnv(sim, { DATABASE_URL: `sqlite:${file}` }) as Record<string, string>;
    app = await createTestApp(env);
  });
  afterAll(async () => {
    await app?.close();
    await sim?.stop();
  });

  it('needs an API key', () => request(app.getHttpServer()).get('/api/component/access-token').expect(401));

  it('asks WeChat to push a ticket at start, and answers 503 without calling api_component_token', async () => {
    await eventually(() => simCallCount(sim, PUSH_PATH) === 1);
    const { body } = await getToken().expect(503);
    expect(body.message).toContain('no component_verify_ticket received yet');
    expect(simCallCount(sim, TOKEN_PATH)).toBe(0);
    expect(sim.calls({ path: PUSH_PATH })[0].body).toEqual({
      component_appid: sim.component.appId,
      component_secret: sim.component.appSecret,
    });
    expect(simCallCount(sim, PUSH_PATH)).toBe(1); // the second ask was inside the 10-minute limit
  });

  it('makes exactly one WeChat call for 50 concurrent requests', async () => {
    await seedComponentTicket(app, sim);
    const answers = await Promise.all(Array.from({ length: 50 }, () => getToken()));
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
    const tokens = new Set(answers.map((a) => a.body.component_access_token));
    expect(tokens.size).toBe(1);
    expect(simCallCount(sim, TOKEN_PATH)).toBe(1);
    expect(answers[0].body).toEqual({
      component_access_token: expect.stringMatching(/^\d+_/),
      expires_at: expect.any(String),
      expires_in: expect.any(Number),
    });
    expect(answers[0].body.expires_in).toBeGreaterThan(7000);
  });

  it('reports the ticket and token without their values', async () => {
    const { body, text } = await http().get('/api/component').auth(ADMIN_KEY, { type: 'bearer' }).expect(200);
    expect(body).toEqual({
      configured: true,
      component_appid: sim.component.appId,
      ticket: { present: true, age_seconds: expect.any(Number), received_at: expect.any(String) },
      token: { present: true, expires_at: expect.any(String) },
    });
    expect(text).not.toContain(sim.state.tokens.current('component', sim.component.appId)!.value);
    expect(text).not.toContain('ticket@@@');
  });

  it('survives a restart: same token from the database, no WeChat call', async () => {
    const before = (await getToken().expect(200)).body.component_access_token;
    await restart();
    const after = (await getToken().expect(200)).body.component_access_token;
    expect(after).toBe(before);
    expect(simCallCount(sim, TOKEN_PATH)).toBe(1);
    expect(simCallCount(sim, PUSH_PATH)).toBe(1); // a fresh ticket is stored: no push request at start
  });

  it('proxies a component call and renews a token invalidated elsewhere with one WeChat call', async () => {
    const old = (await getToken().expect(200)).body.component_access_token;
    sim.invalidateToken(old);
    const { body } = await listAuthorizers().expect(200);
    expect(body).toMatchObject({ total_count: expect.any(Number), list: expect.any(Array) });
    expect(simCallCount(sim, TOKEN_PATH)).toBe(2);
    const calls = sim.calls({ path: LIST_PATH });
    expect(calls.map((c) => c.errcode)).toEqual([40001, 0]);
    expect(calls[1].query.component_access_token).not.toBe(old);
    const renewed = (await getToken().expect(200)).body.component_access_token;
    expect(renewed).toBe(calls[1].query.component_access_token);
    const { text } = await http().get('/metrics').expect(200);
    expect(text).toMatch(/gateway_token_invalidations_total\{kind="component"\} 1/);
    expect(text).toMatch(/gateway_component_token_fetches_total\{result="ok"\} 1/); // this instance's one
  });

  it('retries a typed component call once after a token error', async () => {
    const api = app.get(ComponentApiService);
    const current = (await getToken().expect(200)).body.component_access_token;
    sim.expireToken(current);
    const list = await api.post<{ total_count: number }>(LIST_PATH, {
      component_appid: api.componentAppId,
      offset: 0,
      count: 10,
    });
    expect(list.total_count).toEqual(expect.any(Number));
    expect(simCallCount(sim, TOKEN_PATH)).toBe(3);
  });

  it("replaces a caller's component_access_token with its own", async () => {
    await http()
      .get('/api/component/proxy/cgi-bin/getcallbackip?component_access_token=caller-token&x=1')
      .auth(ADMIN_KEY, { type: 'bearer' });
    const call = sim.calls({ path: '/cgi-bin/getcallbackip' }).at(-1)!;
    expect(call.query).toEqual({ x: '1', component_access_token: expect.not.stringMatching(/caller-token/) });
  });

  it.each([
    ['a ..', '/api/component/proxy/cgi-bin/component/../../x'],
    ['a percent-encoded ..', '/api/component/proxy/cgi-bin/%2e%2e/%2e%2e/etc/passwd'],
    ['an absolute URL', '/api/component/proxy/https://evil.example/cgi-bin/x'],
    ['an encoded absolute URL', '/api/component/proxy/http%3A%2F%2Fevil.example%2Fx'],
    ['a protocol-relative URL', '/api/component/proxy//evil.example/cgi-bin/x'],
  ])('refuses %s with 400 and no WeChat call', async (_name, url) => {
    sim.clearRecords();
    const { body } = await http().get(url).auth(ADMIN_KEY, { type: 'bearer' }).expect(400);
    expect(body.message).toContain('refusing WeChat path');
    expect(sim.calls()).toEqual([]);
  });

  it('refuses a body over 10 MB with 413 and no WeChat call', async () => {
    sim.clearRecords();
    await http()
      .post(`/api/component/proxy${LIST_PATH}`)
      .auth(ADMIN_KEY, { type: 'bearer' })
      .set('content-type', 'application/octet-stream')
      .send(Buffer.alloc(10 * 1024 * 1024 + 1))
      .expect(413);
    expect(sim.calls()).toEqual([]);
  });

  it('answers 503 and requests a push when WeChat says the ticket expired (61005)', async () => {
    await restart(); // a fresh in-process cache: the push rate limit starts over
    sim.clearRecords();
    sim.advanceClock(13 * 3600); // the stored token (42001) and the ticket (61005) are now too old for WeChat
    const { body } = await listAuthorizers().expect(503);
    expect(body.message).toContain('61005');
    expect(sim.calls({ path: TOKEN_PATH }).map((c) => c.errcode)).toEqual([61005]);
    await eventually(() => simCallCount(sim, PUSH_PATH) === 1);
    await getToken().expect(503);
  });
});

describe('component features without credentials', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('reports configured: false', async () => {
    const { body } = await request(app.getHttpServer())
      .get('/api/component')
      .auth(ADMIN_KEY, { type: 'bearer' })
      .expect(200);
    expect(body).toEqual({
      configured: false,
      component_appid: null,
      ticket: { present: false, age_seconds: null, received_at: null },
      token: { present: false, expires_at: null },
    });
  });

  it.each([
    ['get', '/api/component/access-token'],
    ['get', '/api/component/proxy/cgi-bin/component/api_get_authorizer_list'],
    ['post', '/api/component/ticket/push'],
  ] as const)('%s %s answers 503 component not configured', async (method, url) => {
    const { body } = await request(app.getHttpServer())[method](url).auth(ADMIN_KEY, { type: 'bearer' }).expect(503);
    expect(body.message).toContain('component not configured');
  });
});
