import type { Request } from 'express';
import { Buffer } from 'node:buffer';
import { Readable } from 'node:stream';
import { replay } from '../token/raw-proxy.js';

/**
 * The request body for the proxy: a Buffer up to `limit` bytes (so the one retry after a token error
 * can send it again), else a stream of it (sent once, no retry); undefined when there is none. The
 * global body parser leaves /proxy/ paths alone, so these are the caller's bytes unchanged.
 */
export async function readProxyBody(req: Request, limit: number): Promise<Buffer | Readable | undefined> {
  // Announced larger than the limit: stream it at once, nothing is read here.
  if (Number(req.headers['content-length'] ?? 0) > limit) return req;
  const source = req[Symbol.asyncIterator]() as AsyncIterator<unknown>;
  const chunks: Buffer[] = [];
  let bytes = 0;
  for (let next = await source.next(); !next.done; next = await source.next()) {
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value as string);
    chunks.push(chunk);
    bytes += chunk.length;
    if (bytes > limit) return Readable.from(replay(chunks, source));
  }
  return bytes === 0 ? undefined : Buffer.concat(chunks);
}
