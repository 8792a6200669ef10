/** Query parameters WeChat adds to the message URL (§6.1); `openid` comes too and is ignored. */
export interface MessageQuery {
  signature?: string;
  timestamp?: string;
  nonce?: string;
  msg_signature?: string;
  encrypt_type?: string;
  echostr?: string;
  openid?: string;
}

/** plain: signature only; compatible: plain fields plus Encrypt; safe: only the Encrypt envelope. */
export type PushMode = 'safe' | 'compatible' | 'plain';

export type MessageOutcome =
  'replied' | 'success' | 'duplicate' | 'rejected_signature' | 'rejected_malformed' | 'release_test';

/**
 * What WeChat gets for one push, before encryption: a passive reply XML, `success`, or an empty
 * body (the release test's QUERY_AUTH_CODE case wants exactly that).
 */
export type PlainAnswer = { kind: 'reply'; xml: string } | { kind: 'success' } | { kind: 'empty' };

/** The HTTP answer the controller writes. */
export interface MessageAnswer {
  body: string;
  contentType: string;
  outcome: MessageOutcome;
}

/** Appids are `wx` + 16 letters or digits; anything else in the path is refused before any work. */
export const APPID_PATTERN = /^wx[0-9A-Za-z]{16}$/;
