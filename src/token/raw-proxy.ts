import type { Request, Response } from 'express';
import { Buffer } from 'node:buffer';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * What the raw proxies (component and account) share: reading a small JSON answer for its errcode,
 * and handing WeChat's answer back as it came. Plain functions, no Nest dependencies.
 */
export interface ProxyAnswer {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer | Readable;
}

/** Only these answers are read to look for an errcode; files and media stream through untouched. */
const INSPECT_TYPES = /^(application\/json|text\/plain|text\/json)/i;
const INSPECT_MAX_BYTES = 1024 * 1024;
const RETURNED_HEADERS = ['content-type', 'content-disposition', 'content-length'];

/**
 * The errcode of a small JSON-ish answer (0 when it has none), read into a Buffer left on the answer;
 * undefined for answers that are not inspected (binary, not 200, or larger than INSPECT_MAX_BYTES: such
 * an answer is handed on as a stream again, the part already read included).
 */
export async function answerErrcode(answer: ProxyAnswer): Promise<number | undefined> {
  const type = [answer.headers['content-type'] ?? ''].flat()[0];
  const length = Number([answer.headers['content-length'] ?? '0'].flat()[0]);
  if (answer.status !== 200 || !INSPECT_TYPES.test(type) || length > INSPECT_MAX_BYTES) return undefined;
  if (Buffer.isBuffer(answer.body)) return errcodeOf(answer.body);
  const source = answer.body[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let bytes = 0;
  for (let next = await source.next(); !next.done; next = await source.next()) {
    const chunk = Buffer.from(next.value as Uint8Array);
    chunks.push(chunk);
    bytes += chunk.length;
    if (bytes > INSPECT_MAX_BYTES) {
      answer.body = Readable.from(replay(chunks, source));
      return undefined;
    }
  }
  answer.body = Buffer.concat(chunks);
  return errcodeOf(answer.body);
}

/** The chunks already read, then the rest of the source: a stream that lost nothing. */
export async function* replay(seen: Buffer[], rest: AsyncIterator<unknown>): AsyncGenerator<Buffer> {
  yield* seen;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield Buffer.from(next.value as Uint8Array);
}

function errcodeOf(body: Buffer): number | undefined {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { errcode?: unknown } | null;
    // Some endpoints send errcode as a string ("40029"): parse numerically (docs §1).
    return parsed?.errcode === undefined ? 0 : Number(parsed.errcode);
  } catch {
    return undefined;
  }
}

/** The named request headers the caller sent, lower-cased; everything else (Host included) stays behind. */
export function pickHeaders(headers: Request['headers'], names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = headers[name];
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}

/** Everything after `prefix` in the raw URL, without the query: percent-encoding stays as the caller sent it. */
export function proxiedPath(originalUrl: string, prefix: RegExp): string {
  return originalUrl.split('?')[0].replace(prefix, '');
}

/** The caller's query without `tokenParam`: the gateway's token, never one the caller brought. */
export function proxiedQuery(originalUrl: string, tokenParam: string): Record<string, string> {
  const query = Object.fromEntries(new URL(originalUrl, 'http://gateway.invalid').searchParams);
  delete query[tokenParam];
  return query;
}

/** WeChat's status, content type and body, as they came. */
export async function sendProxyAnswer(res: Response, answer: ProxyAnswer): Promise<void> {
  res.status(answer.status);
  for (const name of RETURNED_HEADERS) {
    const value = answer.headers[name];
    if (value !== undefined && !(name === 'content-length' && Buffer.isBuffer(answer.body))) res.setHeader(name, value);
  }
  if (Buffer.isBuffer(answer.body)) res.end(answer.body);
  else await pipeline(answer.body, res);
}
