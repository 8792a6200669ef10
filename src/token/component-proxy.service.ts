import { Injectable } from '@nestjs/common';
import { Buffer } from 'node:buffer';
import { Readable } from 'node:stream';
import { ComponentConfig } from '../config/config.types.js';
import { ComponentNotConfiguredError } from '../ticket/ticket.errors.js';
import { isTokenError } from '../wechat/wechat-api.error.js';
import { WechatHttpClient } from '../wechat/wechat-http.client.js';
import { assertSafePath } from '../wechat/wechat-path.js';
import { ComponentTokenService } from './component-token.service.js';

export interface ProxyRequest {
  method: string;
  /** WeChat API path, e.g. /cgi-bin/component/api_get_authorizer_list. */
  path: string;
  /** The caller's query; component_access_token is set here, whatever the caller sent. */
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Buffered, so the one retry after a token error can send it again. */
  body: Buffer | undefined;
}

export interface ProxyAnswer {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer | Readable;
}

/** Only these answers are read to look for a token error; files and media stream through untouched. */
const INSPECT_TYPES = /^(application\/json|text\/plain|text\/json)/i;
const INSPECT_MAX_BYTES = 1024 * 1024;

/** The raw component proxy: WeChat's answer as it came, after at most one token renewal and retry. */
@Injectable()
export class ComponentProxyService {
  constructor(
    private readonly tokens: ComponentTokenService,
    private readonly http: WechatHttpClient,
    private readonly config: ComponentConfig,
  ) {}

  async forward(req: ProxyRequest): Promise<ProxyAnswer> {
    if (!this.config.configured) throw new ComponentNotConfiguredError();
    // Refuse a bad path before anything, a token fetch included.
    assertSafePath(req.path);
    const { accessToken } = await this.tokens.get();
    const first = await this.send(req, accessToken);
    if (!(await carriesTokenError(first))) return first;
    const renewed = await this.tokens.renewRejected(accessToken);
    return this.send(req, renewed.accessToken);
  }

  private async send(req: ProxyRequest, token: string): Promise<ProxyAnswer> {
    const res = await this.http.request({
      method: req.method,
      path: req.path,
      query: { ...req.query, component_access_token: token },
      headers: req.headers,
      body: req.body,
      // A token error proves WeChat did nothing; other failures of a POST may have reached it.
      idempotent: ['GET', 'HEAD'].includes(req.method.toUpperCase()),
    });
    return { status: res.status, headers: res.headers, body: res.body };
  }
}

/**
 * Reads a small JSON-ish answer into a Buffer (left on the answer) and checks its errcode. An answer
 * that turns out larger than INSPECT_MAX_BYTES is handed on as a stream again, unread part included.
 */
async function carriesTokenError(answer: ProxyAnswer): Promise<boolean> {
  const type = [answer.headers['content-type'] ?? ''].flat()[0];
  const length = Number([answer.headers['content-length'] ?? '0'].flat()[0]);
  if (answer.status !== 200 || !INSPECT_TYPES.test(type) || length > INSPECT_MAX_BYTES) return false;
  if (Buffer.isBuffer(answer.body)) return false;
  const source = answer.body[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let bytes = 0;
  for (let next = await source.next(); !next.done; next = await source.next()) {
    const chunk = Buffer.from(next.value as Uint8Array);
    chunks.push(chunk);
    bytes += chunk.length;
    if (bytes > INSPECT_MAX_BYTES) {
      answer.body = Readable.from(replay(chunks, source));
      return false;
    }
  }
  answer.body = Buffer.concat(chunks);
  return isTokenError(errcodeOf(answer.body));
}

async function* replay(seen: Buffer[], rest: AsyncIterator<unknown>): AsyncGenerator<Buffer> {
  yield* seen;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield Buffer.from(next.value as Uint8Array);
}

function errcodeOf(body: Buffer): number {
  try {
    return Number((JSON.parse(body.toString('utf8')) as { errcode?: unknown } | null)?.errcode);
  } catch {
    return NaN;
  }
}
