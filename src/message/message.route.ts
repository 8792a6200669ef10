import { Injectable } from '@nestjs/common';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { AllExceptionsFilter, errorBody } from '../common/filters/all-exceptions.filter.js';
import { HttpConfig } from '../config/config.types.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { wechatErrorMapper } from '../wechat/wechat-error.mapper.js';
import { MessageService } from './message.service.js';
import type { MessageQuery } from './message.types.js';

const ROUTE = '/wechat/accounts/:appid/messages';
const POST_PATH = /^\/wechat\/accounts\/([^/?#]*)\/messages\/?(?:\?|$)/;
const QUERY_NAMES = ['signature', 'timestamp', 'nonce', 'msg_signature', 'encrypt_type', 'echostr'] as const;

/**
 * POST of the message URL, answered on the HTTP server before express and Nest see the request. It
 * takes every user message of every account and is the gateway's busiest route (npm run bench), so
 * it skips what it does not need: routing, guards, pipes, per-request log lines. It is public, reads
 * its raw bytes with the same size limit as the other WeChat routes, counts itself in the HTTP and
 * message metrics, and answers errors in the contract's JSON shape. GET (URL verification) stays in
 * MessageController.
 */
@Injectable()
export class MessageRoute {
  private readonly errors = new AllExceptionsFilter([wechatErrorMapper]);

  constructor(
    private readonly messages: MessageService,
    private readonly http: HttpConfig,
    private readonly metrics: MetricsService,
  ) {}

  /** Puts this route in front of the server's existing request listener (express). */
  attach(server: Server): void {
    const others = server.listeners('request') as RequestListener[];
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const match = req.method === 'POST' ? POST_PATH.exec(req.url ?? '') : null;
      if (match) void this.serve(match[1], req, res);
      else for (const listener of others) listener.call(server, req, res);
    });
  }

  private async serve(rawAppid: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const end = this.metrics.httpDuration.startTimer({ method: 'POST', route: ROUTE });
    try {
      const body = await readBody(req, this.http.wechatBodyLimitBytes);
      const answer = await this.messages.receive(decode(rawAppid), queryOf(req.url ?? ''), body);
      send(res, 200, answer.contentType, answer.body);
    } catch (err) {
      const error = err instanceof BodyTooLargeError ? errorBody(413, err.message) : this.errors.toBody(err);
      send(res, error.statusCode, 'application/json; charset=utf-8', JSON.stringify(error));
    } finally {
      end({ status: String(res.statusCode) });
    }
  }
}

/** A repeated parameter is treated as missing, so it fails the checks. */
export function onlyStrings(query: Record<string, unknown>): MessageQuery {
  const out: MessageQuery = {};
  for (const name of QUERY_NAMES) {
    const value = query[name];
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}

function queryOf(url: string): MessageQuery {
  const at = url.indexOf('?');
  const params = new URLSearchParams(at < 0 ? '' : url.slice(at + 1));
  const out: MessageQuery = {};
  for (const name of QUERY_NAMES) {
    const values = params.getAll(name);
    if (values.length === 1) out[name] = values[0];
  }
  return out;
}

/** An appid that is not valid percent-encoding is kept as it came: the appid check refuses it. */
function decode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

class BodyTooLargeError extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return reject(new BodyTooLargeError(`request body larger than ${limit} bytes`));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLargeError(`request body larger than ${limit} bytes`));
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
