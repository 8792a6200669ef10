import { describe, it, expect } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { WxBizMsgCrypt } from '../../src/crypto/wx-biz-msg-crypt.js';
import { SimContext } from '../context.js';
import { parseXml } from '../core/xml.js';
import { resolveOptions } from '../options.js';
import { buildPushRequest } from '../push/envelope.js';
import { checkMessageReply } from '../push/reply-check.js';
import { DEFAULT_COMPONENT as C } from '../seed-data.js';
import { SimMsgCrypt } from './msg-crypt.js';

/**
 * The simulator's WXBizMsgCrypt and the gateway's were written separately; each must accept what the
 * other produces, byte for byte, so a bug cannot hide by being mirrored on both sides.
 */
const creds = { token: C.token, encodingAesKey: C.encodingAesKey, appId: C.appId };
const sim = new SimMsgCrypt(creds);
const gateway = new WxBizMsgCrypt(creds);

const samples = [
  '',
  'a',
  '<xml><Content><![CDATA[你好，世界 🌏]]></Content></xml>',
  ...[11, 12, 13, 31, 32, 33, 63, 64, 65, 1000].map((n) => 'x'.repeat(n)),
  randomBytes(200).toString('base64'),
];

describe('simulator crypto vs gateway crypto (src/crypto/wx-biz-msg-crypt.ts)', () => {
  it.each(samples.map((s): [number, string] => [s.length, s]))(
    'round-trips a %i-char message both ways',
    (_len, message) => {
      expect(gateway.decrypt(sim.encrypt(message)).message).toBe(message);
      expect(sim.decrypt(gateway.encrypt(message)).message).toBe(message);
    },
  );

  it('produces identical ciphertext for the same random prefix', () => {
    const random = randomBytes(16);
    for (const message of samples) expect(sim.encrypt(message, random)).toBe(gateway.encrypt(message, { random }));
  });

  it('computes identical signature and msg_signature', () => {
    for (let i = 0; i < 20; i++) {
      const [ts, nonce, enc] = [
        String(1700000000 + i),
        String(randomBytes(4).readUInt32BE()),
        randomBytes(30).toString('base64'),
      ];
      expect(sim.signature(ts, nonce)).toBe(gateway.signature(ts, nonce));
      expect(sim.msgSignature(ts, nonce, enc)).toBe(gateway.msgSignature(ts, nonce, enc));
    }
  });

  it('lets the gateway verify and decrypt a simulator push, and the simulator verify a gateway reply', () => {
    const ctx = new SimContext(resolveOptions({ quiet: true }));
    const request = { ToUserName: 'gh_demo0000oa01', FromUserName: 'oUSER', MsgType: 'text', Content: 'hi' };
    const plaintext = `<xml><ToUserName><![CDATA[gh_demo0000oa01]]></ToUserName><FromUserName><![CDATA[oUSER]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content></xml>`;
    const push = buildPushRequest(ctx, plaintext, 'safe', { ToUserName: request.ToUserName });
    const { timestamp, nonce, msg_signature: msgSignature, signature } = push.query;
    expect(() => gateway.verifySignature(signature, timestamp, nonce)).not.toThrow();
    const encrypt = parseXml(push.body)?.Encrypt;
    expect(gateway.verifyAndDecrypt(msgSignature, timestamp, nonce, encrypt).message).toBe(plaintext);

    const replyPlain = `<xml><ToUserName><![CDATA[oUSER]]></ToUserName><FromUserName><![CDATA[gh_demo0000oa01]]></FromUserName><CreateTime>2</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[back]]></Content></xml>`;
    const reply = gateway.encryptReply(replyPlain, timestamp, nonce);
    const check = checkMessageReply(ctx, 'safe', request, 200, reply);
    expect(check).toMatchObject({ kind: 'xml', verified: true, decrypted: replyPlain });
  });

  it('both reject a trailer of another appid', () => {
    const foreign = { ...creds, appId: 'wxffffffffffffffff' };
    expect(() => gateway.decrypt(new SimMsgCrypt(foreign).encrypt('<xml/>'))).toThrow();
    expect(() => sim.decrypt(new WxBizMsgCrypt(foreign).encrypt('<xml/>'))).toThrow('-40005');
  });
});
