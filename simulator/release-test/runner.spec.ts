import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { FakeGateway, type ReceivedPush } from '../testing/fake-gateway.js';
import { ReleaseResponder } from '../testing/release-responder.js';
import { postJson } from '../testing/http.js';
import { DEFAULT_COMPONENT as C } from '../seed-data.js';
import { WechatSimulator } from '../wechat-simulator.js';

describe('release-test runner (§7)', () => {
  let sim: WechatSimulator;
  let gw: FakeGateway;

  beforeEach(async () => {
    gw = await FakeGateway.start(C);
    sim = await WechatSimulator.start({
      quiet: true,
      pushTicketOnStart: false,
      eventUrl: gw.eventUrl,
      messageUrlTemplate: gw.messageUrlTemplate,
      pushTimeoutMs: 300,
    });
  });
  afterEach(async () => {
    await sim.stop();
    await gw.stop();
  });

  it('passes every item of every group with a correct responder', async () => {
    const responder = new ReleaseResponder(gw, sim.url, C.appSecret);
    gw.respond = responder.respond;
    for (const group of [1, 2, 3, 4, 5] as const) {
      const result = await sim.runReleaseTest({ group, kind: 'all', customSendTimeoutMs: 2000 });
      expect(result.items.filter((i) => !i.passed)).toEqual([]);
      expect(result.passed).toBe(true);
    }
    const names = (await sim.runReleaseTest({ group: 1, kind: 'oa', customSendTimeoutMs: 2000 })).items.map(
      (i) => i.name,
    );
    expect(names).toEqual([
      '组件ticket正确接收 (component ticket received)',
      '生成预授权码 (pre-auth code) [OA wx570bc396a51b8ff8]',
      '获取授权code (authorization code) [OA wx570bc396a51b8ff8]',
      '授权 (authorization) [OA wx570bc396a51b8ff8]',
      '发送事件消息 (event message) [OA wx570bc396a51b8ff8]',
      '返回普通文本消息 (plain text reply) [OA wx570bc396a51b8ff8]',
      '返回Api文本消息 (API text reply) [OA wx570bc396a51b8ff8]',
      '取消授权 (de-authorization) [OA wx570bc396a51b8ff8]',
    ]);
    expect(gw.pushesOf('unauthorized').length).toBeGreaterThanOrEqual(11);
    await Promise.all(responder.background);
  });

  it('fails with reasons when the responder is broken', async () => {
    gw.respond = (push: ReceivedPush) => {
      const f = push.fields;
      if (f.InfoType === 'component_verify_ticket') return 'ok';
      if (f.InfoType) return 'success';
      if (f.MsgType === 'event') return new ReleaseResponder(gw, sim.url, C.appSecret).reply(f, 'wrong');
      if (f.Content === 'TESTCOMPONENT_MSG_TYPE_TEXT') {
        return `<xml><ToUserName><![CDATA[${f.FromUserName}]]></ToUserName><FromUserName><![CDATA[${f.ToUserName}]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[TESTCOMPONENT_MSG_TYPE_TEXT_callback]]></Content></xml>`;
      }
      return new ReleaseResponder(gw, sim.url, C.appSecret).reply(f, 'passive instead of API');
    };
    const result = await sim.runReleaseTest({ group: 3, kind: 'all', customSendTimeoutMs: 100 });
    expect(result.passed).toBe(false);
    const reasons = Object.fromEntries(result.items.map((i) => [i.name.replace(/ \[.*\]$/, ''), i.reason]));
    expect(reasons['组件ticket正确接收 (component ticket received)']).toMatch(/expected body "success", got "ok"/);
    expect(reasons['发送事件消息 (event message)']).toMatch(/Content is "wrong", expected "LOCATIONfrom_callback"/);
    expect(reasons['返回普通文本消息 (plain text reply)']).toMatch(/plain reply in safe mode/);
    expect(reasons['返回Api文本消息 (API text reply)']).toMatch(/expected an empty reply/);
    expect(reasons['授权 (authorization)']).toBeUndefined();
  });

  it('fails the API text case when no custom message comes, and when a stale cached token is used (48001)', async () => {
    gw.respond = (push) => (push.fields.Content?.startsWith('QUERY_AUTH_CODE:') ? '' : 'success');
    const silent = await sim.runReleaseTest({ group: 2, kind: 'mp', customSendTimeoutMs: 100 });
    const api = silent.items.find((i) => i.name.startsWith('返回Api文本消息'));
    expect(api?.reason).toMatch(
      /no custom-send of "queryauthcode@@@\w+_from_api" to ozy4qt5QUADNXORxCVipKMV9dss0 within 100 ms/,
    );

    const caching = new ReleaseResponder(gw, sim.url, C.appSecret, { cacheTokens: true });
    gw.respond = caching.respond;
    expect((await sim.runReleaseTest({ group: 2, kind: 'mp', customSendTimeoutMs: 1000 })).passed).toBe(true);
    const second = await sim.runReleaseTest({ group: 2, kind: 'mp', customSendTimeoutMs: 300 });
    expect(second.passed).toBe(false);
    expect(second.items.find((i) => i.name.startsWith('返回Api文本消息'))?.reason).toMatch(/custom\/send calls: 48001/);
    await Promise.all(caching.background);
  });

  it('is reachable over the control API', async () => {
    const { body } = await postJson(`${sim.controlUrl}/release-test`, {
      group: 4,
      kind: 'oa',
      customSendTimeoutMs: 50,
    });
    expect(body.passed).toBe(false);
    expect((body.items as { name: string }[])[0].name).toBe('组件ticket正确接收 (component ticket received)');
  });
});
