import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { WxBizMsgCrypt } from '../src/crypto/wx-biz-msg-crypt.js';
import { buildPassiveReply } from '../src/xml/passive-reply.js';
import { parseWechatXml } from '../src/xml/xml.js';

const MAX_BYTES = 256 * 1024;

/**
 * The floor the gateway is compared with: node:http doing only what the message URL must do
 * (verify msg_signature, decrypt, parse, answer the release-test text encrypted, or `success`),
 * with the gateway's own crypto and XML code, no framework, no dedupe, no logging.
 */
export function createBaselineServer(crypt: WxBizMsgCrypt): Server {
  return createServer((req, res) => {
    readBody(req)
      .then((body) => answer(crypt, req, res, body))
      .catch(() => {
        res.statusCode = 400;
        res.end('bad request');
      });
  });
}

function answer(crypt: WxBizMsgCrypt, req: IncomingMessage, res: ServerResponse, body: Buffer): void {
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const [timestamp, nonce] = [query.get('timestamp') ?? '', query.get('nonce') ?? ''];
  const outer = parseWechatXml(body, { maxBytes: MAX_BYTES }) as Record<string, string>;
  crypt.verifySignature(query.get('signature') ?? '', timestamp, nonce);
  const { message } = crypt.verifyAndDecrypt(query.get('msg_signature') ?? '', timestamp, nonce, outer.Encrypt);
  const fields = parseWechatXml(message, { maxBytes: MAX_BYTES }) as Record<string, string>;
  if (fields.Content !== 'TESTCOMPONENT_MSG_TYPE_TEXT') {
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    res.end('success');
    return;
  }
  const now = Math.floor(Date.now() / 1000);
  const xml = buildPassiveReply(
    { type: 'text', content: `${fields.Content}_callback` },
    fields.FromUserName,
    fields.ToUserName,
    now,
  );
  res.setHeader('content-type', 'application/xml; charset=utf-8');
  res.end(crypt.encryptReply(xml, now, String(Math.floor(Math.random() * 1e9))));
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BYTES) req.destroy(new Error('too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
