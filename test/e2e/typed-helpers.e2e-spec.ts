import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { ADMIN_KEY } from '../support/create-test-app.js';
import { MP, OA, authorizeAccounts, createKey, currentToken, firstUser } from '../support/proxy-fixtures.js';
import { startSimGateway, type SimGateway } from '../support/sim-gateway.js';

describe('typed helpers: messages, users and keys against the simulator', () => {
  let gw: SimGateway;
  const post = (path: string, body: object = {}) =>
    request(gw.app.getHttpServer()).post(path).auth(ADMIN_KEY, { type: 'bearer' }).send(body);
  const get = (path: string) => request(gw.app.getHttpServer()).get(path).auth(ADMIN_KEY, { type: 'bearer' });

  beforeAll(async () => {
    gw = await startSimGateway();
    await authorizeAccounts(gw.app, gw.sim, [OA, MP]);
  }, 30_000);
  afterAll(() => gw?.close());

  describe('POST …/messages/custom', () => {
    it('sends a text message that WeChat records with the right user and content', async () => {
      const touser = firstUser(gw.sim, OA);
      const { body } = await post(`/api/accounts/${OA}/messages/custom`, {
        touser,
        msgtype: 'text',
        text: { content: 'Your order has shipped 你好' },
      }).expect(200);
      expect(body).toEqual({});
      const sent = gw.sim.customMessages().at(-1)!;
      expect(sent).toMatchObject({ appid: OA, touser, msgtype: 'text', content: 'Your order has shipped 你好' });
      expect(sent.token).toBe(await currentToken(gw.app, OA));
    });

    it.each([
      ['image', { image: { media_id: 'MEDIA_1' } }],
      [
        'news',
        {
          news: {
            articles: [{ title: 'T', description: 'D', url: 'https://a.example/1', picurl: 'https://a.example/1.jpg' }],
          },
        },
      ],
      [
        'miniprogrampage',
        { miniprogrampage: { title: 'Shop', appid: MP, pagepath: 'pages/index/index', thumb_media_id: 'T1' } },
      ],
      ['msgmenu', { msgmenu: { head_content: 'Rate', list: [{ id: '1', content: 'Good' }], tail_content: 'Thanks' } }],
    ])('passes a %s message through as typed', async (msgtype, content) => {
      const touser = firstUser(gw.sim, OA);
      await post(`/api/accounts/${OA}/messages/custom`, { touser, msgtype, ...content }).expect(200);
      expect(gw.sim.customMessages().at(-1)!.body).toEqual({ touser, msgtype, ...content });
    });

    it('refuses a message whose content is missing, naming the field, without calling WeChat', async () => {
      const before = gw.sim.customMessages().length;
      const res = await post(`/api/accounts/${OA}/messages/custom`, { touser: 'o1', msgtype: 'text' }).expect(400);
      expect(res.body.message).toContain('text');
      const bad = await post(`/api/accounts/${OA}/messages/custom`, { touser: 'o1', msgtype: 'fax' }).expect(400);
      expect(bad.body.message).toContain('msgtype');
      expect(gw.sim.customMessages().length).toBe(before);
    });

    it("maps WeChat's error: 40003 for an unknown user, errcode and errmsg in the body", async () => {
      const res = await post(`/api/accounts/${OA}/messages/custom`, {
        touser: 'oNOBODY',
        msgtype: 'text',
        text: { content: 'x' },
      }).expect(502);
      expect(res.body).toMatchObject({ errcode: 40003, errmsg: expect.stringContaining('rid:') });
    });

    it('names the IP allow-list setting on 61004', async () => {
      gw.sim.configure({ ipAllowList: ['10.9.9.9'] });
      try {
        const touser = firstUser(gw.sim, OA);
        const res = await post(`/api/accounts/${OA}/messages/custom`, {
          touser,
          msgtype: 'text',
          text: { content: 'x' },
        });
        expect(res.status).toBe(502);
        expect(res.body.errcode).toBe(61004);
        expect(res.body.message).toContain('allow-list');
      } finally {
        gw.sim.configure({ ipAllowList: undefined });
      }
    });
  });

  it('POST …/messages/template answers the msgid and WeChat records the message', async () => {
    const touser = firstUser(gw.sim, OA);
    const message = {
      touser,
      template_id: 'TEMPLATE_1',
      url: 'https://app.example.com/order/42',
      miniprogram: { appid: MP, pagepath: 'pages/order/index?id=42' },
      data: { thing1: { value: 'Order 42' }, time2: { value: '2025-01-01 08:00', color: '#173177' } },
      client_msg_id: 'order-42',
    };
    const { body } = await post(`/api/accounts/${OA}/messages/template`, message).expect(200);
    expect(body).toEqual({ msgid: expect.any(Number) });
    expect(gw.sim.state.templateMessages.at(-1)).toMatchObject({ appid: OA, touser, body: message });
  });

  it('GET …/users/:openid answers cgi-bin/user/info', async () => {
    const openid = firstUser(gw.sim, OA);
    const { body } = await get(`/api/accounts/${OA}/users/${openid}`).expect(200);
    expect(body).toMatchObject({ subscribe: 1, openid, language: 'zh_CN' });
    expect(gw.sim.calls({ path: '/cgi-bin/user/info' }).at(-1)!.query).toMatchObject({ openid, lang: 'zh_CN' });
  });

  it('needs the proxy scope and the appid in the key allow-list', async () => {
    const reader = await createKey(gw.app, ['tokens:read']);
    await request(gw.app.getHttpServer())
      .post(`/api/accounts/${MP}/mini-program/code-to-session`)
      .auth(reader, { type: 'bearer' })
      .send({ js_code: 'x' })
      .expect(403);
    const onlyMp = await createKey(gw.app, ['proxy'], [MP]);
    await request(gw.app.getHttpServer())
      .post(`/api/accounts/${OA}/messages/custom`)
      .auth(onlyMp, { type: 'bearer' })
      .send({ touser: 'o1', msgtype: 'text', text: { content: 'x' } })
      .expect(403);
  });
});
