import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseWechatXml } from '../xml/xml.js';
import { SignatureMismatchError } from './crypto.errors.js';
import { WxBizMsgCrypt, sha1Signature } from './wx-biz-msg-crypt.js';

// Doc section 2.5 (vectors composed for the reference; no real credentials anywhere).
const TOKEN = 'simToken123';
const AES_KEY = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8';
const APP_ID = 'wx1234567890abcdef';
const PUSH_PLAINTEXT =
  '<xml><AppId><![CDATA[wx1234567890abcdef]]></AppId><CreateTime>1700000000</CreateTime><InfoType><![CDATA[component_verify_ticket]]></InfoType><ComponentVerifyTicket><![CDATA[ticket@@@demo]]></ComponentVerifyTicket></xml>';
const PUSH_ENCRYPT =
  '4j/AuRx71kQlxVlzbpsMWH5/CuCMKZs4OPkWkORN7cOzHUp0lZ1IXPHam2m7D1FWsoKtMKlKmHNc+qWcVEC712pfq8OBZwHXbjmiV+aG4ECiQ+O5FVtFqlAuaZSZqMeScOACCLL3GRKk4j96QjDqzgkKphodQflm7b/wfn0fLd4LG6C3GJ/uygQDLfiK1d0NXNYIX+PSZiQXKhiqrmcvVwznQkWX9oRBmXvRcpoQtzDwDa+qHmehGqSKDFkR2Ee9wkLtTZ3kOz/sRZhjlOrjIkuYtWDGZxs2qJdo9wgNqDffg8LTTNECQ16Epn5UpFWPWMRuglGZOteqmL1pfOH/pp08CwdUq36V6Wm3OMy5td3Ax8t2YquBDGeM5vdJqojE';
const REPLY_PLAINTEXT =
  '<xml><ToUserName><![CDATA[oUSER123]]></ToUserName><FromUserName><![CDATA[gh_0123456789ab]]></FromUserName><CreateTime>1700000001</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content></xml>';
const REPLY_ENCRYPT =
  'wrNmYnsdngNwZHPRm4NnSwCsWaYVbm7/m8M9WNBY+uD9VmcUkJLoOhXr172faO2vH8/hGEIJ9Kr7UppdRH/8iPISDFvEXgx5SdZZHrmxzVjgGlGMeHGq0LooSUYjcE6tSTb5eFzsEWUvHpYeyTW7MRcT31s2Lfz6AsjFV9MQon4dNMv7us6Q0t2uNUSDz9oYju/SC4Bh1ZPi0uLqyQbSpahsAUQbw+KN9R6IrQtEQ4d2Tzd4L7fmRYaha13mvYarzdkKeiO7T9e0eXHMF72BKXMzVtxMNsmpaFX/9nuK+sE8Uytc4eGuK43KunF24nqBG2oBsFPcgsXqX6l1Qj35HoN9YxW1PdjgIXNZ87IL206H88HwoL+Rn5HL95ZYtIVT';

const crypt = new WxBizMsgCrypt({ token: TOKEN, encodingAesKey: AES_KEY, appId: APP_ID });
const ascii = (s: string) => Buffer.from(s, 'ascii');

