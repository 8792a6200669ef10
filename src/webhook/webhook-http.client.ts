import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Agent, request } from 'undici';
import { signedHeaders } from './webhook-signature.js';

export interface WebhookResponse {
  statusCode: number;
  /** The body as text when asked for (reply mode), else ''. */
  body: string;
  durationMs: number;
}

export interface WebhookRequest {
  url: string;
  secret: string;
  deliveryId: string;
  body: string;
  timeoutMs: number;
  /** Read the answer (reply mode); async deliveries only look at the status. */
  readBody?: boolean;
  signal?: AbortSignal;
}

/** Replies larger than this are not a passive reply anyone meant to send. */
const MAX_ANSWER_BYTES = 64 * 1024;

/** Signed POSTs to subscribers: keep-alive, a hard timeout, no redirects followed. */
@Injectable()
export class WebhookHttpClient implements OnApplicationShutdown {
  private readonly agent = new Agent({ keepAliveTimeout: 10_000, connections: 64 });

  /** Throws on transport errors and timeouts (the message says which); any HTTP status resolves. */
  async post(req: WebhookRequest): Promise<WebhookResponse> {
    const started = Date.now();
    const timeout = AbortSignal.timeout(req.timeoutMs);
    const signal = req.signal ? AbortSignal.any([timeout, req.signal]) : timeout;
    try {
      const res = await request(req.url, {
        method: 'POST',
        body: req.body,
        headers: { ...signedHeaders(req.secret, req.deliveryId, req.body, Date.now()), 'user-agent': 'wechat-gateway' },
        signal,
        dispatcher: this.agent,
      });
      const body = req.readBody ? await readLimited(res.body) : (await res.body.dump(), '');
      return { statusCode: res.statusCode, body, durationMs: Date.now() - started };
    } catch (err) {
      if (timeout.aborted) throw new Error(`no answer within ${req.timeoutMs} ms`);
      if (req.signal?.aborted) throw new Error('aborted: the gateway is shutting down');
      throw new Error(describe(err));
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.agent.close();
  }
}

async function readLimited(body: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > MAX_ANSWER_BYTES) throw new Error(`answer larger than ${MAX_ANSWER_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The transport failure by code (ECONNREFUSED …), never the URL's credentials or a body. */
function describe(err: unknown): string {
  const e = err as { code?: string; cause?: { code?: string }; message?: string };
  const code = e.cause?.code ?? e.code;
  return code ? `transport error ${code}` : `transport error: ${String(e.message ?? err).slice(0, 200)}`;
}
