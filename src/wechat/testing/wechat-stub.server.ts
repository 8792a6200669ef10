import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the stub received, for assertions. */
export interface StubRequest {
  method: string;
  path: string;
  /** The raw query string, without '?'. */
  rawQuery: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type StubHandler = (req: StubRequest, res: ServerResponse, hit: number) => void;

/**
 * A real HTTP server on 127.0.0.1 and a random port standing in for one WeChat host in unit tests
 * of the client (so that timeouts, resets and keep-alive are real, not mocked). Unknown paths: 404.
 */
export class WechatStubServer {
  readonly requests: StubRequest[] = [];
  private readonly routes = new Map<string, StubHandler>();
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(private readonly server: Server) {
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://stub');
        const request: StubRequest = {
          method: req.method ?? '',
          path: url.pathname,
          rawQuery: url.search.slice(1),
          query: url.searchParams,
          headers: req.headers,
          body: Buffer.concat(chunks),
        };
        this.requests.push(request);
        const handler = this.routes.get(url.pathname);
        if (handler) handler(request, res, this.hits(url.pathname));
        else sendJson(res, { error: 'no route' }, 404);
      });
    });
  }

  static async start(): Promise<WechatStubServer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new WechatStubServer(server);
  }

  /** host:port, as the client reports hosts. */
  get host(): string {
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get url(): string {
    return `http://${this.host}`;
  }

  route(path: string, handler: StubHandler): this {
    this.routes.set(path, handler);
    return this;
  }

  hits(path?: string): number {
    return this.requests.filter((r) => path === undefined || r.path === path).length;
  }

  /** Answers after `ms` unless the client went away first (its timeout fired). */
  later(res: ServerResponse, ms: number, answer: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!res.destroyed) answer();
    }, ms);
    this.timers.add(timer);
    res.on('close', () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    });
  }

  reset(): void {
    this.routes.clear();
    this.requests.length = 0;
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export function sendJson(res: ServerResponse, body: unknown, status = 200): void {
  // WeChat labels its JSON text/plain on many endpoints; the client must not rely on the content type.
  res.writeHead(status, { 'content-type': 'text/plain' }).end(JSON.stringify(body));
}

/** The base URL of a port that was just listened on and closed: connections to it are refused. */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