describe('WxBizMsgCrypt: doc 2.5 vectors', () => {
  it('reproduces the encrypted push byte for byte', () => {
    expect(crypt.encrypt(PUSH_PLAINTEXT, { random: ascii('0123456789abcdef') })).toBe(PUSH_ENCRYPT);
  });

  it('computes the push msg_signature and signature', () => {
    expect(crypt.msgSignature('1700000000', '123456789', PUSH_ENCRYPT)).toBe(
      '7964ac3903b5a6b8ecc4a21d842773759d1b2e11',
    );
    expect(crypt.signature('1700000000', '123456789')).toBe('bb36308081279b5e4d7e6502b350d09474db8e74');
  });

  it('verifies and decrypts the push', () => {
    const sig = '7964ac3903b5a6b8ecc4a21d842773759d1b2e11';
    expect(crypt.verifyAndDecrypt(sig, '1700000000', '123456789', PUSH_ENCRYPT)).toEqual({
      message: PUSH_PLAINTEXT,
      appId: APP_ID,
      usedPreviousKey: false,
    });
    expect(() =>
      crypt.verifySignature('bb36308081279b5e4d7e6502b350d09474db8e74', '1700000000', '123456789'),
    ).not.toThrow();
  });

  it('reproduces the encrypted reply and its envelope', () => {
    const random = ascii('fedcba9876543210');
    expect(crypt.encrypt(REPLY_PLAINTEXT, { random })).toBe(REPLY_ENCRYPT);
    const envelope = parseWechatXml(crypt.encryptReply(REPLY_PLAINTEXT, '1700000001', '987654321', { random }));
    expect(envelope).toEqual({
      Encrypt: REPLY_ENCRYPT,
      MsgSignature: '32cd0c00e17c2accd99da897afc49e94ccdc1b85',
      TimeStamp: '1700000001',
      Nonce: '987654321',
    });
    expect(crypt.decrypt(REPLY_ENCRYPT).message).toBe(REPLY_PLAINTEXT);
  });

  it('accepts a numeric timestamp in the reply and signs its decimal form', () => {
    const xml = crypt.encryptReply('x', 1700000001, 'n1');
    const { Encrypt, MsgSignature } = parseWechatXml(xml) as Record<string, string>;
    expect(xml).toContain('<TimeStamp>1700000001</TimeStamp>');
    expect(() => crypt.verifyMsgSignature(MsgSignature, '1700000001', 'n1', Encrypt)).not.toThrow();
  });

  it('matches the plain-mode signature of the official docs (Token AAAAA)', () => {
    expect(sha1Signature(['AAAAA', '1714037059', '486452656'])).toBe('899cf89e464efb63f54ddac96b0a0a235f53aa78');
    const plain = new WxBizMsgCrypt({ token: 'AAAAA', encodingAesKey: AES_KEY, appId: APP_ID });
    expect(() =>
      plain.verifySignature('899cf89e464efb63f54ddac96b0a0a235f53aa78', '1714037059', '486452656'),
    ).not.toThrow();
  });
});

describe('WxBizMsgCrypt: signature checks', () => {
  const ts = '1700000000';
  const nonce = '123456789';
  const good = 'bb36308081279b5e4d7e6502b350d09474db8e74';
  const goodMsg = '7964ac3903b5a6b8ecc4a21d842773759d1b2e11';
  const rejects = (fn: () => void) => {
    let caught: unknown;
    try {
      fn();
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(SignatureMismatchError);
    expect((caught as SignatureMismatchError).code).toBe(-40001);
  };

  it.each([
    ['undefined', undefined],
    ['empty', ''],
    ['one char short', good.slice(1)],
    ['one char long', `${good}0`],
    ['upper case', good.toUpperCase()],
    ['another token', sha1Signature(['otherToken', ts, nonce])],
    // Same length in latin1 as the real one: a latin1 comparison would truncate Ţ to 'b' and accept it.
    ['non-ASCII look-alike', good.replace('b', '\u0162')],
  ])('rejects a %s signature', (_label, signature) => {
    rejects(() => crypt.verifySignature(signature, ts, nonce));
  });

  it('rejects missing timestamp or nonce', () => {
    rejects(() => crypt.verifySignature(good, undefined, nonce));
    rejects(() => crypt.verifySignature(good, ts, undefined));
    rejects(() => crypt.verifyMsgSignature(goodMsg, ts, nonce, undefined));
  });

  it('does not accept the plain signature as msg_signature, nor the reverse', () => {
    rejects(() => crypt.verifyMsgSignature(good, ts, nonce, PUSH_ENCRYPT));
    rejects(() => crypt.verifySignature(goodMsg, ts, nonce));
  });

  it('rejects a bad msg_signature before any decryption', () => {
    rejects(() => crypt.verifyAndDecrypt(goodMsg.replace('7', '8'), ts, nonce, PUSH_ENCRYPT));
    rejects(() => crypt.verifyMsgSignature(goodMsg, ts, nonce, PUSH_ENCRYPT.replace('4j', '4k')));
  });

  it('accepts what it signs and rejects any single-character change (property)', () => {
    const hex = fc.constantFrom(...'0123456789abcdefABCDEFxyz\u00e9'.split(''));
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.base64String(), fc.nat(), hex, (t, n, enc, at, ch) => {
        const sig = crypt.msgSignature(t, n, enc);
        crypt.verifyMsgSignature(sig, t, n, enc);
        const i = at % sig.length;
        fc.pre(sig[i] !== ch);
        const changed = sig.slice(0, i) + ch + sig.slice(i + 1);
        expect(() => crypt.verifyMsgSignature(changed, t, n, enc)).toThrow(SignatureMismatchError);
      }),
    );
  });
});
