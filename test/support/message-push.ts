import { request } from 'node:http';
import { WxBizMsgCrypt } from '../../src/crypto/wx-biz-msg-crypt.js';
import { parseWechatXml } from '../../src/xml/xml.js';

export type Mode = 'safe' | 'compatible' | 'plain';

export interface HandPush {
  query: Record<string, string>;
  body: string;
}

/** A push signed (and encrypted) the way WeChat does, for requests the simulator would not make. */
export function handPush(crypt: WxBizMsgCrypt, plaintext: string, mode: Mode = 'safe'): HandPush {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(Math.floor(Math.random() * 1e9));
  const query: Record<string, string> = { signature: crypt.signature(timestamp, nonce), timestamp, nonce };
  if (mode === 'plain') return { query, body: plaintext };
  const encrypt = crypt.encrypt(plaintext);
  query.encrypt_type = 'aes';
  query.msg_signature = crypt.msgSignature(timestamp, nonce, encrypt);
  const envelope = `<Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
  const to = /<ToUserName><!\[CDATA\[([^\]]*)\]\]>/.exec(plaintext)?.[1] ?? '';
  const body =
    mode === 'safe'
      ? `<xml><ToUserName><![CDATA[${to}]]></ToUserName>${envelope}`
      : plaintext.replace('</xml>', envelope);
  return { query, body };
}

/** Signs an arbitrary Encrypt text (bad base64, bad padding…) so that only the decryption can fail. */
export function signedEncrypt(crypt: WxBizMsgCrypt, encrypt: string): HandPush {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = '4242';
  return {
    query: { timestamp, nonce, encrypt_type: 'aes', msg_signature: crypt.msgSignature(timestamp, nonce, encrypt) },
    body: `<xml><ToUserName><![CDATA[gh_x]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`,
  };
}

export function textMessage(
  toUserName: string,
  content: string,
  msgId: string,
  from = 'oUSERhand0000000000000000001',
): string {
  return (
    `<xml><ToUserName><![CDATA[${toUserName}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName>` +
    `<CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
    `<Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId></xml>`
  );
}

export function postPush(gatewayUrl: string, appidPath: string, push: HandPush): Promise<Response> {
  const qs = new URLSearchParams(push.query).toString();
  return fetch(`${gatewayUrl}/wechat/accounts/${appidPath}/messages?${qs}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body: push.body,
  });
}

/** The passive reply inside an answer: verified and decrypted when encrypted, parsed when plain. */
export function openReply(crypt: WxBizMsgCrypt, body: string): Record<string, unknown> {
  const outer = parseWechatXml(body);
  if (typeof outer.Encrypt !== 'string') return outer;
  const { MsgSignature, TimeStamp, Nonce, Encrypt } = outer as Record<string, string>;
  return parseWechatXml(crypt.verifyAndDecrypt(MsgSignature, TimeStamp, Nonce, Encrypt).message);
}

/** Like postPush, but the path goes out byte for byte (fetch would resolve `..` before sending). */
export function postRawPath(gatewayUrl: string, rawAppid: string, push: HandPush): Promise<{ status: number }> {
  const { hostname, port } = new URL(gatewayUrl);
  const path = `/wechat/accounts/${rawAppid}/messages?${new URLSearchParams(push.query).toString()}`;
  return new Promise((resolve, reject) => {
    const req = request(
      { host: hostname, port, path, method: 'POST', headers: { 'content-type': 'text/xml' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      },
    );
    req.on('error', reject);
    req.end(push.body);
  });
}
