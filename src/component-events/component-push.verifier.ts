import { HttpStatus, Injectable } from '@nestjs/common';
import { ComponentConfig } from '../config/config.types.js';
import { UnavailableError } from '../common/errors/app-errors.js';
import { WechatCryptoError } from '../crypto/crypto.errors.js';
import { WxBizMsgCrypt } from '../crypto/wx-biz-msg-crypt.js';
import { parseEnvelope } from '../xml/encrypted-envelope.js';
import { XmlParseError } from '../xml/xml.errors.js';
import { parseWechatXml } from '../xml/xml.js';
import { InauthenticPushError } from './component-event.errors.js';

export interface PushQuery {
  signature?: string;
  timestamp?: string;
  nonce?: string;
  msg_signature?: string;
  encrypt_type?: string;
}

/**
 * Checks and opens a push to the authorization event URL. Pushes there are always encrypted with
 * the component's Token and EncodingAESKey, and the plaintext ends with the component appid
 * (§2, §3); msg_signature covers Encrypt, and `signature` is checked too when sent (pitfall 11).
 */
@Injectable()
export class ComponentPushVerifier {
  private readonly crypt?: WxBizMsgCrypt;

  constructor(private readonly component: ComponentConfig) {
    if (component.configured) {
      this.crypt = new WxBizMsgCrypt({
        token: component.token,
        encodingAesKey: component.encodingAesKey,
        appId: component.appId,
      });
    }
  }

  open(query: PushQuery, body: Buffer, maxBytes: number): Record<string, unknown> {
    if (!this.crypt) throw new UnavailableError('component not configured: set the WECHAT_COMPONENT_* variables');
    const { timestamp, nonce } = query;
    if (!timestamp || !nonce || !query.msg_signature) {
      throw new InauthenticPushError('timestamp, nonce and msg_signature are required', HttpStatus.BAD_REQUEST);
    }
    try {
      const envelope = parseEnvelope(body, { maxBytes });
      if (envelope.appId !== undefined && envelope.appId !== this.component.appId) {
        throw new InauthenticPushError(
          `push for component ${envelope.appId}, not this gateway's`,
          HttpStatus.BAD_REQUEST,
        );
      }
      if (query.signature !== undefined) this.crypt.verifySignature(query.signature, timestamp, nonce);
      const { message } = this.crypt.verifyAndDecrypt(query.msg_signature, timestamp, nonce, envelope.encrypt);
      return parseWechatXml(message, { maxBytes });
    } catch (err) {
      if (err instanceof WechatCryptoError) {
        const status = err.code === -40001 ? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST;
        throw new InauthenticPushError(`push rejected: ${err.message} (${err.code})`, status);
      }
      if (err instanceof XmlParseError)
        throw new InauthenticPushError(`push rejected: ${err.message}`, HttpStatus.BAD_REQUEST);
      throw err;
    }
  }
}
