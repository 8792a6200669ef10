import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createCipheriv, createDecipheriv } from 'node:crypto';
import {
  AesDecryptError,
  AppIdMismatchError,
  InvalidBase64Error,
  InvalidLengthError,
  InvalidPaddingError,
} from './crypto.errors.js';
import { WxBizMsgCrypt } from './wx-biz-msg-crypt.js';

/*
 * An independent reference of WXBizMsgCrypt, written differently on purpose: base64 key decoding by
 * hand, CBC chaining by hand over single-block AES-ECB, the buffer layout with DataView and
 * TextEncoder. The implementation under test is checked against it in both directions.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function refKey(encodingAesKey: string): Uint8Array {
  const out: number[] = [];
  let bits = 0;
  let acc = 0;
  for (const ch of encodingAesKey) {
    acc = (acc << 6) | ALPHABET.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out.slice(0, 32)); // the 2 leftover bits of char 43 are dropped
}

function refCbc(key: Uint8Array, data: Uint8Array, encrypt: boolean): Uint8Array {
  const out = new Uint8Array(data.length);
  let previous = key.slice(0, 16);
  for (let at = 0; at < data.length; at += 16) {
    const block = data.slice(at, at + 16);
    const ecb = (encrypt ? createCipheriv : createDecipheriv)('aes-256-ecb', key, null).setAutoPadding(false);
    if (encrypt) {
      const chained = block.map((b, i) => b ^ previous[i]);
      previous = new Uint8Array(ecb.update(chained));
      out.set(previous, at);
    } else {
      out.set(
        new Uint8Array(ecb.update(block)).map((b, i) => b ^ previous[i]),
        at,
      );
      previous = block;
    }
  }
  return out;
}

function refPlaintext(message: string, appId: string, random: Uint8Array): Uint8Array {
  const msg = new TextEncoder().encode(message);
  const id = new TextEncoder().encode(appId);
  const size = 20 + msg.length + id.length;
  const pad = 32 - (size % 32);
  const buf = new Uint8Array(size + pad).fill(pad);
  buf.set(random, 0);
  new DataView(buf.buffer).setUint32(16, msg.length, false);
  buf.set(msg, 20);
  buf.set(id, 20 + msg.length);
  return buf;
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
const refEncryptRaw = (key: string, plain: Uint8Array) => toBase64(refCbc(refKey(key), plain, true));

function refDecrypt(key: string, encrypt: string): { message: string; appId: string } {
  const plain = refCbc(refKey(key), fromBase64(encrypt), false);
  const body = plain.slice(0, plain.length - plain[plain.length - 1]);
  const length = new DataView(body.buffer).getUint32(16, false);
  const decoder = new TextDecoder();
  return { message: decoder.decode(body.slice(20, 20 + length)), appId: decoder.decode(body.slice(20 + length)) };
}

// Fake credentials. KEY_B ends in '9': its two spare bits are set (not canonical base64), like many
// keys the console issues; it must decode to the same bytes as the same key ending in '8'.
const KEY_A = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8';
const KEY_A_NONCANONICAL = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh9';
const KEY_B = 'FakeKeyForTestsOnly0123456789abcdefghijklm9';
const KEY_C = 'AnotherFakeKey000000000000000000000000000Zz';
const APP_ID = 'wx1234567890abcdef';
const crypt = new WxBizMsgCrypt({ token: 'fakeToken', encodingAesKey: KEY_A, appId: APP_ID });
const random = Buffer.from('0123456789abcdef');

describe('WxBizMsgCrypt against an independent reference', () => {
  const messages: Array<[string, string]> = [
    ['empty', ''],
    ['Chinese', '你好，世界：第三方平台消息'],
    ['emoji', 'ok 👍🏽 👨‍👩‍👧 🀄'],
    ['26 bytes: padding is a full 32-byte block', 'abcdefghijklmnopqrstuvwxyz'],
    ['58 bytes: padding is a full block again', 'x'.repeat(58)],
    ['31 bytes', 'é'.repeat(15) + 'x'],
  ];

  it.each(messages)('encrypts %s like the reference and decrypts the reference', (_label, message) => {
    const ours = crypt.encrypt(message, { random });
    expect(ours).toBe(toBase64(refCbc(refKey(KEY_A), refPlaintext(message, APP_ID, random), true)));
    expect(refDecrypt(KEY_A, ours)).toEqual({ message, appId: APP_ID });
    expect(crypt.decrypt(refEncryptRaw(KEY_A, refPlaintext(message, APP_ID, random))).message).toBe(message);
  });

  it('pads an aligned plaintext with a whole block of 32s', () => {
    const plain = refCbc(refKey(KEY_A), fromBase64(crypt.encrypt('a'.repeat(26), { random })), false);
    expect(plain.length).toBe(96);
    expect([...plain.slice(64)]).toEqual(new Array(32).fill(32));
  });

  it('decodes a non-canonical EncodingAESKey leniently, to the same key bytes', () => {
    const lenient = new WxBizMsgCrypt({ token: 'fakeToken', encodingAesKey: KEY_A_NONCANONICAL, appId: APP_ID });
    expect(lenient.encrypt('hello', { random })).toBe(crypt.encrypt('hello', { random }));
    const b = new WxBizMsgCrypt({ token: 'fakeToken', encodingAesKey: KEY_B, appId: APP_ID });
    const encrypted = b.encrypt('non-canonical', { random });
    expect(encrypted).toBe(refEncryptRaw(KEY_B, refPlaintext('non-canonical', APP_ID, random)));
    expect(b.decrypt(encrypted).message).toBe('non-canonical');
  });

  it('round-trips any Unicode text through both implementations (property)', () => {
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme' }));
    const key = fc.stringMatching(/^[A-Za-z0-9]{43}$/);
    const prefix = fc.uint8Array({ minLength: 16, maxLength: 16 });
    fc.assert(
      fc.property(text, key, prefix, (message, encodingAesKey, bytes) => {
        const c = new WxBizMsgCrypt({ token: 't', encodingAesKey, appId: APP_ID });
        const ours = c.encrypt(message, { random: Buffer.from(bytes) });
        expect(c.decrypt(ours)).toEqual({ message, appId: APP_ID, usedPreviousKey: false });
        expect(refDecrypt(encodingAesKey, ours).message).toBe(message);
        expect(c.decrypt(refEncryptRaw(encodingAesKey, refPlaintext(message, APP_ID, bytes))).message).toBe(message);
      }),
    );
  });
});

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

/** A padded plaintext whose fields can be broken one at a time. */
function craft(edit: (buf: Uint8Array) => void, message = 'hello'): string {
  const plain = refPlaintext(message, APP_ID, random);
  edit(plain);
  return refEncryptRaw(KEY_A, plain);
}

