import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface ReceivedWebhook {
  deliveryId: string;
  timestamp: string;
  signature: string;
  raw: string;
  body: Record<string, unknown>;
  /** The status this receiver answered; null while it hangs or when the connection died first. */
  answered: number | null;
}

/** How the receiver behaves: answer 2xx (optionally with a body, after a delay), 500, or hang. */
export interface ReceiverBehaviour {
  status: number;
  body?: string;
  delayMs?: number;
  hang?: boolean;
}

/**
 * A subscriber for the webhook tests on a fixed loopback port: records every request with its
 * headers and raw body, and can go down (refuse connections) and come back on the same port.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  behaviour: ReceiverBehaviour = { status: 200 };
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();

  private constructor(readonly port: number) {}

  static async start(port = 0): Promise<WebhookReceiver> {
    const r = new WebhookReceiver(port);
    const actual = await r.listen(port);
    return Object.assign(r, { port: actual }) as WebhookReceiver;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  /** Requests answered 2xx, i.e. deliveries the gateway saw succeed. */
  delivered(): ReceivedWebhook[] {
    return this.received.filter((r) => r.answered !== null && r.answered >= 200 && r.answered < 300);
  }

  /** How many times each delivery id was answered 2xx. */
  deliveredCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const r of this.delivered()) counts.set(r.deliveryId, (counts.get(r.deliveryId) ?? 0) + 1);
    return counts;
  }

  async waitFor(check: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`webhook receiver: ${what} not reached within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Refuse connections from now on (closes the listener and every open connection). */
  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async up(): Promise<void> {
    if (!this.server) await this.listen(this.port);
  }

  stop(): Promise<void> {
    return this.down();
  }

  private listen(port: number): Promise<number> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const entry: ReceivedWebhook = {
      deliveryId: String(req.headers['x-wechat-gateway-delivery'] ?? ''),
      timestamp: String(req.headers['x-wechat-gateway-timestamp'] ?? ''),
      signature: String(req.headers['x-wechat-gateway-signature'] ?? ''),
      raw,
      body: JSON.parse(raw) as Record<string, unknown>,
      answered: null,
    };
    this.received.push(entry);
    const b = this.behaviour;
    if (b.hang) return; // never answers: the gateway's timeout, or a crash, ends it
    if (b.delayMs) await new Promise((r) => setTimeout(r, b.delayMs));
    if (res.destroyed) return;
    res.writeHead(b.status, { 'content-type': 'application/json' }).end(b.body ?? '');
    entry.answered = b.status;
  }
}
