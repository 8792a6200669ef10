import { describe, it, expect } from '@jest/globals';
import { MsgCryptError, SimMsgCrypt, sha1Sorted } from './msg-crypt.js';

// Vectors of §2.5 of docs/wechat-open-platform.md.
const crypt = new SimMsgCrypt({
  token: 'simToken123',
  encodingAesKey: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8',
  appId: 'wx1234567890abcdef',
});
const PUSH_PLAIN =
  '<xml><AppId><![CDATA[wx1234567890abcdef]]></AppId><CreateTime>1700000000</CreateTime><InfoType><![CDATA[component_verify_ticket]]></InfoType><ComponentVerifyTicket><![CDATA[ticket@@@demo]]></ComponentVerifyTicket></xml>';
const PUSH_ENCRYPT =
  '4j/AuRx71kQlxVlzbpsMWH5/CuCMKZs4OPkWkORN7cOzHUp0lZ1IXPHam2m7D1FWsoKtMKlKmHNc+qWcVEC712pfq8OBZwHXbjmiV+aG4ECiQ+O5FVtFqlAuaZSZqMeScOACCLL3GRKk4j96QjDqzgkKphodQflm7b/wfn0fLd4LG6C3GJ/uygQDLfiK1d0NXNYIX+PSZiQXKhiqrmcvVwznQkWX9oRBmXvRcpoQtzDwDa+qHmehGqSKDFkR2Ee9wkLtTZ3kOz/sRZhjlOrjIkuYtWDGZxs2qJdo9wgNqDffg8LTTNECQ16Epn5UpFWPWMRuglGZOteqmL1pfOH/pp08CwdUq36V6Wm3OMy5td3Ax8t2YquBDGeM5vdJqojE';
const REPLY_PLAIN =
  '<xml><ToUserName><![CDATA[oUSER123]]></ToUserName><FromUserName><![CDATA[gh_0123456789ab]]></FromUserName><CreateTime>1700000001</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content></xml>';
const REPLY_ENCRYPT =
  'wrNmYnsdngNwZHPRm4NnSwCsWaYVbm7/m8M9WNBY+uD9VmcUkJLoOhXr172faO2vH8/hGEIJ9Kr7UppdRH/8iPISDFvEXgx5SdZZHrmxzVjgGlGMeHGq0LooSUYjcE6tSTb5eFzsEWUvHpYeyTW7MRcT31s2Lfz6AsjFV9MQon4dNMv7us6Q0t2uNUSDz9oYju/SC4Bh1ZPi0uLqyQbSpahsAUQbw+KN9R6IrQtEQ4d2Tzd4L7fmRYaha13mvYarzdkKeiO7T9e0eXHMF72BKXMzVtxMNsmpaFX/9nuK+sE8Uytc4eGuK43KunF24nqBG2oBsFPcgsXqX6l1Qj35HoN9YxW1PdjgIXNZ87IL206H88HwoL+Rn5HL95ZYtIVT';

describe('SimMsgCrypt against the §2.5 vectors', () => {
  it('computes the plain-mode signature of the official example', () => {
    expect(sha1Sorted(['AAAAA', '1714037059', '486452656'])).toBe('899cf89e464efb63f54ddac96b0a0a235f53aa78');
  });

  it('encrypts the ticket push byte for byte and signs it', () => {
    expect(crypt.encrypt(PUSH_PLAIN, '0123456789abcdef')).toBe(PUSH_ENCRYPT);
    expect(crypt.msgSignature('1700000000', '123456789', PUSH_ENCRYPT)).toBe(
      '7964ac3903b5a6b8ecc4a21d842773759d1b2e11',
    );
    expect(crypt.signature('1700000000', '123456789')).toBe('bb36308081279b5e4d7e6502b350d09474db8e74');
  });

  it('encrypts and signs the reply vector', () => {
    expect(crypt.encrypt(REPLY_PLAIN, 'fedcba9876543210')).toBe(REPLY_ENCRYPT);
    expect(crypt.msgSignature('1700000001', '987654321', REPLY_ENCRYPT)).toBe(
      '32cd0c00e17c2accd99da897afc49e94ccdc1b85',
    );
  });

  it('decrypts both vectors back with the appid trailer', () => {
    expect(crypt.decrypt(PUSH_ENCRYPT)).toEqual({ message: PUSH_PLAIN, appId: 'wx1234567890abcdef' });
    expect(crypt.decrypt(REPLY_ENCRYPT).message).toBe(REPLY_PLAIN);
  });

  it('round-trips multi-byte text whose length is a multiple of 32', () => {
    const message = '中文'.repeat(3) + 'x'.repeat(14); // 18 + 14 bytes
    expect(crypt.decrypt(crypt.encrypt(message)).message).toBe(message);
  });

  it('rejects a trailer of another appid with -40005', () => {
    const other = new SimMsgCrypt({
      token: 'simToken123',
      encodingAesKey: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8',
      appId: 'wxaaaaaaaaaaaaaaa1',
    });
    expect(() => crypt.decrypt(other.encrypt('<xml/>'))).toThrow(MsgCryptError);
    expect(() => crypt.decrypt(other.encrypt('<xml/>'))).toThrow('-40005');
  });

  it('rejects a bad EncodingAESKey with -40004', () => {
    expect(() => new SimMsgCrypt({ token: 't', encodingAesKey: 'short', appId: 'wx' })).toThrow('-40004');
  });
});