describe('WxBizMsgCrypt: malformed input', () => {
  const valid = crypt.encrypt('hello world', { random });
  const bytes = fromBase64(valid);

  it.each([
    ['empty', ''],
    ['non-alphabet characters', `${valid.slice(0, -4)}$$$$`],
    ['a length not a multiple of 4', valid.slice(0, -1)],
    ['whitespace', `${valid.slice(0, 8)} ${valid.slice(9)}`],
    ['base64url characters', valid.replace(/\+/g, '-').replace(/\//g, '_')],
  ])('rejects %s as bad base64 (-40010)', (_label, encrypt) => {
    expect(() => crypt.decrypt(encrypt)).toThrow(InvalidBase64Error);
    expect(() => crypt.decrypt(encrypt)).toThrow(expect.objectContaining({ code: -40010 }));
  });

  it('rejects a ciphertext truncated off the AES block boundary (-40007)', () => {
    const truncated = toBase64(bytes.slice(0, bytes.length - 5));
    expect(() => crypt.decrypt(truncated)).toThrow(AesDecryptError);
    expect(() => crypt.decrypt(truncated)).toThrow(expect.objectContaining({ code: -40007 }));
  });

  it('rejects a ciphertext missing its last block (-40008 padding)', () => {
    const shortened = toBase64(bytes.slice(0, bytes.length - 16));
    expect(() => crypt.decrypt(shortened)).toThrow(InvalidPaddingError);
  });

  it.each([
    ['is 0', (b: Uint8Array) => (b[b.length - 1] = 0)],
    ['is above 32', (b: Uint8Array) => (b[b.length - 1] = 33)],
    ['disagrees with the other pad bytes', (b: Uint8Array) => (b[b.length - 2] = 7)],
  ])('rejects padding whose last byte %s (-40008)', (_label, edit) => {
    const encrypt = craft(edit);
    expect(() => crypt.decrypt(encrypt)).toThrow(InvalidPaddingError);
    expect(() => crypt.decrypt(encrypt)).toThrow(expect.objectContaining({ code: -40008 }));
  });

  it('rejects a length field larger than the buffer (-40008)', () => {
    const encrypt = craft((b) => new DataView(b.buffer).setUint32(16, 0xffffffff, false));
    expect(() => crypt.decrypt(encrypt)).toThrow(InvalidLengthError);
    expect(() => crypt.decrypt(encrypt)).toThrow(expect.objectContaining({ code: -40008 }));
    const offByOne = craft((b) => new DataView(b.buffer).setUint32(16, 5 + APP_ID.length + 1, false));
    expect(() => crypt.decrypt(offByOne)).toThrow(InvalidLengthError);
  });

  it('rejects a buffer shorter than its header (-40008)', () => {
    expect(() => crypt.decrypt(refEncryptRaw(KEY_A, new Uint8Array(32).fill(32)))).toThrow(InvalidLengthError);
  });

  it('rejects another appid in the trailer, naming both (-40005)', () => {
    const other = refEncryptRaw(KEY_A, refPlaintext('hi', 'wxaaaaaaaaaaaaaaa1', random));
    const err = captureError(() => crypt.decrypt(other));
    expect(err).toBeInstanceOf(AppIdMismatchError);
    expect(err).toMatchObject({ code: -40005, expected: APP_ID, actual: 'wxaaaaaaaaaaaaaaa1' });
    expect((err as Error).message).not.toContain('hi');
  });

  it('does not quote a trailer that is not appid-shaped (it may be message text)', () => {
    const shifted = craft((b) => new DataView(b.buffer).setUint32(16, 1, false), 'private words here');
    const err = captureError(() => crypt.decrypt(shifted));
    expect(err).toMatchObject({ code: -40005, actual: '<35 bytes, not an appid>' });
    expect((err as Error).message).not.toContain('private');
  });

  it('rejects a message encrypted under another key, without leaking it', () => {
    const secret = 'confidential-user-content';
    const foreign = refEncryptRaw(KEY_C, refPlaintext(secret, APP_ID, random));
    const err = captureError(() => crypt.decrypt(foreign));
    expect(err).toBeInstanceOf(InvalidPaddingError);
    expect((err as Error).message).not.toContain(secret);
    expect((err as Error).message).not.toContain(foreign.slice(0, 12));
  });
});
