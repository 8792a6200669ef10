import { describe, expect, it } from '@jest/globals';
import { inspect } from 'node:util';
import {
  AppIdMismatchError,
  InvalidAesKeyError,
  InvalidPaddingError,
  WechatCryptoError,
  WxCryptoErrorCode,
} from './crypto.errors.js';
import { WxBizMsgCrypt } from './wx-biz-msg-crypt.js';

// Fake credentials only.
const TOKEN = 'fakeToken123';
const KEY_A = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8';
const KEY_B = 'FakeKeyForTestsOnly0123456789abcdefghijklm9';
const KEY_C = 'AnotherFakeKey000000000000000000000000000Zz';
const APP_ID = 'wx1234567890abcdef';
const random = Buffer.from('0123456789abcdef');
const withKey = (encodingAesKey: string, appId = APP_ID) => new WxBizMsgCrypt({ token: TOKEN, encodingAesKey, appId });

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('WxBizMsgCrypt: configuration', () => {
  it.each([
    ['42 characters', KEY_A.slice(1)],
    ['44 characters', `${KEY_A}A`],
    ['a + in it', `+${KEY_A.slice(1)}`],
    ['padding in it', `${KEY_A.slice(0, 42)}=`],
    ['empty', ''],
  ])('rejects an EncodingAESKey with %s (-40004)', (_label, encodingAesKey) => {
    const err = captureError(() => withKey(encodingAesKey));
    expect(err).toBeInstanceOf(InvalidAesKeyError);
    expect(err).toMatchObject({ code: WxCryptoErrorCode.IllegalAesKey, reason: 'invalid_aes_key' });
    if (encodingAesKey !== '') expect((err as Error).message).not.toContain(encodingAesKey);
  });

  it('rejects a malformed previous key with its own reason', () => {
    const make = () =>
      new WxBizMsgCrypt({ token: TOKEN, encodingAesKey: KEY_A, appId: APP_ID, previousEncodingAesKey: 'short' });
    expect(make).toThrow(expect.objectContaining({ code: -40004, reason: 'invalid_previous_aes_key' }));
  });

  it('refuses an empty token or appid', () => {
    expect(() => new WxBizMsgCrypt({ token: '', encodingAesKey: KEY_A, appId: APP_ID })).toThrow(TypeError);
    expect(() => new WxBizMsgCrypt({ token: TOKEN, encodingAesKey: KEY_A, appId: '' })).toThrow(TypeError);
  });

  it('keeps the token and keys out of logs and JSON', () => {
    const crypt = new WxBizMsgCrypt({
      token: TOKEN,
      encodingAesKey: KEY_A,
      appId: APP_ID,
      previousEncodingAesKey: KEY_B,
    });
    const shown = `${inspect(crypt, { showHidden: true, depth: 5 })} ${JSON.stringify(crypt)}`;
    for (const secret of [TOKEN, KEY_A, KEY_B, '000102030405060708090a0b0c0d0e0f', '0, 1, 2, 3, 4']) {
      expect(shown).not.toContain(secret);
    }
    expect(shown).toContain(APP_ID);
  });

  it('needs a 16-byte random prefix', () => {
    expect(() => withKey(KEY_A).encrypt('x', { random: Buffer.alloc(15) })).toThrow(RangeError);
  });
});

describe('WxBizMsgCrypt: previous key fallback', () => {
  const rotated = new WxBizMsgCrypt({
    token: TOKEN,
    encodingAesKey: KEY_B,
    previousEncodingAesKey: KEY_A,
    appId: APP_ID,
  });

  it('prefers the current key', () => {
    expect(rotated.decrypt(withKey(KEY_B).encrypt('new'))).toEqual({
      message: 'new',
      appId: APP_ID,
      usedPreviousKey: false,
    });
  });

  it('falls back to the previous key and can answer with it', () => {
    const decrypted = rotated.decrypt(withKey(KEY_A).encrypt('old'));
    expect(decrypted).toEqual({ message: 'old', appId: APP_ID, usedPreviousKey: true });
    const reply = rotated.encrypt('reply', { usePreviousKey: decrypted.usedPreviousKey });
    expect(withKey(KEY_A).decrypt(reply).message).toBe('reply');
    expect(() => withKey(KEY_B).decrypt(reply)).toThrow(WechatCryptoError);
  });

  it("reports the current key's error when neither key works", () => {
    // Under the previous key this one decrypts but names another appid; under the current key the
    // padding is garbage. The current key's verdict is the one reported.
    const foreign = withKey(KEY_A, 'wxaaaaaaaaaaaaaaa1').encrypt('x', { random });
    expect(captureError(() => withKey(KEY_A).decrypt(foreign))).toBeInstanceOf(AppIdMismatchError);
    const currentOnly = captureError(() => withKey(KEY_B).decrypt(foreign));
    expect(currentOnly).toBeInstanceOf(InvalidPaddingError);
    const err = captureError(() => rotated.decrypt(foreign));
    expect(err).toBeInstanceOf(InvalidPaddingError);
    expect(err).toMatchObject({ code: -40008, reason: (currentOnly as WechatCryptoError).reason });
  });

  it('fails plainly for a key it never had', () => {
    expect(() => rotated.decrypt(withKey(KEY_C).encrypt('x', { random }))).toThrow(WechatCryptoError);
  });

  it('refuses to encrypt with a previous key that is not configured', () => {
    expect(() => withKey(KEY_A).encrypt('x', { usePreviousKey: true })).toThrow(
      expect.objectContaining({ code: -40004, reason: 'previous_aes_key_not_configured' }),
    );
  });
});
