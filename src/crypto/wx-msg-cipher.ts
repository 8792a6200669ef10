import { createCipheriv, createDecipheriv } from 'node:crypto';
import {
  AesDecryptError,
  AppIdMismatchError,
  InvalidAesKeyError,
  InvalidBase64Error,
  InvalidLengthError,
  InvalidPaddingError,
} from './crypto.errors.js';

// The buffer layout and cipher of WeChat's WXBizMsgCrypt (消息加解密说明), as pure functions.

export const RANDOM_PREFIX_BYTES = 16;
const LENGTH_BYTES = 4;
const HEADER_BYTES = RANDOM_PREFIX_BYTES + LENGTH_BYTES;
const AES_BLOCK_BYTES = 16;
// WeChat pads to 32 bytes (the AES-256 key size), not to the 16-byte AES block.
const PAD_BLOCK_BYTES = 32;
const ENCODING_AES_KEY = /^[A-Za-z0-9]{43}$/;
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * AESKey = base64(EncodingAESKey + "="). 43 characters carry 258 bits for a 256-bit key, and the
 * console happily issues keys whose last character has its two spare bits set (not canonical
 * base64), so decoding must be lenient about those bits. Node's decoder is; the shape is checked here.
 */
export function decodeEncodingAesKey(encodingAesKey: string, reason = 'invalid_aes_key'): Buffer {
  if (typeof encodingAesKey !== 'string' || !ENCODING_AES_KEY.test(encodingAesKey)) {
    throw new InvalidAesKeyError(reason);
  }
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (key.length !== 32) throw new InvalidAesKeyError(reason);
  return key;
}

/** The Encrypt text as received: canonical alphabet and padding only, no whitespace. */
export function decodeStrictBase64(encrypt: string): Buffer {
  if (typeof encrypt !== 'string' || encrypt === '' || !STRICT_BASE64.test(encrypt)) {
    throw new InvalidBase64Error();
  }
  return Buffer.from(encrypt, 'base64');
}

/** random(16) || uint32 BE byte length || msg (UTF-8) || appid, then PKCS#7 to 32 bytes. */
export function packPlaintext(message: string, appId: string, random: Buffer): Buffer {
  if (random.length !== RANDOM_PREFIX_BYTES) throw new RangeError('The random prefix must be 16 bytes');
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(LENGTH_BYTES);
  length.writeUInt32BE(body.length, 0);
  const unpadded = Buffer.concat([random, length, body, Buffer.from(appId, 'utf8')]);
  const pad = PAD_BLOCK_BYTES - (unpadded.length % PAD_BLOCK_BYTES); // 1..32: a full block when aligned
  return Buffer.concat([unpadded, Buffer.alloc(pad, pad)]);
}

/** Inverse of packPlaintext; `appId` must equal the trailer byte for byte. */
export function unpackPlaintext(padded: Buffer, appId: string): string {
  const unpadded = stripPadding(padded);
  if (unpadded.length < HEADER_BYTES) throw new InvalidLengthError('buffer_too_short');
  const length = unpadded.readUInt32BE(RANDOM_PREFIX_BYTES);
  if (length > unpadded.length - HEADER_BYTES) throw new InvalidLengthError('length_exceeds_buffer');
  const trailer = unpadded.subarray(HEADER_BYTES + length);
  if (!trailer.equals(Buffer.from(appId, 'utf8'))) {
    throw new AppIdMismatchError(appId, trailer.toString('utf8'));
  }
  return unpadded.subarray(HEADER_BYTES, HEADER_BYTES + length).toString('utf8');
}

function stripPadding(padded: Buffer): Buffer {
  const pad = padded.length > 0 ? padded[padded.length - 1] : 0;
  if (pad < 1 || pad > PAD_BLOCK_BYTES || pad > padded.length) throw new InvalidPaddingError();
  for (let i = padded.length - pad; i < padded.length; i++) {
    if (padded[i] !== pad) throw new InvalidPaddingError();
  }
  return padded.subarray(0, padded.length - pad);
}

/** AES-256-CBC with IV = first 16 key bytes and no library padding (the padding is WeChat's own). */
export function aesEncrypt(key: Buffer, plaintext: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, AES_BLOCK_BYTES));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plaintext), cipher.final()]);
}

export function aesDecrypt(key: Buffer, ciphertext: Buffer): Buffer {
  if (ciphertext.length === 0 || ciphertext.length % AES_BLOCK_BYTES !== 0) {
    throw new AesDecryptError('ciphertext_not_block_aligned');
  }
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, AES_BLOCK_BYTES));
    decipher.setAutoPadding(false);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new AesDecryptError();
  }
}
