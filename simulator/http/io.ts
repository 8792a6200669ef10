import type { IncomingMessage, ServerResponse } from 'node:http';

const MAX_BODY = 20 * 1024 * 1024; // media uploads go up to 10 MB at WeChat

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function parseUrl(req: IncomingMessage): { path: string; query: Record<string, string> } {
  const url = new URL(req.url ?? '/', 'http://simulator.local');
  return { path: url.pathname, query: Object.fromEntries(url.searchParams) };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  // WeChat answers JSON with this exact (non-standard) content type.
  res.writeHead(status, {
    'Content-Type': 'application/json; encoding=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendHtml(
  res: ServerResponse,
  status: number,
  html: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', ...headers });
  res.end(html);
}

export function sendBinary(res: ServerResponse, data: Buffer, contentType: string, filename?: string): void {
  const headers: Record<string, string | number> = { 'Content-Type': contentType, 'Content-Length': data.length };
  if (filename) headers['Content-Disposition'] = `attachment; filename="${filename}"`;
  res.writeHead(200, headers);
  res.end(data);
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { Location: location, 'Content-Length': 0 });
  res.end();
}

export function remoteIp(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
