import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startMessageGateway, type MessageGateway } from '../support/message-gateway.js';
import { handPush, openReply, postPush } from '../support/message-push.js';

const FAN = 'ozy4qt5QUADNXORxCVipKMV9dss0';

/** WeChat's full-network release test (§7), run by the simulator against the gateway. */
describe('full-network release test responder', () => {
  let gw: MessageGateway;

  beforeAll(async () => {
    gw = await startMessageGateway();
  });
  afterAll(() => gw.close());

  it.each([1, 2, 3, 4, 5] as const)('passes every item of group %i (OA and mini program)', async (group) => {
    const result = await gw.sim.runReleaseTest({ group, kind: 'all', customSendTimeoutMs: 10_000 });
    expect(result.items.filter((i) => !i.passed)).toEqual([]);
    expect(result.passed).toBe(true);
    // Test accounts belong to no tenant: nothing reached the webhooks.
    expect(gw.dispatcher.received).toEqual([]);
  });

  it('sends <code>_from_api once per QUERY_AUTH_CODE, with the token of that very exchange', () => {
    const sent = gw.sim.customMessages().filter((m) => m.touser === FAN && m.content?.endsWith('_from_api'));
    expect(sent).toHaveLength(10);
    expect(new Set(sent.map((m) => m.content)).size).toBe(10);
    const exchanges = gw.sim.calls({ path: '/cgi-bin/component/api_query_auth' });
    // One exchange for each authorized push, one for each text case: the text codes are never reused.
    expect(exchanges.filter((c) => c.errcode !== 0)).toEqual([]);
    const sends = gw.sim.calls({ path: '/cgi-bin/message/custom/send' });
    expect(sends.map((c) => c.errcode)).toEqual(Array(10).fill(0));
  });

  it('answers a hand-made test-account event and recognises the account by its gh_ id alone', async () => {
    const event =
      `<xml><ToUserName><![CDATA[gh_c0f28a78b318]]></ToUserName><FromUserName><![CDATA[${FAN}]]></FromUserName>` +
      `<CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[event]]></MsgType>` +
      `<Event><![CDATA[subscribe]]></Event></xml>`;
    const res = await postPush(gw.url, 'wxnotinthelist0001', handPush(gw.crypt, event));
    const inner = openReply(gw.crypt, await res.text());
    expect(inner).toMatchObject({ MsgType: 'text', Content: 'subscribefrom_callback', ToUserName: FAN });
  });

  it('hands test-account messages to the dispatcher when RELEASE_TEST_RESPONDER=false', async () => {
    const off = await startMessageGateway({ RELEASE_TEST_RESPONDER: 'false' });
    try {
      const result = await off.sim.runReleaseTest({ group: 1, kind: 'oa', customSendTimeoutMs: 200 });
      expect(result.passed).toBe(false);
      expect(off.dispatcher.received.map((m) => m.appid)).toContain('wx570bc396a51b8ff8');
    } finally {
      await off.close();
    }
  });
});
