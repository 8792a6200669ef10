import type { SimContext } from '../context.js';
import { newNonce } from '../core/ids.js';
import { buildXml, type XmlFields } from '../core/xml.js';
import type { PushMode } from './push-log.js';

export interface PushRequest {
  query: Record<string, string>;
  body: string;
}

/**
 * Wraps a plaintext push the way WeChat does (§2.3, §6.1): safe mode sends only the envelope head
 * (AppId or ToUserName) and Encrypt; compatible mode sends the plain fields plus Encrypt; plain mode
 * sends the XML as is. `signature` is always present, `msg_signature` only with encrypt_type=aes.
 */
export function buildPushRequest(ctx: SimContext, plaintext: string, mode: PushMode, head: XmlFields): PushRequest {
  const timestamp = String(ctx.clock.now());
  const nonce = newNonce();
  const query: Record<string, string> = { signature: ctx.crypt.signature(timestamp, nonce), timestamp, nonce };
  if (mode === 'plain') return { query, body: plaintext };
  const encrypt = ctx.crypt.encrypt(plaintext);
  query.encrypt_type = 'aes';
  query.msg_signature = ctx.crypt.msgSignature(timestamp, nonce, encrypt);
  const body =
    mode === 'safe'
      ? buildXml({ ...head, Encrypt: encrypt })
      : plaintext.replace(/<\/xml>\s*$/, `<Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`);
  return { query, body };
}

export function withQuery(url: string, query: Record<string, string>): string {
  const target = new URL(url);
  for (const [name, value] of Object.entries(query)) target.searchParams.set(name, value);
  return target.toString();
}
