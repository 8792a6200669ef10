import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { buildEncryptedEnvelope } from '../xml/encrypted-envelope.js';
import { InvalidAesKeyError, SignatureMismatchError, WechatCryptoError } from './crypto.errors.js';
import {
  RANDOM_PREFIX_BYTES,
  aesDecrypt,
  aesEncrypt,
  decodeEncodingAesKey,
  decodeStrictBase64,
  packPlaintext,
  unpackPlaintext,
} from './wx-msg-cipher.js';

export interface WxBizMsgCryptOptions {
  token: string;
  /** 43 characters of [A-Za-z0-9], as shown in the open platform console. */
  encodingAesKey: string;
  /** The component appid: every authorizer's messages are encrypted with the component's credentials. */
  appId: string;
  /** The key before the last change in the console; messages still in flight may use it. */
  previousEncodingAesKey?: string;
}

export interface DecryptedMessage {
  message: string;
  appId: string;
  /** Encrypt the reply with the same key (pass it as EncryptOptions.usePreviousKey). */
  usedPreviousKey: boolean;
}

export interface EncryptOptions {
  /** The 16-byte random prefix; fixed only in tests, to reproduce vectors. */
  random?: Buffer;
  usePreviousKey?: boolean;
}

/** sha1 hex of the parts sorted lexicographically and concatenated, as WeChat signs. */
export function sha1Signature(parts: readonly string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''), 'utf8')
    .digest('hex');
}

/** Compares in constant time; anything that is not a string of the same byte length is a mismatch. */
function sameSignature(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * WeChat's WXBizMsgCrypt for one credential set (Token, EncodingAESKey, appid). Secrets live in
 * private fields so that logging the instance shows none of them.
 */
export class WxBizMsgCrypt {
  readonly appId: string;
  readonly #token: string;
  readonly #key: Buffer;
  readonly #previousKey: Buffer | undefined;

  constructor(options: WxBizMsgCryptOptions) {
    // An empty token signs happily and every check then fails (EasyWeChat #984): refuse it early.
    if (typeof options.token !== 'string' || options.token === '') throw new TypeError('token must not be empty');
    if (typeof options.appId !== 'string' || options.appId === '') throw new TypeError('appId must not be empty');
    this.#token = options.token;
    this.appId = options.appId;
    this.#key = decodeEncodingAesKey(options.encodingAesKey);
    this.#previousKey =
      options.previousEncodingAesKey === undefined
        ? undefined
        : decodeEncodingAesKey(options.previousEncodingAesKey, 'invalid_previous_aes_key');
  }

  /** The `signature` query parameter: sha1(sort(token, timestamp, nonce)). */
  signature(timestamp: string, nonce: string): string {
    return sha1Signature([this.#token, timestamp, nonce]);
  }

  /** The `msg_signature` query parameter (and MsgSignature of replies): also covers Encrypt. */
  msgSignature(timestamp: string, nonce: string, encrypt: string): string {
    return sha1Signature([this.#token, timestamp, nonce, encrypt]);
  }

  verifySignature(signature: string | undefined, timestamp: string | undefined, nonce: string | undefined): void {
    if (typeof timestamp !== 'string' || typeof nonce !== 'string') {
      throw new SignatureMismatchError('signature_parameters_missing');
    }
    if (!sameSignature(this.signature(timestamp, nonce), signature)) throw new SignatureMismatchError();
  }

  verifyMsgSignature(
    msgSignature: string | undefined,
    timestamp: string | undefined,
    nonce: string | undefined,
    encrypt: string | undefined,
  ): void {
    if (typeof timestamp !== 'string' || typeof nonce !== 'string' || typeof encrypt !== 'string') {
      throw new SignatureMismatchError('msg_signature_parameters_missing');
    }
    if (!sameSignature(this.msgSignature(timestamp, nonce, encrypt), msgSignature)) {
      throw new SignatureMismatchError('msg_signature_mismatch');
    }
  }

  /** Returns the base64 Encrypt text for `message`. */
  encrypt(message: string, options: EncryptOptions = {}): string {
    const random = options.random ?? randomBytes(RANDOM_PREFIX_BYTES);
    const plaintext = packPlaintext(message, this.appId, random);
    return aesEncrypt(this.keyFor(options.usePreviousKey), plaintext).toString('base64');
  }

  /**
   * Decrypts an Encrypt text with the current key, then with the previous one (the console keeps
   * both valid for a while after a key change). When both fail, the current key's error is thrown.
   */
  decrypt(encrypt: string): DecryptedMessage {
    const ciphertext = decodeStrictBase64(encrypt);
    try {
      return this.decryptWith(this.#key, ciphertext, false);
    } catch (current) {
      if (this.#previousKey === undefined || !(current instanceof WechatCryptoError)) throw current;
      try {
        return this.decryptWith(this.#previousKey, ciphertext, true);
      } catch {
        throw current;
      }
    }
  }

  /** msg_signature first, then decryption: never decrypt what was not signed with our token. */
  verifyAndDecrypt(
    msgSignature: string | undefined,
    timestamp: string | undefined,
    nonce: string | undefined,
    encrypt: string | undefined,
  ): DecryptedMessage {
    this.verifyMsgSignature(msgSignature, timestamp, nonce, encrypt);
    return this.decrypt(encrypt as string);
  }

  /**
   * The encrypted passive reply body. MsgSignature is computed over exactly the Encrypt, TimeStamp
   * and Nonce placed in the envelope (WeChat's sample reuses the request's timestamp and nonce).
   */
  encryptReply(message: string, timestamp: string | number, nonce: string, options: EncryptOptions = {}): string {
    const encrypt = this.encrypt(message, options);
    const ts = String(timestamp);
    return buildEncryptedEnvelope({
      encrypt,
      msgSignature: this.msgSignature(ts, nonce, encrypt),
      timestamp: ts,
      nonce,
    });
  }

  private decryptWith(key: Buffer, ciphertext: Buffer, usedPreviousKey: boolean): DecryptedMessage {
    const message = unpackPlaintext(aesDecrypt(key, ciphertext), this.appId);
    return { message, appId: this.appId, usedPreviousKey };
  }

  private keyFor(usePreviousKey: boolean | undefined): Buffer {
    if (!usePreviousKey) return this.#key;
    if (this.#previousKey === undefined) throw new InvalidAesKeyError('previous_aes_key_not_configured');
    return this.#previousKey;
  }
}
