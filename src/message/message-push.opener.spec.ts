import { describe, expect, it } from '@jest/globals';
import { WxBizMsgCrypt } from '../crypto/wx-biz-msg-crypt.js';
import { openMessagePush } from './message-push.opener.js';
import { RejectedMessageError } from './message.errors.js';
import type { MessageQuery } from './message.types.js';

// The key, token and appid of the test vectors in wechat-open-platform.md §2.5.
const KEY = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8';
const COMPONENT = 'wx1234567890abcdef';
const crypt = new WxBizMsgCrypt({ token: 'simToken123', encodingAesKey: KEY, appId: COMPONENT });
const INNER =
  '<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[oUSER123]]></FromUserName>' +
  '<CreateTime>1700000050</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content>' +
  '<MsgId>24000000000000001</MsgId></xml>';
const TS = '1700000000';
const NONCE = '123456789';

function push(mode: 'safe' | 'compatible' | 'plain', over: { with?: WxBizMsgCrypt; inner?: string } = {}) {
  const c = over.with ?? crypt;
  const inner = over.inner ?? INNER;
  const query: MessageQuery = { signature: c.signature(TS, NONCE), timestamp: TS, nonce: NONCE };
  if (mode === 'plain') return { query, body: Buffer.from(inner) };
  const encrypt = c.encrypt(inner);
  Object.assign(query, { encrypt_type: 'aes', msg_signature: c.msgSignature(TS, NONCE, encrypt) });
  const body =
    mode === 'safe'
      ? `<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`
      : inner.replace('</xml>', `<Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`);
  return { query, body: Buffer.from(body) };
}

function rejection(fn: () => unknown): RejectedMessageError {
  try {
    fn();
  } catch (err) {
    if (err instanceof RejectedMessageError) return err;
    throw err;
  }
  throw new Error('expected a RejectedMessageError');
}

const open = (p: { query: MessageQuery; body: Buffer }, max = 65536) => openMessagePush(crypt, p.query, p.body, max);

describe('openMessagePush: one verification rule for the three modes (pitfall 11)', () => {
  it('safe mode: checks msg_signature and signature, decrypts, keeps MsgId as text', () => {
    const opened = open(push('safe'));
    expect(opened).toMatchObject({ mode: 'safe', encrypted: true, usedPreviousKey: false });
    expect(opened.fields).toMatchObject({ Content: 'hi', MsgId: '24000000000000001' });
  });

  it('safe mode without the optional signature parameter still passes on msg_signature', () => {
    const p = push('safe');
    delete p.query.signature;
    expect(open(p).mode).toBe('safe');
  });

  it('compatible mode: plain fields beside Encrypt; the decrypted ones are used', () => {
    const p = push('compatible');
    const tampered = Buffer.from(p.body.toString().replace('<![CDATA[hi]]>', '<![CDATA[forged]]>'));
    const opened = open({ query: p.query, body: tampered });
    expect(opened.mode).toBe('compatible');
    expect(opened.fields.Content).toBe('hi');
  });

  it('plain mode: signature only', () => {
    expect(open(push('plain'))).toMatchObject({ mode: 'plain', encrypted: false, fields: { Content: 'hi' } });
  });

  it('refuses bad signatures with 401', () => {
    const safe = push('safe');
    expect(rejection(() => open({ ...safe, query: { ...safe.query, msg_signature: '0'.repeat(40) } })).status).toBe(
      401,
    );
    expect(rejection(() => open({ ...safe, query: { ...safe.query, signature: '0'.repeat(40) } })).status).toBe(401);
    const plain = push('plain');
    const bad = rejection(() => open({ ...plain, query: { ...plain.query, signature: 'x' } }));
    expect(bad).toMatchObject({ status: 401, outcome: 'rejected_signature' });
  });

  it('refuses a push signed with another token (an authorizer token instead of the component one)', () => {
    const other = new WxBizMsgCrypt({ token: 'otherToken', encodingAesKey: KEY, appId: COMPONENT });
    expect(rejection(() => open(push('safe', { with: other }))).status).toBe(401);
    expect(rejection(() => open(push('plain', { with: other }))).status).toBe(401);
  });

  it('refuses a plaintext whose trailer is another appid (pitfall 10)', () => {
    const authorizer = new WxBizMsgCrypt({ token: 'simToken123', encodingAesKey: KEY, appId: 'wxaaaaaaaaaaaaaaaa' });
    const err = rejection(() => open(push('safe', { with: authorizer })));
    expect(err).toMatchObject({ status: 401, outcome: 'rejected_signature' });
    expect(err.message).toContain('-40005');
  });

  it('needs timestamp and nonce, msg_signature with Encrypt, signature without', () => {
    const safe = push('safe');
    expect(rejection(() => open({ ...safe, query: { ...safe.query, timestamp: undefined } })).status).toBe(400);
    expect(rejection(() => open({ ...safe, query: { ...safe.query, msg_signature: undefined } })).status).toBe(400);
    const plain = push('plain');
    expect(rejection(() => open({ ...plain, query: { ...plain.query, signature: undefined } })).status).toBe(400);
    // encrypt_type=aes with a plain body would be a downgrade.
    expect(rejection(() => open({ ...plain, query: { ...plain.query, encrypt_type: 'aes' } })).status).toBe(400);
  });

  it('refuses bad base64 and bad padding with 400', () => {
    const bad = (encrypt: string) => {
      const query = { timestamp: TS, nonce: NONCE, msg_signature: crypt.msgSignature(TS, NONCE, encrypt) };
      return open({ query, body: Buffer.from(`<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`) });
    };
    expect(rejection(() => bad('not*base64!')).status).toBe(400);
    expect(rejection(() => bad(Buffer.alloc(64, 7).toString('base64'))).outcome).toBe('rejected_malformed');
  });

  it('refuses DOCTYPE, malformed XML and an envelope whose ToUserName differs', () => {
    const plain = push('plain');
    const doctype = Buffer.from(`<!DOCTYPE x [<!ENTITY a "b">]>${INNER}`);
    expect(rejection(() => open({ query: plain.query, body: doctype })).status).toBe(400);
    expect(rejection(() => open({ query: plain.query, body: Buffer.from('<xml><a>') })).status).toBe(400);
    const safe = push('safe');
    const moved = Buffer.from(safe.body.toString().replace('gh_0123456789ab', 'gh_other'));
    expect(rejection(() => open({ query: safe.query, body: moved })).status).toBe(400);
  });

  it('answers 413 past the size limit', () => {
    expect(rejection(() => open(push('plain'), 100)).status).toBe(413);
  });

  it('reports that the previous EncodingAESKey opened the push, so the reply uses it too', () => {
    const newKey = 'BBECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8';
    const rotated = new WxBizMsgCrypt({
      token: 'simToken123',
      encodingAesKey: newKey,
      previousEncodingAesKey: KEY,
      appId: COMPONENT,
    });
    const p = push('safe');
    expect(openMessagePush(rotated, p.query, p.body, 65536).usedPreviousKey).toBe(true);
  });
});
