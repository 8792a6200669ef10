import { describe, expect, it } from '@jest/globals';
import type { Request } from 'express';
import { Buffer } from 'node:buffer';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { readProxyBody } from './proxy-body.js';

function fakeRequest(chunks: Buffer[], contentLength?: number): Request {
  const stream = Readable.from(chunks);
  const headers = contentLength === undefined ? {} : { 'content-length': String(contentLength) };
  return Object.assign(stream, { headers }) as unknown as Request;
}

describe('readProxyBody', () => {
  it('buffers a body up to the limit, so it can be resent', async () => {
    const body = await readProxyBody(fakeRequest([Buffer.from('ab'), Buffer.from('cd')]), 10);
    expect(body).toEqual(Buffer.from('abcd'));
  });

  it('answers undefined for an empty body', async () => {
    expect(await readProxyBody(fakeRequest([]), 10)).toBeUndefined();
  });

  it('streams a body announced larger than the limit without reading it', async () => {
    const req = fakeRequest([Buffer.alloc(20, 1)], 20);
    const body = await readProxyBody(req, 10);
    expect(body).toBe(req);
  });

  it('streams an unannounced body past the limit, losing no byte', async () => {
    const chunks = [Buffer.alloc(6, 1), Buffer.alloc(6, 2), Buffer.alloc(6, 3)];
    const body = await readProxyBody(fakeRequest(chunks), 10);
    expect(Buffer.isBuffer(body)).toBe(false);
    expect(await buffer(body as Readable)).toEqual(Buffer.concat(chunks));
  });
});
