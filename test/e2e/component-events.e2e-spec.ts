import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { WxBizMsgCrypt } from '../../src/crypto/wx-biz-msg-crypt.js';
import { startSimGateway, type SimGateway } from '../support/sim-gateway.js';

/** POST /wechat/component/events against pushes from the simulator and hand-made hostile ones. */
describe('authorization event URL', () => {
  let gw: SimGateway;
  let crypt: WxBizMsgCrypt;
  const post = (query: string, body: string) =>
    fetch(`${gw.url}/wechat/component/events?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body,
    });
  const rows = (sql: string, params: unknown[] = []) =>
    gw.app.get(DataSource).query(sql, params) as Promise<Record<string, unknown>[]>;

  /** A push signed and encrypted like WeChat's, with the component's credentials. */
  function signedPush(inner: string, over: { appIdInEnvelope?: string; crypt?: WxBizMsgCrypt } = {}) {
    const c = over.crypt ?? crypt;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = '1234567';
    const encrypt = c.encrypt(inner);
    const query = new URLSearchParams({
      signature: c.signature(timestamp, nonce),
      timestamp,
      nonce,
      encrypt_type: 'aes',
      msg_signature: c.msgSignature(timestamp, nonce, encrypt),
    });
    const body = `<xml><AppId><![CDATA[${over.appIdInEnvelope ?? gw.sim.component.appId}]]></AppId><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
    return { query: query.toString(), body };
  }

  beforeAll(async () => {
    gw = await startSimGateway();
    const { appId, token, encodingAesKey } = gw.sim.component;
    crypt = new WxBizMsgCrypt({ appId, token, encodingAesKey });
  });
  afterAll(() => gw.close());

  it('stores a pushed ticket and answers success', async () => {
    const push = await gw.sim.pushTicket();
    expect(push.status).toBe(200);
    expect(push.replyRaw).toBe('success');
    const stored = await rows('SELECT ticket_sealed, create_time FROM component_tickets');
    expect(stored).toHaveLength(1);
    expect(String(stored[0].ticket_sealed)).not.toContain('ticket@@@');
    const events = await rows(
      "SELECT info_type, payload, processed_at, error FROM component_events WHERE info_type = 'component_verify_ticket'",
    );
    expect(events[0]).toMatchObject({ error: null });
    expect(events[0].processed_at).not.toBeNull();
    expect(String(events[0].payload)).not.toMatch(/ticket@@@/);
  });

  it('records an authorization pushed by WeChat (authorized) and a revocation (unauthorized)', async () => {
    await gw.sim.pushTicket();
    const appid = 'wxdemoofficial0001';
    const result = await gw.sim.authorizeDirectly(appid);
    expect(result.push?.replyRaw).toBe('success');
    const [account] = await rows('SELECT status, nick_name, refresh_token_sealed FROM accounts WHERE appid = ?', [
      appid,
    ]);
    expect(account).toMatchObject({ status: 'authorized' });
    expect(account.refresh_token_sealed).toEqual(expect.any(String));
    const revoked = await gw.sim.revoke(appid);
    expect(revoked.push?.replyRaw).toBe('success');
    const [after] = await rows('SELECT status, refresh_token_sealed FROM accounts WHERE appid = ?', [appid]);
    expect(after).toMatchObject({ status: 'revoked', refresh_token_sealed: null });
  });

  it('answers success to an authentic push of an unknown InfoType and keeps it', async () => {
    const inner = `<xml><AppId><![CDATA[${gw.sim.component.appId}]]></AppId><CreateTime>1700000200</CreateTime><InfoType><![CDATA[notify_third_fasteregister]]></InfoType><appid><![CDATA[wxbbbbbbbbbbbbbbb2]]></appid><status>0</status><auth_code><![CDATA[queryauthcode@@@Ghi]]></auth_code></xml>`;
    const { query, body } = signedPush(inner);
    const res = await post(query, body);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('success');
    const [event] = await rows("SELECT payload FROM component_events WHERE info_type = 'notify_third_fasteregister'");
    expect(JSON.parse(String(event.payload))).toMatchObject({ appid: 'wxbbbbbbbbbbbbbbb2', auth_code: '***' });
  });

  describe('refuses what is not from WeChat, with a 4xx and nothing stored', () => {
    const ticketXml = (appId: string, createTime: number) =>
      `<xml><AppId><![CDATA[${appId}]]></AppId><CreateTime>${createTime}</CreateTime><InfoType><![CDATA[component_verify_ticket]]></InfoType><ComponentVerifyTicket><![CDATA[ticket@@@forged]]></ComponentVerifyTicket></xml>`;
    const countEvents = async () => Number((await rows('SELECT COUNT(*) AS n FROM component_events'))[0].n);

    it.each([
      ['a wrong msg_signature', (q: URLSearchParams) => q.set('msg_signature', '0'.repeat(40)), 401],
      ['a wrong plain signature', (q: URLSearchParams) => q.set('signature', '0'.repeat(40)), 401],
      ['no msg_signature', (q: URLSearchParams) => q.delete('msg_signature'), 400],
      ['no timestamp', (q: URLSearchParams) => q.delete('timestamp'), 400],
    ])('%s', async (_what, tamper, status) => {
      const before = await countEvents();
      const { query, body } = signedPush(ticketXml(gw.sim.component.appId, 1900000000));
      const q = new URLSearchParams(query);
      tamper(q);
      expect((await post(q.toString(), body)).status).toBe(status);
      expect(await countEvents()).toBe(before);
    });

    it('a push encrypted for another component', async () => {
      const other = new WxBizMsgCrypt({
        appId: 'wx00000000000other',
        token: gw.sim.component.token,
        encodingAesKey: gw.sim.component.encodingAesKey,
      });
      const { query, body } = signedPush(ticketXml('wx00000000000other', 1900000000), { crypt: other });
      expect((await post(query, body)).status).toBe(400);
    });

    it('malformed XML, a DOCTYPE, an empty body', async () => {
      const { query } = signedPush(ticketXml(gw.sim.component.appId, 1));
      expect((await post(query, '<xml><Encrypt>')).status).toBe(400);
      expect((await post(query, '<!DOCTYPE x [<!ENTITY a "b">]><xml><Encrypt>&a;</Encrypt></xml>')).status).toBe(400);
      expect((await post(query, '')).status).toBe(400);
    });

    it('a body over the size limit', async () => {
      const { query } = signedPush(ticketXml(gw.sim.component.appId, 1));
      const res = await post(query, `<xml><Encrypt>${'A'.repeat(300 * 1024)}</Encrypt></xml>`);
      expect(res.status).toBe(413);
    });
  });
});
