/**
 * Error codes of WeChat's WXBizMsgCrypt sample library (all languages agree on these; EasyWeChat
 * renumbers some, we follow the official table). Local codes only: never sent to WeChat.
 */
export const WxCryptoErrorCode = {
  ValidateSignature: -40001,
  ParseXml: -40002,
  IllegalAesKey: -40004,
  ValidateAppId: -40005,
  DecryptAes: -40007,
  IllegalBuffer: -40008,
  DecodeBase64: -40010,
} as const;

export type WxCryptoErrorCode = (typeof WxCryptoErrorCode)[keyof typeof WxCryptoErrorCode];

/**
 * Base of every message-crypto failure. `reason` is a short machine string for logs and metrics.
 * Messages never carry the token, the key, the plaintext or the ciphertext (they end up in logs).
 */
export class WechatCryptoError extends Error {
  constructor(
    readonly code: WxCryptoErrorCode,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class SignatureMismatchError extends WechatCryptoError {
  constructor(reason = 'signature_mismatch') {
    super(WxCryptoErrorCode.ValidateSignature, reason, 'WeChat signature check failed');
  }
}

export class InvalidAesKeyError extends WechatCryptoError {
  constructor(reason = 'invalid_aes_key') {
    super(WxCryptoErrorCode.IllegalAesKey, reason, 'EncodingAESKey must be 43 characters of [A-Za-z0-9]');
  }
}

export class InvalidBase64Error extends WechatCryptoError {
  constructor(reason = 'invalid_base64') {
    super(WxCryptoErrorCode.DecodeBase64, reason, 'Encrypt is not valid base64');
  }
}

export class AesDecryptError extends WechatCryptoError {
  constructor(reason = 'aes_decrypt_failed') {
    super(WxCryptoErrorCode.DecryptAes, reason, 'AES decryption of the WeChat message failed');
  }
}

export class InvalidPaddingError extends WechatCryptoError {
  constructor(reason = 'invalid_padding') {
    super(WxCryptoErrorCode.IllegalBuffer, reason, 'Decrypted WeChat message has invalid PKCS#7 padding');
  }
}

export class InvalidLengthError extends WechatCryptoError {
  constructor(reason = 'invalid_length') {
    super(WxCryptoErrorCode.IllegalBuffer, reason, 'Decrypted WeChat message has an inconsistent length');
  }
}

// Appids are `wx` + 16 hex; anything else in the trailer is quoted only by its size. A ciphertext
// bit-flipped to move the length field would otherwise put message text into logs.
const APPID_SHAPE = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * The trailer of the plaintext is not our component appid. Appids are public identifiers, so both
 * are kept; the usual cause is decrypting with an authorizer's appid instead of the component's.
 */
export class AppIdMismatchError extends WechatCryptoError {
  readonly actual: string;

  constructor(
    readonly expected: string,
    actual: string,
  ) {
    const shown = APPID_SHAPE.test(actual) ? actual : `<${Buffer.byteLength(actual, 'utf8')} bytes, not an appid>`;
    super(
      WxCryptoErrorCode.ValidateAppId,
      'appid_mismatch',
      `Decrypted message is for appid ${shown}, expected ${expected}`,
    );
    this.actual = shown;
  }
}

/** Sealed secret that cannot be opened: bad format, tampered with, or sealed under another key. */
export class SecretBoxError extends Error {
  constructor(
    readonly reason: 'invalid_key' | 'bad_format' | 'unsupported_version' | 'auth_failed',
    message: string,
  ) {
    super(message);
    this.name = 'SecretBoxError';
  }
}
