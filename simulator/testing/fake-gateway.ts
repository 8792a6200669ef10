import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseXml } from '../core/xml.js';
import { SimMsgCrypt } from '../crypto/msg-crypt.js';
import type { ComponentCredentials } from '../options.js';

export interface ReceivedPush {
  path: string;
  query: Record<string, string>;
  body: string;
  /** Decrypted (or plain) XML fields. */
  fields: Record<string, string>;
}

export type Responder = (push: ReceivedPush) => string | Promise<string>;

/**
 * A stand-in for the gateway in the simulator's tests: decrypts pushes with the component
 * credentials, records them, and answers through `respond` (default: `success`).
 */
export class FakeGateway {
  readonly received: ReceivedPush[] = [];
  respond: Responder = () => 'success';
  readonly crypt: SimMsgCrypt;
  private server?: Server;
  url = '';

  constructor(component: ComponentCredentials) {
    this.crypt = new SimMsgCrypt({
      token: component.token,
      encodingAesKey: component.encodingAesKey,
      appId: component.appId,
    });
  }

  static async start(component: ComponentCredentials): Promise<FakeGateway> {
    const gateway = new FakeGateway(component);
    gateway.server = createServer((req, res) => {
      void gateway.handle(req).then(
        (answer) => res.end(answer),
        (err: Error) => res.writeHead(400).end(err.message),
      );
    });
    await new Promise<void>((resolve) => gateway.server?.listen(0, '127.0.0.1', resolve));
    gateway.url = `http://127.0.0.1:${(gateway.server.address() as AddressInfo).port}`;
    return gateway;
  }

  get eventUrl(): string {
    return `${this.url}/wechat/component/events`;
  }

  get messageUrlTemplate(): string {
    return `${this.url}/wechat/accounts/$APPID$/messages`;
  }

  pushesOf(infoType: string): ReceivedPush[] {
    return this.received.filter((p) => p.fields.InfoType === infoType);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const query = Object.fromEntries(url.searchParams);
    const outer = parseXml(body) ?? {};
    const fields = outer.Encrypt ? (parseXml(this.crypt.decrypt(outer.Encrypt).message) ?? {}) : outer;
    const push = { path: url.pathname, query, body, fields };
    this.received.push(push);
    return this.respond(push);
  }
}
