import { HttpStatus } from '@nestjs/common';
import { WechatCryptoError, WxCryptoErrorCode } from '../crypto/crypto.errors.js';
import type { WxBizMsgCrypt } from '../crypto/wx-biz-msg-crypt.js';
import { XmlParseError } from '../xml/xml.errors.js';
import { parseWechatXml } from '../xml/xml.js';
import { RejectedMessageError } from './message.errors.js';
import type { MessageQuery, PushMode } from './message.types.js';

export interface OpenedPush {
  /** The message's fields (decrypted when it came encrypted). */
  fields: Record<string, unknown>;
  mode: PushMode;
  encrypted: boolean;
  /** Encrypt the reply with the same key generation (WxBizMsgCrypt EncryptOptions.usePreviousKey). */
  usedPreviousKey: boolean;
}

/** Elements of a safe-mode envelope; anything else beside Encrypt means compatible mode. */
const ENVELOPE_FIELDS = new Set(['ToUserName', 'Encrypt', 'AppId']);

/**
 * The one verification rule of the message URL (pitfall 11): a body with Encrypt needs a valid
 * msg_signature (and a valid `signature` when sent) and is then decrypted, the appid trailer
 * checked; a body without Encrypt needs a valid `signature`. Both are over `crypt`'s Token.
 */
export function openMessagePush(crypt: WxBizMsgCrypt, query: MessageQuery, body: Buffer, maxBytes: number): OpenedPush {
  const { timestamp, nonce } = query;
  if (!timestamp || !nonce) throw malformed('timestamp and nonce are required');
  try {
    const outer = parseWechatXml(body, { maxBytes });
    if (outer.Encrypt === undefined) return openPlain(crypt, query, outer);
    if (typeof outer.Encrypt !== 'string' || outer.Encrypt === '') throw malformed('Encrypt must be text');
    if (!query.msg_signature) throw malformed('msg_signature is required when the body is encrypted');
    if (query.signature !== undefined) crypt.verifySignature(query.signature, timestamp, nonce);
    const decrypted = crypt.verifyAndDecrypt(query.msg_signature, timestamp, nonce, outer.Encrypt);
    const fields = parseWechatXml(decrypted.message, { maxBytes });
    if (outer.ToUserName !== undefined && outer.ToUserName !== fields.ToUserName) {
      throw malformed('the envelope ToUserName differs from the encrypted one');
    }
    const compatible = Object.keys(outer).some((k) => !ENVELOPE_FIELDS.has(k));
    return {
      fields,
      mode: compatible ? 'compatible' : 'safe',
      encrypted: true,
      usedPreviousKey: decrypted.usedPreviousKey,
    };
  } catch (err) {
    throw toRejection(err);
  }
}

function openPlain(crypt: WxBizMsgCrypt, query: MessageQuery, fields: Record<string, unknown>): OpenedPush {
  // encrypt_type=aes promises an encrypted body; taking a plain one instead would be a downgrade.
  if (query.encrypt_type === 'aes') throw malformed('encrypt_type=aes but the body has no Encrypt');
  if (!query.signature) throw malformed('signature is required');
  crypt.verifySignature(query.signature, query.timestamp, query.nonce);
  return { fields, mode: 'plain', encrypted: false, usedPreviousKey: false };
}

function malformed(reason: string): RejectedMessageError {
  return new RejectedMessageError('rejected_malformed', reason);
}

/** Crypto and XML failures by their library code; the reason names the check, never the input. */
export function toRejection(err: unknown): unknown {
  if (err instanceof RejectedMessageError) return err;
  if (err instanceof WechatCryptoError) {
    const inauthentic =
      err.code === WxCryptoErrorCode.ValidateSignature || err.code === WxCryptoErrorCode.ValidateAppId;
    const reason = `push rejected: ${err.reason} (${err.code})`;
    return new RejectedMessageError(inauthentic ? 'rejected_signature' : 'rejected_malformed', reason);
  }
  if (err instanceof XmlParseError) {
    const status = err.reason === 'too_large' ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST;
    return new RejectedMessageError('rejected_malformed', `push rejected: ${err.reason} (${err.code})`, status);
  }
  return err;
}
