import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { PushAttempt } from './push-log.js';

export interface PostOutcome {
  attempts: PushAttempt[];
  status?: number;
  body?: string;
}

/**
 * POSTs like WeChat's pusher: waits `timeoutMs` (5 s at WeChat), then drops the connection and
 * sends the same request again, up to `resends` more times (3 deliveries in all, §6.3). An answer of
 * any status ends it; only silence or a network error causes a resend.
 */
export async function postWithResends(
  url: string,
  body: string,
  opts: { timeoutMs: number; resends: number },
): Promise<PostOutcome> {
  const attempts: PushAttempt[] = [];
  for (let i = 0; i <= opts.resends; i++) {
    const started = Date.now();
    const result = await postOnce(url, body, opts.timeoutMs);
    attempts.push({ status: result.status, error: result.error, durationMs: Date.now() - started });
    if (result.status !== undefined) return { attempts, status: result.status, body: result.body };
  }
  return { attempts };
}

function postOnce(
  url: string,
  body: string,
  timeoutMs: number,
): Promise<{ status?: number; body?: string; error?: string }> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    let settled = false;
    const finish = (value: { status?: number; body?: string; error?: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    const req = send(target, {
      method: 'POST',
      agent: false,
      headers: {
        'Content-Type': 'text/xml',
        'Content-Length': Buffer.byteLength(body),
        Connection: 'close',
        'User-Agent': 'Mozilla/4.0',
      },
    });
    const timer = setTimeout(() => {
      finish({ error: `timeout after ${timeoutMs} ms` });
      req.destroy();
    }, timeoutMs);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => finish({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (err) => finish({ error: err.message }));
    });
    req.on('error', (err) => finish({ error: err.message }));
    req.end(body);
  });
}
