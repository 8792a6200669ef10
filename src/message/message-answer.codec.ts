import { buildPassiveReply, type PassiveReply } from '../xml/passive-reply.js';
import type { WxBizMsgCrypt } from '../crypto/wx-biz-msg-crypt.js';
import type { OpenedPush } from './message-push.opener.js';
import type { MessageAnswer, MessageOutcome, PlainAnswer } from './message.types.js';

const XML = 'application/xml; charset=utf-8';
const TEXT = 'text/plain; charset=utf-8';

/** A passive reply to the request's sender: To/From swapped, CreateTime now (§6.4). */
export function replyTo(fields: Record<string, unknown>, reply: PassiveReply, nowSec: number): PlainAnswer {
  const to = typeof fields.FromUserName === 'string' ? fields.FromUserName : '';
  const from = typeof fields.ToUserName === 'string' ? fields.ToUserName : '';
  return { kind: 'reply', xml: buildPassiveReply(reply, to, from, nowSec) };
}

/** How the answer of a first delivery is kept for its resends: one tag character, then the XML. */
export function serializeAnswer(answer: PlainAnswer): string {
  if (answer.kind === 'reply') return `X${answer.xml}`;
  return answer.kind === 'empty' ? 'E' : 'S';
}

export function parseAnswer(stored: string): PlainAnswer {
  if (stored.startsWith('X')) return { kind: 'reply', xml: stored.slice(1) };
  return stored === 'E' ? { kind: 'empty' } : { kind: 'success' };
}

/**
 * The HTTP body: a reply is encrypted when the push was, with the key generation that decrypted it,
 * under a fresh TimeStamp/Nonce that MsgSignature covers (§2.3).
 */
export function encodeAnswer(
  answer: PlainAnswer,
  outcome: MessageOutcome,
  crypt: WxBizMsgCrypt,
  opened: Pick<OpenedPush, 'encrypted' | 'usedPreviousKey'>,
  nowSec: number,
): MessageAnswer {
  if (answer.kind === 'empty') return { body: '', contentType: TEXT, outcome };
  if (answer.kind === 'success') return { body: 'success', contentType: TEXT, outcome };
  if (!opened.encrypted) return { body: answer.xml, contentType: XML, outcome };
  const nonce = String(Math.floor(Math.random() * 1e9));
  const body = crypt.encryptReply(answer.xml, nowSec, nonce, { usePreviousKey: opened.usedPreviousKey });
  return { body, contentType: XML, outcome };
}
