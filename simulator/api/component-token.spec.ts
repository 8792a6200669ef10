import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { FakeGateway } from '../testing/fake-gateway.js';
import { postJson, withParams } from '../testing/http.js';
import { DEFAULT_COMPONENT } from '../seed-data.js';
import { WechatSimulator } from '../wechat-simulator.js';

const C = DEFAULT_COMPONENT;
const RID = / rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/;

describe('component token APIs (§4.1-4.3)', () => {
  let sim: WechatSimulator;
  let gateway: FakeGateway;
  const api = (path: string, query: Record<string, string> = {}) => withParams(`${sim.url}${path}`, query);
  const tokenFor = async (ticket: string) =>
    postJson(api('/cgi-bin/component/api_component_token'), {
      component_appid: C.appId,
      component_appsecret: C.appSecret,
      component_verify_ticket: ticket,
    });
  const preAuth = (token: string, name = 'component_access_token') =>
    postJson(api('/cgi-bin/component/api_create_preauthcode', { [name]: token }), { component_appid: C.appId });

  beforeAll(async () => {
    gateway = await FakeGateway.start(C);
    sim = await WechatSimulator.start({ quiet: true, eventUrl: gateway.eventUrl, pushTimeoutMs: 300 });
    for (let i = 0; i < 50 && sim.pushes({ type: 'component_verify_ticket' }).length === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
  });
  afterAll(async () => {
    await sim.stop();
    await gateway.stop();
  });

  it('pushes an encrypted ticket on start with the real query parameters', () => {
    const [push] = gateway.pushesOf('component_verify_ticket');
    expect(push.fields.ComponentVerifyTicket).toMatch(/^ticket@@@/);
    expect(push.fields.AppId).toBe(C.appId);
    expect(Object.keys(push.query).sort()).toEqual([
      'encrypt_type',
      'msg_signature',
      'nonce',
      'signature',
      'timestamp',
    ]);
    const { timestamp, nonce } = push.query;
    const encrypt = /<Encrypt><!\[CDATA\[(.*)\]\]><\/Encrypt>/.exec(push.body)?.[1] ?? '';
    expect(push.query.msg_signature).toBe(gateway.crypt.msgSignature(timestamp, nonce, encrypt));
    expect(sim.pushes({ type: 'component_verify_ticket' })[0].ok).toBe(true);
  });

  it('issues a long token for the pushed ticket', async () => {
    const ticket = gateway.pushesOf('component_verify_ticket')[0].fields.ComponentVerifyTicket;
    const { body } = await tokenFor(ticket);
    expect(body.expires_in).toBe(7200);
    expect(String(body.component_access_token).length).toBeGreaterThanOrEqual(100);
  });

  it('rejects a bad secret, a foreign appid and an unknown ticket with rid-suffixed errmsg', async () => {
    const ticket = sim.state.tickets.latest()?.ticket ?? '';
    const bad = await postJson(api('/cgi-bin/component/api_component_token'), {
      component_appid: C.appId,
      component_appsecret: 'x'.repeat(32),
      component_verify_ticket: ticket,
    });
    expect(bad.body.errcode).toBe(40125);
    expect(bad.body.errmsg).toMatch(RID);
    const foreign = await postJson(api('/cgi-bin/component/api_component_token'), {
      component_appid: 'wxffffffffffffffff',
      component_appsecret: C.appSecret,
      component_verify_ticket: ticket,
    });
    expect(foreign.body.errcode).toBe(61011);
    expect((await tokenFor('ticket@@@made-up')).body.errcode).toBe(61006);
  });

  it('accepts both token parameter names, and answers 41001 / 40014 for missing / garbage tokens', async () => {
    const { body } = await tokenFor(sim.state.tickets.latest()?.ticket ?? '');
    const token = String(body.component_access_token);
    expect((await preAuth(token)).body.pre_auth_code).toMatch(/^preauthcode@@@/);
    expect((await preAuth(token, 'access_token')).body.expires_in).toBe(1800);
    const missing = await postJson(api('/cgi-bin/component/api_create_preauthcode'), { component_appid: C.appId });
    expect(missing.body.errcode).toBe(41001);
    expect((await preAuth('garbage')).body.errcode).toBe(40014);
  });

  it('keeps the previous token for 300 s after a new one, then 40001; expiry is 42001', async () => {
    const ticket = sim.state.tickets.latest()?.ticket ?? '';
    const first = String((await tokenFor(ticket)).body.component_access_token);
    const second = String((await tokenFor(ticket)).body.component_access_token);
    sim.advanceClock(299);
    expect((await preAuth(first)).body.pre_auth_code).toBeDefined();
    sim.advanceClock(1);
    expect((await preAuth(first)).body.errcode).toBe(40001);
    expect((await preAuth(second)).body.pre_auth_code).toBeDefined();
    sim.advanceClock(7200);
    expect((await preAuth(second)).body.errcode).toBe(42001);
  });

  it('answers 61005 once the ticket is older than 12 h', async () => {
    const ticket = sim.state.tickets.issue().ticket;
    expect((await tokenFor(ticket)).body.component_access_token).toBeDefined();
    sim.advanceClock(12 * 3600);
    expect((await tokenFor(ticket)).body.errcode).toBe(61005);
  });

  it('api_start_push_ticket wants component_secret and then pushes a ticket', async () => {
    const url = api('/cgi-bin/component/api_start_push_ticket');
    const wrongField = await postJson(url, { component_appid: C.appId, component_appsecret: C.appSecret });
    expect(wrongField.body.errcode).toBe(41004);
    const before = gateway.pushesOf('component_verify_ticket').length;
    const ok = await postJson(url, { component_appid: C.appId, component_secret: C.appSecret });
    expect(ok.body).toEqual({ errcode: 0, errmsg: 'ok' });
    for (let i = 0; i < 50 && gateway.pushesOf('component_verify_ticket').length === before; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(gateway.pushesOf('component_verify_ticket').length).toBe(before + 1);
  });

  it('answers 47001 for a body that is not JSON and 43002 for GET on a POST endpoint', async () => {
    expect((await postJson(api('/cgi-bin/component/api_component_token'), 'not json')).body.errcode).toBe(47001);
    const get = await fetch(api('/cgi-bin/component/api_component_token'));
    expect(((await get.json()) as { errcode: number }).errcode).toBe(43002);
  });
});

describe('IP allow-list', () => {
  it('answers 61004 to callers outside the list', async () => {
    const sim = await WechatSimulator.start({ quiet: true, ipAllowList: ['10.9.8.7'] });
    try {
      const { body } = await postJson(`${sim.url}/cgi-bin/component/api_component_token`, { component_appid: C.appId });
      expect(body.errcode).toBe(61004);
      sim.configure({ ipAllowList: ['127.0.0.1'] });
      const allowed = await postJson(`${sim.url}/cgi-bin/component/api_component_token`, { component_appid: C.appId });
      expect(allowed.body.errcode).toBe(41004);
    } finally {
      await sim.stop();
    }
  });
});
