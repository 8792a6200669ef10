import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MetricsService } from '../../src/metrics/metrics.service.js';
import { ADMIN_KEY } from '../support/create-test-app.js';
import { startMessageGateway, type MessageGateway } from '../support/message-gateway.js';
import {
  handPush,
  openReply,
  postPush,
  postRawPath,
  signedEncrypt,
  textMessage,
  type Mode,
} from '../support/message-push.js';
import { WxBizMsgCrypt } from '../../src/crypto/wx-biz-msg-crypt.js';

const OA = 'wxdemoofficial0001';
const OA_GH = 'gh_demo0000oa01';

/** GET and POST /wechat/accounts/:appid/messages against the simulator, with a fake dispatcher. */
describe('message URL', () => {
  let gw: MessageGateway;
  let seq = 0;
  const nextMsgId = () => String(24_000_000_000_000_000n + BigInt(Date.now()) * 1000n + BigInt(seq++));

  beforeAll(async () => {
    gw = await startMessageGateway({}, { pushTimeoutMs: 1000 });
    await gw.sim.pushTicket();
    await gw.sim.authorizeDirectly(OA);
  });
  afterAll(() => gw.close());

  describe('GET (server URL verification)', () => {
    const get = (query: Record<string, string>, appid = OA) =>
      fetch(`${gw.url}/wechat/accounts/${appid}/messages?${new URLSearchParams(query).toString()}`);
    const signed = (extra: Record<string, string> = {}) => ({
      signature: gw.crypt.signature('1700000000', '42'),
      timestamp: '1700000000',
      nonce: '42',
      ...extra,
    });

    it('answers the echostr when the signature is over the component token', async () => {
      const res = await get(signed({ echostr: 'echo-123' }));
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('echo-123');
    });

    it('decrypts an encrypted echostr', async () => {
      const encrypted = gw.crypt.encrypt('plain-echo');
      const query = signed({
        echostr: encrypted,
        encrypt_type: 'aes',
        msg_signature: gw.crypt.msgSignature('1700000000', '42', encrypted),
      });
      const res = await get(query);
      expect(await res.text()).toBe('plain-echo');
    });

    it('is 401 on a bad signature and 400 on missing parameters or an odd appid', async () => {
      expect((await get({ ...signed({ echostr: 'x' }), signature: 'f'.repeat(40) })).status).toBe(401);
      expect((await get({ timestamp: '1', nonce: '2', echostr: 'x' })).status).toBe(400);
      expect((await get(signed({ echostr: 'x' }), 'wx%3Cscript%3E')).status).toBe(400);
    });
  });

  describe('POST', () => {
    it.each<Mode>(['safe', 'compatible', 'plain'])(
      '%s mode: dispatched once, the reply signed, encrypted when the push was, and verified by WeChat',
      async (mode) => {
        const content = `hello in ${mode} mode`;
        const push = await gw.sim.pushMessage(OA, { MsgType: 'text', Content: content }, { mode });
        expect(push.error).toBeUndefined();
        expect(push.ok).toBe(true);
        expect(push.reply.kind).toBe('xml');
        expect(push.reply.fields?.Content).toBe(`echo:${content}`);
        expect(push.replyRaw?.includes('<Encrypt>')).toBe(mode !== 'plain');
        expect(push.attempts).toHaveLength(1);
        const handed = gw.dispatcher.received.filter((m) => m.fields.Content === content);
        expect(handed).toHaveLength(1);
        expect(handed[0]).toMatchObject({
          appid: OA,
          componentAppid: gw.sim.component.appId,
          toUserName: OA_GH,
          msgType: 'text',
          encrypted: mode !== 'plain',
          dedupeKey: `${OA}:m:${handed[0].msgId}`,
        });
      },
    );

    it('dispatches a body posted three times once and answers each time with the same reply', async () => {
      const push = handPush(gw.crypt, textMessage(OA_GH, 'thrice', nextMsgId()));
      const replies: unknown[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await postPush(gw.url, OA, push);
        expect(res.status).toBe(200);
        replies.push(openReply(gw.crypt, await res.text()));
      }
      expect(replies[0]).toMatchObject({ MsgType: 'text', Content: 'echo:thrice' });
      expect(replies[1]).toEqual(replies[0]);
      expect(replies[2]).toEqual(replies[0]);
      expect(gw.dispatcher.count((m) => m.fields.Content === 'thrice')).toBe(1);
    });

    it('lets WeChat resend a slow message: one dispatch, and the resend carries the first answer', async () => {
      gw.dispatcher.delayFor = (m) => (m.fields.Content === 'slow' ? 1500 : 0);
      const push = await gw.sim.pushMessage(OA, { MsgType: 'text', Content: 'slow' });
      gw.dispatcher.delayFor = () => 0;
      expect(push.attempts.length).toBeGreaterThanOrEqual(2);
      expect(push.ok).toBe(true);
      expect(push.reply.fields?.Content).toBe('echo:slow');
      expect(gw.dispatcher.count((m) => m.fields.Content === 'slow')).toBe(1);
    });

    it('dedupes events by user, time, Event and EventKey', async () => {
      const at = Math.floor(Date.now() / 1000);
      const event = (key: string) =>
        `<xml><ToUserName><![CDATA[${OA_GH}]]></ToUserName><FromUserName><![CDATA[oEVENTuser]]></FromUserName>` +
        `<CreateTime>${at}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[CLICK]]></Event>` +
        `<EventKey><![CDATA[${key}]]></EventKey></xml>`;
      for (const key of ['K1', 'K1', 'K2']) {
        expect((await postPush(gw.url, OA, handPush(gw.crypt, event(key)))).status).toBe(200);
      }
      expect(gw.dispatcher.count((m) => m.fromUserName === 'oEVENTuser')).toBe(2);
    });

    it('answers success when the dispatcher has no reply, and for unknown appids uses the component credentials', async () => {
      const original = gw.dispatcher.replyFor;
      gw.dispatcher.replyFor = () => null;
      const unknown = 'wxunknownaccount01';
      const res = await postPush(gw.url, unknown, handPush(gw.crypt, textMessage('gh_unknown', 'quiet', nextMsgId())));
      gw.dispatcher.replyFor = original;
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('success');
      expect(gw.dispatcher.count((m) => m.appid === unknown)).toBe(1);
    });

    it('checks a directly-managed account with its own Token and EncodingAESKey and its own appid', async () => {
      const direct = {
        appid: 'wxdemodirect000001',
        token: 'directToken42',
        aesKey: 'DirectAccountEncodingAesKeyNotSecret0000000',
      };
      const res = await fetch(`${gw.url}/api/accounts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          appid: direct.appid,
          secret: 'demo0direct0secret0not0real00000',
          kind: 'official_account',
          token: direct.token,
          aes_key: direct.aesKey,
        }),
      });
      expect(res.status).toBeLessThan(300);
      const own = new WxBizMsgCrypt({ token: direct.token, encodingAesKey: direct.aesKey, appId: direct.appid });
      const answer = await postPush(
        gw.url,
        direct.appid,
        handPush(own, textMessage('gh_direct', 'direct hi', nextMsgId())),
      );
      expect(answer.status).toBe(200);
      expect(openReply(own, await answer.text())).toMatchObject({
        Content: 'echo:direct hi',
        ToUserName: expect.any(String),
      });
      expect(gw.dispatcher.received.find((m) => m.appid === direct.appid)).toMatchObject({ componentAppid: null });
      const withComponent = handPush(gw.crypt, textMessage('gh_direct', 'forged', nextMsgId()));
      expect((await postPush(gw.url, direct.appid, withComponent)).status).toBe(401);
    });

    it('counts messages by mode and outcome in /metrics', async () => {
      const text = await gw.app.get(MetricsService).registry.metrics();
      expect(text).toMatch(/gateway_messages_total\{mode="safe",outcome="replied"\} [1-9]/);
      expect(text).toMatch(/gateway_messages_total\{mode="safe",outcome="duplicate"\} [1-9]/);
      expect(text).toMatch(/gateway_message_handling_seconds_count\{mode="plain",outcome="replied"\} 1/);
    });
  });

  describe('hostile input: each a 4xx within 1 s, nothing dispatched, the process keeps serving', () => {
    const plainText = (content: string) => textMessage(OA_GH, content, '1');
    const plainSigned = (body: string) => ({ ...handPush(gw.crypt, plainText('x'), 'plain'), body });
    // The component's token and key, but an authorizer's appid in the plaintext (pitfall 10).
    const otherAppid = () => new WxBizMsgCrypt({ ...gw.sim.component, appId: 'wxaaaaaaaaaaaaaaaa' });
    const cases: [string, number, () => Promise<{ status: number }>][] = [
      ['malformed XML', 400, () => postPush(gw.url, OA, plainSigned('<xml><ToUserName>'))],
      [
        'a DOCTYPE with entities',
        400,
        () =>
          postPush(
            gw.url,
            OA,
            plainSigned(`<!DOCTYPE xml [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>${plainText('&b;')}`),
          ),
      ],
      ['a 5 MB body', 413, () => postPush(gw.url, OA, plainSigned(`<xml>${'a'.repeat(5 * 1024 * 1024)}</xml>`))],
      ['bad base64', 400, () => postPush(gw.url, OA, signedEncrypt(gw.crypt, 'not%base64!'))],
      ['bad padding', 400, () => postPush(gw.url, OA, signedEncrypt(gw.crypt, Buffer.alloc(64, 9).toString('base64')))],
      ['the wrong appid in the trailer', 401, () => postPush(gw.url, OA, handPush(otherAppid(), plainText('trailer')))],
      [
        'a bad signature',
        401,
        () => {
          const p = handPush(gw.crypt, plainText('sig'), 'plain');
          return postPush(gw.url, OA, { ...p, query: { ...p.query, signature: 'a'.repeat(40) } });
        },
      ],
      [
        'a bad msg_signature',
        401,
        () => {
          const p = handPush(gw.crypt, plainText('msgsig'));
          return postPush(gw.url, OA, { ...p, query: { ...p.query, msg_signature: 'b'.repeat(40) } });
        },
      ],
      ['missing parameters', 400, () => postPush(gw.url, OA, { query: {}, body: plainText('none') })],
      ['an empty body', 400, () => postPush(gw.url, OA, plainSigned(''))],
      ['.. as appid', 400, () => postRawPath(gw.url, '..', handPush(gw.crypt, plainText('dots')))],
      ['wx<script> as appid', 400, () => postPush(gw.url, 'wx%3Cscript%3E', handPush(gw.crypt, plainText('xss')))],
      [
        'a 200-character appid',
        400,
        () => postPush(gw.url, `wx${'a'.repeat(198)}`, handPush(gw.crypt, plainText('long'))),
      ],
    ];

    it.each(cases)('%s', async (_name, status, send) => {
      const before = gw.dispatcher.received.length;
      const started = Date.now();
      const res = await send();
      expect(res.status).toBe(status);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(gw.dispatcher.received.length).toBe(before);
      const ok = await gw.sim.pushMessage(OA, { MsgType: 'text', Content: 'still serving' });
      expect(ok.ok).toBe(true);
    });
  });
});
