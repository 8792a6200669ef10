import { HttpStatus } from '@nestjs/common';
import type { Request } from 'express';
import { Buffer } from 'node:buffer';
import { AppError } from '../common/errors/app-errors.js';

/**
 * The request body as bytes, for the proxy (the global body parser leaves /proxy/ paths alone so the
 * bytes reach WeChat unchanged). Undefined when there is none; 413 past `limit`.
 */
export async function readRawBody(req: Request, limit: number): Promise<Buffer | undefined> {
  const tooLarge = () => new AppError(HttpStatus.PAYLOAD_TOO_LARGE, `the request body is larger than ${limit} bytes`);
  if (Number(req.headers['content-length'] ?? 0) > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    bytes += buf.length;
    if (bytes > limit) throw tooLarge();
    chunks.push(buf);
  }
  return bytes === 0 ? undefined : Buffer.concat(chunks);
}
