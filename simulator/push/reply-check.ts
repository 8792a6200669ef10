import type { SimContext } from '../context.js';
import { MsgCryptError } from '../crypto/msg-crypt.js';
import { parseXml } from '../core/xml.js';
import type { PushMode, ReplyCheck } from './push-log.js';

/** The authorization event URL must answer `success` (§3); anything else is recorded as an error. */
export function checkEventReply(status: number | undefined, raw: string | undefined): ReplyCheck {
  if (status === undefined) return { kind: 'none', verified: false, error: 'no answer' };
  if (status !== 200) return { kind: 'other', verified: false, error: `HTTP ${status}, expected 200` };
  if (raw?.trim() === 'success') return { kind: 'success', verified: true };
  return { kind: raw ? 'other' : 'empty', verified: false, error: `expected body "success", got "${clip(raw ?? '')}"` };
}

/**
 * A message push may be answered with `success`, an empty body, or a passive reply (§6.3, §6.4).
 * Encrypted replies must carry a valid MsgSignature over the envelope's own TimeStamp/Nonce, decrypt
 * with the component key, end with the component appid, and swap ToUserName/FromUserName.
 */
export function checkMessageReply(
  ctx: SimContext,
  mode: PushMode,
  request: Record<string, string>,
  status: number | undefined,
  raw: string | undefined,
): ReplyCheck {
  if (status === undefined) return { kind: 'none', verified: false, error: 'no answer' };
  if (status !== 200) return { kind: 'other', verified: false, error: `HTTP ${status}, expected 200` };
  const text = raw ?? '';
  if (text.length === 0) return { kind: 'empty', verified: true };
  if (text.trim() === 'success') return { kind: 'success', verified: true };
  const outer = parseXml(text);
  if (!outer)
    return { kind: 'other', verified: false, error: `reply is neither success, empty nor XML: "${clip(text)}"` };
  if (outer.Encrypt === undefined) {
    if (mode === 'safe')
      return { kind: 'xml', verified: false, error: 'plain reply in safe mode (must be encrypted)', decrypted: text };
    return finishReply(text, request);
  }
  if (mode === 'plain') return { kind: 'xml', verified: false, error: 'encrypted reply to a plain-mode push' };
  return decryptReply(ctx, outer, request);
}

function decryptReply(ctx: SimContext, outer: Record<string, string>, request: Record<string, string>): ReplyCheck {
  const { Encrypt: encrypt, MsgSignature: signature, TimeStamp: timestamp, Nonce: nonce } = outer;
  if (!signature || !timestamp || !nonce) {
    return { kind: 'xml', verified: false, error: 'encrypted reply lacks MsgSignature, TimeStamp or Nonce' };
  }
  if (ctx.crypt.msgSignature(timestamp, nonce, encrypt) !== signature) {
    return { kind: 'xml', verified: false, error: 'MsgSignature does not match (-40001)' };
  }
  try {
    const { message } = ctx.crypt.decrypt(encrypt);
    return finishReply(message, request);
  } catch (err) {
    const code = err instanceof MsgCryptError ? ` (${err.code})` : '';
    return { kind: 'xml', verified: false, error: `cannot decrypt reply${code}: ${(err as Error).message}` };
  }
}

function finishReply(plain: string, request: Record<string, string>): ReplyCheck {
  const fields = parseXml(plain);
  if (!fields) return { kind: 'xml', verified: false, decrypted: plain, error: 'decrypted reply is not <xml>' };
  const problems: string[] = [];
  if (fields.ToUserName !== request.FromUserName) {
    problems.push(`ToUserName "${fields.ToUserName}" should be the sender "${request.FromUserName}"`);
  }
  if (fields.FromUserName !== request.ToUserName) {
    problems.push(`FromUserName "${fields.FromUserName}" should be the account "${request.ToUserName}"`);
  }
  if (!fields.MsgType) problems.push('MsgType missing');
  if (!fields.CreateTime) problems.push('CreateTime missing');
  const error = problems.length ? problems.join('; ') : undefined;
  return { kind: 'xml', verified: !error, decrypted: plain, fields, error };
}

function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
