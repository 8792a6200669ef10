import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { buildXml } from '../core/xml.js';
import { FakeGateway, type ReceivedPush } from '../testing/fake-gateway.js';
import { DEFAULT_COMPONENT as C } from '../seed-data.js';
import { WechatSimulator } from '../wechat-simulator.js';

const OA = 'wxdemoofficial0001';

function textReply(gw: FakeGateway, push: ReceivedPush, content: string, swap = true): string {
  return buildXml({
    ToUserName: swap ? push.fields.FromUserName : push.fields.ToUserName,
    FromUserName: swap ? push.fields.ToUserName : push.fields.FromUserName,
    CreateTime: 1700000001,
    MsgType: 'text',
    Content: content,
  });
}

function encryptedReply(gw: FakeGateway, plain: string, tamper = false): string {
  const encrypt = gw.crypt.encrypt(plain);
  const signature = gw.crypt.msgSignature('1700000001', '42', encrypt);
  return buildXml({
    Encrypt: encrypt,
    MsgSignature: tamper ? '0'.repeat(40) : signature,
    TimeStamp: 1700000001,
    Nonce: '42',
  });
}

describe('message pusher (§6)', () => {
  let sim: WechatSimulator;
  let gw: FakeGateway;

  beforeAll(async () => {
    gw = await FakeGateway.start(C);
    sim = await WechatSimulator.start({
      quiet: true,
      pushTicketOnStart: false,
      messageUrlTemplate: gw.messageUrlTemplate,
      pushTimeoutMs: 200,
    });
  });
  afterAll(async () => {
    await sim.stop();
    await gw.stop();
  });

  it('safe mode: $APPID$ replaced, real query parameters, encrypted reply verified and decrypted', async () => {
    gw.respond = (push) => encryptedReply(gw, textReply(gw, push, 'hello back'));
    const record = await sim.pushMessage(OA, { MsgType: 'text', Content: 'hi' });
    const push = gw.received.at(-1) as ReceivedPush;
    expect(push.path).toBe(`/wechat/accounts/${OA}/messages`);
    expect(Object.keys(push.query).sort()).toEqual([
      'encrypt_type',
      'msg_signature',
      'nonce',
      'openid',
      'signature',
      'timestamp',
    ]);
    expect(push.body).not.toContain('<Content>');
    expect(push.fields).toMatchObject({ ToUserName: 'gh_demo0000oa01', MsgType: 'text', Content: 'hi' });
    expect(push.fields.MsgId).toMatch(/^\d+$/);
    expect(push.query.openid).toBe(push.fields.FromUserName);
    expect(record.ok).toBe(true);
    expect(record.reply.fields?.Content).toBe('hello back');
  });

  it('compatible mode sends plain fields and Encrypt; plain mode sends no encryption', async () => {
    gw.respond = () => 'success';
    await sim.pushMessage(OA, { MsgType: 'event', Event: 'subscribe' }, { mode: 'compatible' });
    const compatible = gw.received.at(-1) as ReceivedPush;
    expect(compatible.body).toContain('<Event><![CDATA[subscribe]]></Event>');
    expect(compatible.body).toContain('<Encrypt>');
    expect(compatible.body).not.toContain('<MsgId>');
    const record = await sim.pushMessage(OA, { MsgType: 'text', Content: 'plain' }, { mode: 'plain' });
    const plain = gw.received.at(-1) as ReceivedPush;
    expect(Object.keys(plain.query).sort()).toEqual(['nonce', 'openid', 'signature', 'timestamp']);
    expect(plain.query.signature).toBe(gw.crypt.signature(plain.query.timestamp, plain.query.nonce));
    expect(record.reply.kind).toBe('success');
  });

  it('accepts an empty reply', async () => {
    gw.respond = () => '';
    expect((await sim.pushMessage(OA, { MsgType: 'text', Content: 'x' })).reply).toMatchObject({
      kind: 'empty',
      verified: true,
    });
  });

  it.each([
    ['a bad MsgSignature', (p: ReceivedPush) => encryptedReply(gw, textReply(gw, p, 'x'), true), /MsgSignature/],
    ['To/From not swapped', (p: ReceivedPush) => encryptedReply(gw, textReply(gw, p, 'x', false)), /ToUserName/],
    ['a JSON reply', () => '{"ok":true}', /neither success, empty nor XML/],
    ['a plain reply in safe mode', (p: ReceivedPush) => textReply(gw, p, 'x'), /plain reply in safe mode/],
  ])('records %s as an error', async (_name, respond, error) => {
    gw.respond = respond;
    const record = await sim.pushMessage(OA, { MsgType: 'text', Content: 'x' });
    expect(record.ok).toBe(false);
    expect(record.error).toMatch(error);
  });

  it('resends the same body and parameters after a timeout, up to two times', async () => {
    let calls = 0;
    gw.respond = async () => {
      calls++;
      if (calls < 3) await new Promise((r) => setTimeout(r, 400));
      return 'success';
    };
    const before = gw.received.length;
    const record = await sim.pushMessage(OA, { MsgType: 'text', Content: 'slow' });
    const deliveries = gw.received.slice(before);
    expect(deliveries).toHaveLength(3);
    expect(new Set(deliveries.map((d) => d.body)).size).toBe(1);
    expect(new Set(deliveries.map((d) => JSON.stringify(d.query))).size).toBe(1);
    expect(record.attempts.map((a) => a.error)).toEqual(['timeout after 200 ms', 'timeout after 200 ms', undefined]);
    expect(record.ok).toBe(true);
  });

  it('gives up after three silent deliveries', async () => {
    gw.respond = () => new Promise((r) => setTimeout(() => r('success'), 400));
    const record = await sim.pushMessage(OA, { MsgType: 'text', Content: 'lost' });
    expect(record.attempts).toHaveLength(3);
    expect(record).toMatchObject({ ok: false, error: 'no answer' });
    await new Promise((r) => setTimeout(r, 450)); // let the fake gateway's late answers settle
  });
});
