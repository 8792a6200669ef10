import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HostName } from '../options.js';

export type HostHandler = (host: HostName, req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface Listener {
  host: HostName;
  server: Server;
  url: string;
}

export async function startListener(host: HostName, port: number, handler: HostHandler): Promise<Listener> {
  const server = createServer((req, res) => {
    handler(host, req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`simulator error: ${(err as Error).message}`);
    });
  });
  // Keep-alive sockets would keep stop() waiting: closeAllConnections() below ends them at once.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return { host, server, url: `http://127.0.0.1:${actual}` };
}

export function closeListener(listener: Listener): Promise<void> {
  return new Promise((resolve) => {
    listener.server.close(() => resolve());
    listener.server.closeAllConnections();
  });
}
